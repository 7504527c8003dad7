/**
 * The app-managed upload folder inside the store folder (the user-data folder): files given as bytes
 * (`<store>/uploads/dropped/<uploadId>/<relative path>`) and unpacked .zip archives
 * (`<store>/uploads/unzipped/<sha256 of the zip>/`). Written once, never changed: the store references
 * them by path + SHA-256 like dropped files. Plain Node; never imports electron.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import type { UploadResult } from '../../shared/apiWorkspace';
import { AppError } from '../../shared/errors';

/** Folder name of uploads inside the store folder. */
export const UPLOADS_FOLDER = 'uploads';
/** Free space that must stay on the store's disk after an upload or an unzip (512 MiB). */
export const MIN_FREE_DISK_BYTES = 512 * 1024 * 1024;

/** `<store>/uploads`. */
export const uploadsRoot = (storeDir: string): string => path.join(storeDir, UPLOADS_FOLDER);
/** `<store>/uploads/dropped/<uploadId>`: the files of one browser drop. */
export const droppedDir = (storeDir: string, uploadId: string): string =>
  path.join(uploadsRoot(storeDir), 'dropped', uploadId);
/** `<store>/uploads/unzipped`: one folder per distinct .zip (by content hash). */
export const unzippedRoot = (storeDir: string): string => path.join(uploadsRoot(storeDir), 'unzipped');

/**
 * The segments of a relative path given by a client or a zip entry, or a reason it is refused: absolute
 * (`/x`, `C:\x`, `\\server`), `..`, `.` or empty segments, NUL or other control characters.
 */
export function safeRelativeSegments(relativePath: string): string[] | string {
  if (relativePath.length === 0) return 'the path is empty';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(relativePath)) return 'the path holds a NUL or control character';
  if (/^[\\/]/.test(relativePath) || /^[A-Za-z]:/.test(relativePath)) return 'the path is absolute';
  const segments = relativePath.split(/[\\/]/);
  if (segments.includes('..')) return 'the path climbs out of its folder ("..")';
  const kept = segments.filter((s, i) => !(s === '' && i === segments.length - 1));
  if (kept.some((s) => s === '' || s === '.')) return 'the path has an empty or "." segment';
  return kept;
}

/** `segments` joined under `root`, checked to stay inside it (a second line of defence). */
export function insideFolder(root: string, segments: readonly string[]): string {
  const full = path.resolve(root, ...segments);
  if (!full.startsWith(path.resolve(root) + path.sep))
    throw new AppError('INVALID_ARGUMENT', `The path ${segments.join('/')} leaves its folder.`);
  return full;
}

/** Refuse a write of `bytes` that would leave less than MIN_FREE_DISK_BYTES free where `dir` lives. */
export async function ensureFreeSpace(dir: string, bytes: number, what: string): Promise<void> {
  let probe = dir;
  while (!existsSync(probe) && path.dirname(probe) !== probe) probe = path.dirname(probe);
  const s = await fs.statfs(probe);
  const free = Number(s.bavail) * Number(s.bsize);
  if (free - bytes < MIN_FREE_DISK_BYTES)
    throw new AppError(
      'STORE_ERROR',
      `${what} needs ${mib(bytes)} MiB but only ${mib(free)} MiB are free on the disk of ${probe} ` +
        `(${mib(MIN_FREE_DISK_BYTES)} MiB must stay free). Free some space, then try again.`,
      probe,
    );
}

const mib = (bytes: number): string => (bytes / (1 << 20)).toFixed(0);
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Write `bytes` to `file` through a temporary name (0600; folders 0700); never replaces an existing file. */
async function writeOnce(file: string, bytes: Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.partial-${randomBytes(6).toString('hex')}`;
  await fs.writeFile(tmp, bytes, { mode: 0o600, flag: 'wx' });
  try {
    await fs.link(tmp, file); // fails with EEXIST instead of replacing
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

/**
 * Store one uploaded file under its upload. A second upload of the same path with the same bytes is a
 * no-op; different bytes are refused (files the store references never change under it).
 */
export async function storeUploadedFile(
  storeDir: string,
  arg: { uploadId: string; relativePath: string; bytes: ArrayBuffer },
): Promise<UploadResult> {
  const segments = safeRelativeSegments(arg.relativePath);
  if (typeof segments === 'string')
    throw new AppError('INVALID_ARGUMENT', `The upload path "${arg.relativePath}" is refused: ${segments}.`);
  const dir = droppedDir(storeDir, arg.uploadId);
  const file = insideFolder(dir, segments);
  const bytes = new Uint8Array(arg.bytes);
  const result = { uploadId: arg.uploadId, relativePath: segments.join('/'), sizeBytes: bytes.byteLength };
  if (existsSync(file)) {
    if (!statSync(file).isFile())
      throw new AppError('INVALID_ARGUMENT', `${result.relativePath} clashes with a folder of this upload.`);
    if (sha256(await fs.readFile(file)) === sha256(bytes)) return result;
    throw new AppError(
      'INVALID_ARGUMENT',
      `${result.relativePath} was already uploaded under ${arg.uploadId} with other bytes; start a new upload.`,
    );
  }
  await ensureFreeSpace(dir, bytes.byteLength, `Uploading ${result.relativePath}`);
  try {
    await writeOnce(file, bytes);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // Another upload of the same path won the race: compare with what it wrote.
    if (code === 'EEXIST' && existsSync(file) && statSync(file).isFile())
      return storeUploadedFile(storeDir, arg);
    if (code === 'EEXIST' || code === 'ENOTDIR' || code === 'EISDIR')
      throw new AppError(
        'INVALID_ARGUMENT',
        `${result.relativePath} clashes with a file or folder of this upload.`,
      );
    throw new AppError(
      'STORE_ERROR',
      `Could not store the upload ${result.relativePath}: ${(e as Error).message}`,
      file,
    );
  }
  return result;
}

/** Every file of one upload (sorted), or NOT_FOUND when nothing was uploaded under that id. */
export async function uploadedFiles(storeDir: string, uploadId: string): Promise<string[]> {
  const dir = droppedDir(storeDir, uploadId);
  if (!existsSync(dir))
    throw new AppError('NOT_FOUND', `Nothing was uploaded under ${uploadId}; drop the files again.`, dir);
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && !/\.partial-[0-9a-f]{12}$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}
