/**
 * Content hashes of the user's DICOM files, which the store references by path instead of copying,
 * and the check that finds a moved or changed file. Plain Node; never imports electron.
 */
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import type { Volume } from '../volume/types';
import type { StudyInfo } from '../../shared/analysis';
import type { InstanceRef, SeriesImport, StoredSeries, StudyImport } from './types';

/** Lower-case hex SHA-256 of a file's bytes, streamed. */
export async function hashFileSha256(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A reference to one file: path, size and content hash. */
export async function instanceRefFromFile(sopInstanceUid: string, filePath: string): Promise<InstanceRef> {
  const [stat, sha256] = await Promise.all([fs.stat(filePath), hashFileSha256(filePath)]);
  return { sopInstanceUid, filePath, sha256, sizeBytes: stat.size };
}

/**
 * Build the store import of a study from its loaded stacks (stacks of one series merged, each instance
 * once). Digests taken when the pixels were decoded are used as they are; other files are hashed here.
 */
export async function studyImportFromVolumes(
  study: StudyInfo,
  volumes: ReadonlyArray<
    Pick<
      Volume,
      'seriesInstanceUid' | 'seriesDescription' | 'role' | 'sopInstanceUids' | 'filePaths' | 'fileDigests'
    >
  >,
): Promise<StudyImport> {
  const bySeries = new Map<string, SeriesImport>();
  const seen = new Set<string>();
  for (const v of volumes) {
    let s = bySeries.get(v.seriesInstanceUid);
    if (!s) {
      s = {
        seriesInstanceUid: v.seriesInstanceUid,
        seriesDescription: v.seriesDescription,
        role: v.role,
        instances: [],
      };
      bySeries.set(v.seriesInstanceUid, s);
    }
    for (let k = 0; k < v.sopInstanceUids.length; k += 1) {
      if (seen.has(v.sopInstanceUids[k])) continue; // a multi-frame instance holds several slices
      seen.add(v.sopInstanceUids[k]);
      const digest = v.fileDigests?.[k];
      s.instances.push(
        digest
          ? { sopInstanceUid: v.sopInstanceUids[k], filePath: v.filePaths[k], ...digest }
          : await instanceRefFromFile(v.sopInstanceUids[k], v.filePaths[k]),
      );
    }
  }
  return { study, series: [...bySeries.values()] };
}

export type FileStatus = 'ok' | 'missing' | 'changed';

export interface FileCheck {
  sopInstanceUid: string;
  filePath: string;
  status: FileStatus;
  /** Modification time (ms) when statSeriesFiles found the file; absent where it was not stat'ed. */
  mtimeMs?: number;
}

/**
 * Compare every referenced file's size with the stored one without reading it: 'missing' or 'changed' (size);
 * each found file's modification time is kept (caches of decoded files key on it).
 */
export async function statSeriesFiles(series: readonly StoredSeries[]): Promise<FileCheck[]> {
  const instances = series.flatMap((s) => s.instances);
  return Promise.all(
    instances.map(async (inst): Promise<FileCheck> => {
      try {
        const st = await fs.stat(inst.filePath);
        const status: FileStatus = st.size === inst.sizeBytes ? 'ok' : 'changed';
        return { sopInstanceUid: inst.sopInstanceUid, filePath: inst.filePath, status, mtimeMs: st.mtimeMs };
      } catch {
        return { sopInstanceUid: inst.sopInstanceUid, filePath: inst.filePath, status: 'missing' };
      }
    }),
  );
}

/**
 * Compare the digests taken while a study's files were decoded with the stored hashes: a referenced file
 * that was not decoded is 'missing', one whose bytes differ 'changed'. Reads nothing.
 */
export function checkDecodedFiles(
  series: readonly StoredSeries[],
  volumes: ReadonlyArray<Pick<Volume, 'filePaths' | 'fileDigests'>>,
): FileCheck[] {
  const decoded = new Map<string, string | undefined>();
  for (const v of volumes) v.filePaths.forEach((f, k) => decoded.set(f, v.fileDigests?.[k]?.sha256));
  return series.flatMap((s) =>
    s.instances.map((inst): FileCheck => {
      const sha256 = decoded.get(inst.filePath);
      const status: FileStatus = sha256 === undefined ? 'missing' : sha256 === inst.sha256 ? 'ok' : 'changed';
      return { sopInstanceUid: inst.sopInstanceUid, filePath: inst.filePath, status };
    }),
  );
}

/**
 * "<n> of <m> <what> are missing or changed since import (first: <file>, <status>)" when any check is not
 * ok, with that first file; undefined when all are.
 */
export function changedFilesText(
  checks: readonly FileCheck[],
  what: string,
): { text: string; file: string } | undefined {
  const bad = checks.filter((c) => c.status !== 'ok');
  if (bad.length === 0) return undefined;
  return {
    text: `${bad.length} of ${checks.length} ${what} are missing or changed since import (first: ${bad[0].filePath}, ${bad[0].status})`,
    file: bad[0].filePath,
  };
}
