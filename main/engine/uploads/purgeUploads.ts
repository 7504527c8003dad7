/**
 * `store purge` for the upload folder: removes each upload (one browser drop, `uploads/dropped/<id>`)
 * and each unpacked archive (`uploads/unzipped/<sha256>`) that no stored instance references any more,
 * plus leftovers of interrupted writes; one 'purge' audit row when anything goes. Uploads younger than an hour stay (an
 * import may be about to use them). Plain Node; never imports electron.
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
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

/**
 * Purge unreferenced uploads. The store checks the references and writes the audit row (only when something
 * is removed) in one transaction before the folders are deleted, so the log never misses a deletion. `now`
 * (the age cut-off) is injectable for tests.
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
  const free = new Set(
    store.unreferencedFolders(
      candidates.map((c) => c.dir),
      {
        ...(actor ? { actor } : {}),
        details: (dirs) => ({
          folder,
          removed: dirs.map((d) => path.relative(folder, d)),
          files: candidates.filter((c) => dirs.includes(c.dir)).reduce((s, c) => s + c.files, 0),
        }),
      },
    ),
  );
  const chosen = candidates.filter((c) => free.has(c.dir));
  for (const c of chosen) await fs.rm(c.dir, { recursive: true, force: true });
  const total = (await units(folder)).length;
  return {
    folder,
    removed: chosen.map((c) => c.dir),
    files: chosen.reduce((s, c) => s + c.files, 0),
    kept: total,
  };
}
