/**
 * `store purge`: delete the retrieved copies (the app-managed `<store>/pacs-retrieved` folder, or one study
 * of it) and the instance rows that reference them, in one transaction with its 'purge' audit row. Series
 * left without instances go; a study goes only when nothing else references it (analyses, overrides and
 * sign-offs are append-only and stay, with the study header). Plain Node; never imports electron.
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { Store } from '../store/store';
import { retrievedRoot, retrievedStudyDir } from './retrievedFolder';

export interface PurgeResult {
  folder: string;
  instanceRows: number;
  seriesRows: number;
  studyRows: number;
  /** Files removed from disk. */
  files: number;
}

async function countFiles(dir: string): Promise<number> {
  if (!existsSync(dir)) return 0;
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).length;
}

/**
 * Purge retrieved copies (all, or one study's): rows first, in one transaction with the audit row, then the
 * files, so a failure never leaves rows pointing at deleted files. The SQL is the store's (purgeFolderRows).
 */
export async function purgeRetrieved(store: Store, studyUid?: string, actor?: string): Promise<PurgeResult> {
  const folder = path.resolve(studyUid ? retrievedStudyDir(store.dir, studyUid) : retrievedRoot(store.dir));
  if (studyUid && !existsSync(folder))
    throw new AppError('NOT_FOUND', `No retrieved copy of study ${studyUid} in ${retrievedRoot(store.dir)}.`);
  const files = await countFiles(folder);
  const rows = store.purgeFolderRows(folder, {
    ...(studyUid ? { studyInstanceUid: studyUid } : {}),
    ...(actor ? { actor } : {}),
    details: { folder, files },
  });
  await fs.rm(folder, { recursive: true, force: true });
  return { folder, files, ...rows };
}
