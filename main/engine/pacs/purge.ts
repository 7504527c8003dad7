/**
 * `store purge`: delete the retrieved copies (the app-managed `<store>/pacs-retrieved` folder, or one study
 * of it) and the instance rows that reference them, in one transaction with its 'purge' audit row. Series
 * left without instances go; a study goes only when nothing else references it (analyses, overrides and
 * sign-offs are append-only and stay, with the study header). Plain Node; never imports electron.
 */
import { existsSync, promises as fs } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { appendAuditRow } from '../store/audit';
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

function deleteRows(db: Database.Database, folder: string): Omit<PurgeResult, 'folder' | 'files'> {
  const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep;
  const like = prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
  const series = db
    .prepare("SELECT DISTINCT series_uid FROM instances WHERE file_path LIKE ? ESCAPE '\\'")
    .all(like) as Array<{ series_uid: string }>;
  const instanceRows = db
    .prepare("DELETE FROM instances WHERE file_path LIKE ? ESCAPE '\\'")
    .run(like).changes;
  let seriesRows = 0;
  const studies = new Set<string>();
  for (const { series_uid } of series) {
    const study = db.prepare('SELECT study_uid FROM series WHERE series_uid = ?').get(series_uid) as
      { study_uid: string } | undefined;
    if (study) studies.add(study.study_uid);
    seriesRows += db
      .prepare(
        'DELETE FROM series WHERE series_uid = ? AND NOT EXISTS (SELECT 1 FROM instances WHERE series_uid = ?)',
      )
      .run(series_uid, series_uid).changes;
  }
  let studyRows = 0;
  for (const uid of studies) {
    studyRows += db
      .prepare(
        'DELETE FROM studies WHERE study_uid = ? AND NOT EXISTS (SELECT 1 FROM series WHERE study_uid = ?) AND NOT EXISTS (SELECT 1 FROM analyses WHERE study_uid = ?)',
      )
      .run(uid, uid, uid).changes;
  }
  db.prepare(
    'DELETE FROM patients WHERE NOT EXISTS (SELECT 1 FROM studies WHERE patient_row = patients.id)',
  ).run();
  return { instanceRows, seriesRows, studyRows };
}

function osUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Purge retrieved copies (all, or one study's): rows first, in one transaction with the audit row, then the
 * files, so a failure never leaves rows pointing at deleted files. The store must be open (its folder and
 * migrations); the purge uses its own connection to the same database.
 */
export async function purgeRetrieved(store: Store, studyUid?: string, actor?: string): Promise<PurgeResult> {
  const folder = path.resolve(studyUid ? retrievedStudyDir(store.dir, studyUid) : retrievedRoot(store.dir));
  if (studyUid && !existsSync(folder))
    throw new AppError('NOT_FOUND', `No retrieved copy of study ${studyUid} in ${retrievedRoot(store.dir)}.`);
  const files = await countFiles(folder);
  const db = new Database(store.file);
  let rows: Omit<PurgeResult, 'folder' | 'files'>;
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    rows = db
      .transaction(() => {
        const r = deleteRows(db, folder);
        appendAuditRow(
          db,
          { event: 'purge', studyInstanceUid: studyUid, details: { folder, files, ...r } },
          new Date().toISOString(),
          actor ?? osUser(),
        );
        return r;
      })
      .immediate();
  } catch (e) {
    throw new AppError(
      'STORE_ERROR',
      `Could not purge the retrieved copies: ${(e as Error).message}; nothing was deleted.`,
      store.file,
    );
  } finally {
    db.close();
  }
  await fs.rm(folder, { recursive: true, force: true });
  return { folder, files, ...rows };
}
