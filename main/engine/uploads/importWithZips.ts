/**
 * Imports that may hold .zip archives (a typed or dropped .zip path, uploaded files): each archive is
 * unpacked into the store's upload folder first (unzip.ts) and its folder imported in its place; the
 * archive's refusals come back beside the import's problems, named `<zip>!<entry>`. Never imports electron.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ImportStudyResult } from '../../shared/apiRecords';
import type { ImportProblem } from '../dicom/importTypes';
import type { JobContext } from '../jobs';
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

/** Unpack the archives among `paths`; the paths to import (folders in place of archives) and the refusals. */
export async function expandZipPaths(
  storeDir: string,
  paths: readonly string[],
  ctx: JobContext,
  labelOf: (zipPath: string) => string = (z) => z,
): Promise<{ paths: string[]; problems: ImportProblem[]; labels: PathLabel[] }> {
  const out: string[] = [];
  const problems: ImportProblem[] = [];
  const labels: PathLabel[] = [];
  for (const p of paths) {
    if (!(await isZipFile(p))) {
      out.push(p);
      continue;
    }
    const r = await unzipToStore(storeDir, p, { signal: ctx.signal, onProgress: ctx.onProgress });
    problems.push(...relabelProblems(r.problems, [{ prefix: p, label: labelOf(p) }]));
    if (r.dir) {
      out.push(r.dir);
      labels.push({ prefix: r.dir, label: `${labelOf(p)}!` });
    }
  }
  return { paths: out, problems, labels };
}

/** importStudy with .zip support: archives unpacked into the store's upload folder, then imported. */
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
  return {
    studies: imported.studies,
    problems: [...expanded.problems, ...relabelProblems(imported.problems, labels)],
  };
}
