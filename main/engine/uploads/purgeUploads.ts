/**
 * `store purge` for the upload folder: removes each upload (one browser drop, `uploads/dropped/<id>`)
 * and each unpacked archive (`uploads/unzipped/<sha256>`) that no stored instance references any more,
 * plus leftovers of interrupted writes; one 'purge' audit row when anything goes. Uploads younger than an hour stay (an
 * import may be about to use them). Plain Node; never imports electron.
 */
import { existsSync, promises as fs } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { appendAuditRow } from '../store/audit';
import type { Store } from '../store/store';
import { uploadsRoot } from './uploadFolder';

/** Uploads modified more recently than this are never purged (1 hour). */
export const UPLOAD_PURGE_MIN_AGE_MS = 60 * 60 * 1000;

export interface UploadPurgeResult {
  folder: string;
  /** Upload and unpacked-archive folders removed (paths). */
  removed: string[];
  /** Files removed with them. */
  files: number;
  /** Folders left: referenced by stored instances, or younger than an hour. */
  kept: number;
}

async function units(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const kind of ['dropped', 'unzipped']) {
    const dir = path.join(root, kind);
    if (!existsSync(dir)) continue;
    for (const name of await fs.readdir(dir)) out.push(path.join(dir, name));
  }
  return out;
}

async function newestMtimeMs(dir: string): Promise<number> {
  const st = await fs.lstat(dir);
  let newest = st.mtimeMs;
  if (!st.isDirectory()) return newest;
  for (const e of await fs.readdir(dir, { recursive: true, withFileTypes: true }))
    newest = Math.max(newest, (await fs.lstat(path.join(e.parentPath, e.name))).mtimeMs);
  return newest;
}

async function countFiles(dir: string): Promise<number> {
  const st = await fs.lstat(dir);
  if (!st.isDirectory()) return 1;
  return (await fs.readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => !e.isDirectory())
    .length;
}

function referenced(db: Database.Database, dir: string): boolean {
  const like = (dir + path.sep).replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
  return (
    db.prepare("SELECT 1 FROM instances WHERE file_path LIKE ? ESCAPE '\\' LIMIT 1").get(like) !== undefined
  );
}

function osUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Purge unreferenced uploads. The audit row (only when something is removed) is written (in a transaction that re-checks the references)
 * before the folders are deleted, so the log never misses a deletion. `now` is injectable for tests.
 */
export async function purgeUploads(
  store: Store,
  actor?: string,
  now: number = Date.now(),
): Promise<UploadPurgeResult> {
  const folder = uploadsRoot(store.dir);
  const candidates: Array<{ dir: string; files: number }> = [];
  for (const dir of await units(folder)) {
    if (now - (await newestMtimeMs(dir)) < UPLOAD_PURGE_MIN_AGE_MS) continue;
    candidates.push({ dir, files: await countFiles(dir) });
  }
  const db = new Database(store.file);
  let chosen: Array<{ dir: string; files: number }>;
  try {
    db.pragma('busy_timeout = 5000');
    chosen = db
      .transaction(() => {
        const free = candidates.filter((c) => !referenced(db, c.dir));
        const details = {
          folder,
          removed: free.map((c) => path.relative(folder, c.dir)),
          files: free.reduce((s, c) => s + c.files, 0),
        };
        if (free.length > 0)
          appendAuditRow(db, { event: 'purge', details }, new Date(now).toISOString(), actor ?? osUser());
        return free;
      })
      .immediate();
  } catch (e) {
    throw new AppError(
      'STORE_ERROR',
      `Could not purge the uploads: ${(e as Error).message}; nothing was deleted.`,
      store.file,
    );
  } finally {
    db.close();
  }
  for (const c of chosen) await fs.rm(c.dir, { recursive: true, force: true });
  const total = (await units(folder)).length;
  return {
    folder,
    removed: chosen.map((c) => c.dir),
    files: chosen.reduce((s, c) => s + c.files, 0),
    kept: total,
  };
}
