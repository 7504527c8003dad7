/**
 * Imports that may hold .zip archives (a typed or dropped .zip path, a .zip inside a typed or dropped folder,
 * uploaded files): each archive is unpacked into the store's upload folder first (unzip.ts) and its folder
 * imported with the rest; the archive's refusals come back beside the import's problems, named
 * `<zip>!<entry>`. Never imports electron.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ImportStudyResult } from '../../shared/apiRecords';
import type { ImportProblem } from '../dicom/importTypes';
import type { JobContext } from '../jobs';
import { MAX_ZIPS_PER_FOLDER, zipsInFolder } from '../import/folderZips';
import type { Store } from '../store/store';
import { unzipToStore } from './unzip';

/** The import a face runs on plain paths (importIntoStore, or its off-thread form). */
export type PathImporter = (store: Store, paths: string[], ctx: JobContext) => Promise<ImportStudyResult>;

const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'latin1');
const EMPTY_ZIP_MAGIC = Buffer.from('PK\x05\x06', 'latin1');

/** True for a file named .zip, or one that starts like a zip (and has no DICOM 'DICM' at byte 128). */
export async function isZipFile(file: string): Promise<boolean> {
  const st = await fs.stat(file).catch(() => null);
  if (!st?.isFile()) return false;
  if (file.toLowerCase().endsWith('.zip')) return true;
  const head = Buffer.alloc(132);
  const fh = await fs.open(file, 'r');
  try {
    const { bytesRead } = await fh.read(head, 0, 132, 0);
    const magic = head.subarray(0, 4);
    const dicm = bytesRead >= 132 && head.subarray(128, 132).toString('latin1') === 'DICM';
    return !dicm && (magic.equals(ZIP_MAGIC) || magic.equals(EMPTY_ZIP_MAGIC));
  } finally {
    await fh.close();
  }
}

/** How a path inside the store's folders is shown in a problem: `<label><rest>`. */
export interface PathLabel {
  prefix: string;
  label: string;
}

/** Problems with store-internal paths rewritten to what the user gave (upload path, `<zip>!<entry>`). */
export function relabelProblems(problems: ImportProblem[], labels: readonly PathLabel[]): ImportProblem[] {
  return problems.map((p) => {
    const l = labels.find(
      (x) =>
        p.file === x.prefix || p.file.startsWith(x.prefix + path.sep) || p.file.startsWith(x.prefix + '!'),
    );
    if (!l) return p;
    const rest = p.file.slice(l.prefix.length);
    const tail = rest.startsWith(path.sep) ? rest.slice(1) : rest;
    return { ...p, file: l.label + tail.split(path.sep).join('/') || p.file };
  });
}

/** What expandZipPaths did: paths to import, refusals, how to show store paths, archives found in folders. */
export interface ExpandedPaths {
  paths: string[];
  problems: ImportProblem[];
  labels: PathLabel[];
  /** Archives found inside folders of `paths`: their own file is no DICOM problem once unpacked. */
  folderZips: Set<string>;
}

/**
 * Unpack the archives among `paths` and inside their folders (not inside unpacked archives: a zip in a
 * zip stays packed); the paths to import (an archive's folder in place of, or beside, it) and the refusals.
 */
export async function expandZipPaths(
  storeDir: string,
  paths: readonly string[],
  ctx: JobContext,
  labelOf: (zipPath: string) => string = (z) => z,
): Promise<ExpandedPaths> {
  const out: ExpandedPaths = { paths: [], problems: [], labels: [], folderZips: new Set() };
  const unpack = async (zip: string): Promise<void> => {
    const r = await unzipToStore(storeDir, zip, { signal: ctx.signal, onProgress: ctx.onProgress });
    out.problems.push(...relabelProblems(r.problems, [{ prefix: zip, label: labelOf(zip) }]));
    if (r.dir) {
      out.paths.push(r.dir);
      out.labels.push({ prefix: r.dir, label: `${labelOf(zip)}!` });
    }
  };
  for (const p of paths) {
    if (await isZipFile(p)) {
      await unpack(p);
      continue;
    }
    out.paths.push(p);
    const inFolder = await zipsInFolder(p);
    if (inFolder.capped)
      out.problems.push({
        code: 'UNSAFE_ARCHIVE',
        file: p,
        message: `${p} holds more than ${MAX_ZIPS_PER_FOLDER} .zip archives; only the first ${MAX_ZIPS_PER_FOLDER} were unpacked. Import the rest from their own folders.`,
      });
    for (const zip of inFolder.zips) {
      out.folderZips.add(zip);
      await unpack(zip);
    }
  }
  return out;
}

/**
 * importStudy with .zip support: archives given as paths or found in the given folders are unpacked into
 * the store's upload folder, then imported with the rest in one pass (a study split between loose files
 * and an archive is one study).
 */
export async function importWithZips(
  store: Store,
  paths: string[],
  ctx: JobContext,
  importer: PathImporter,
  extraLabels: readonly PathLabel[] = [],
  labelOf?: (zipPath: string) => string,
): Promise<ImportStudyResult> {
  const expanded = await expandZipPaths(store.dir, paths, ctx, labelOf);
  const labels = [...expanded.labels, ...extraLabels];
  if (expanded.paths.length === 0 && expanded.problems.length > 0)
    return { studies: [], problems: expanded.problems };
  const imported = await importer(store, expanded.paths, ctx);
  return { studies: imported.studies, problems: zipImportProblems(expanded, imported.problems, labels) };
}

/**
 * The problems of an import of expandZipPaths' paths, as the user should read them: the archives' refusals
 * first, then the import's with store paths relabelled (`<zip>!<entry>`), less the NOT_DICOM of each archive
 * that was found in a folder and unpacked (its own file is no DICOM file, and need not be).
 */
export function zipImportProblems(
  expanded: ExpandedPaths,
  importProblems: readonly ImportProblem[],
  labels: readonly PathLabel[] = expanded.labels,
): ImportProblem[] {
  const own = importProblems.filter((p) => !(p.code === 'NOT_DICOM' && expanded.folderZips.has(p.file)));
  return [...expanded.problems, ...relabelProblems(own, labels)];
}
