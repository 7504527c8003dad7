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
}

/** Compare every referenced file with its stored hash: a moved file is 'missing', an edited one 'changed'. */
export async function checkSeriesFiles(series: readonly StoredSeries[]): Promise<FileCheck[]> {
  const out: FileCheck[] = [];
  for (const s of series) {
    for (const inst of s.instances) {
      let status: FileStatus;
      try {
        status = (await hashFileSha256(inst.filePath)) === inst.sha256 ? 'ok' : 'changed';
      } catch {
        status = 'missing';
      }
      out.push({ sopInstanceUid: inst.sopInstanceUid, filePath: inst.filePath, status });
    }
  }
  return out;
}
