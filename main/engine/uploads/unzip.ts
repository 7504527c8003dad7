/**
 * Unpack a .zip into the app-managed `<store>/uploads/unzipped/<sha256 of the zip>/` (yauzl): every
 * entry is checked first (zipEntries.ts) and refused ones are named; an archive whose declared sizes
 * break the limits is refused before a byte is written, and inflated bytes are counted so one that lies
 * about its sizes is stopped and removed. Plain Node; never imports electron.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import type { ImportProblem } from '../dicom/importTypes';
import type { JobProgress } from '../jobs';
import { AppError } from '../../shared/errors';
import { ensureFreeSpace, insideFolder, unzippedRoot } from './uploadFolder';
import { archiveRefusal, classifyEntry, ZIP_LIMITS, type ZipLimits } from './zipEntries';

/** yauzl 3 fields and functions that @types/yauzl (2.x) does not declare. */
interface RawEntry extends yauzl.Entry {
  fileNameRaw: Buffer;
}
const getFileNameLowLevel = (
  yauzl as unknown as {
    getFileNameLowLevel(flag: number, raw: Buffer, extra: unknown, strict: boolean): string;
  }
).getFileNameLowLevel;

export interface UnzipOptions {
  signal?: AbortSignal;
  onProgress?: (p: JobProgress) => void;
  limits?: ZipLimits;
}

export interface UnzipResult {
  /** The folder of the unpacked files, or null when the archive was refused or unreadable. */
  dir: string | null;
  /** Entries written (or found from an earlier unpack of the same bytes). */
  files: number;
  /** Refused entries (each named) and whole-archive refusals. */
  problems: ImportProblem[];
}

interface Planned {
  entry: RawEntry;
  name: string;
  segments: string[];
}

/** An archive stopped while inflating (sizes lied, or the total limit was reached). */
class InflateLimitError extends Error {}

const entryRef = (zipPath: string, name: string): string => `${zipPath}!${name}`;

async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

function openZip(zipPath: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(
      zipPath,
      { lazyEntries: true, decodeStrings: false, autoClose: false, validateEntrySizes: true },
      (err, zip) => (err || !zip ? reject(err ?? new Error('no zip')) : resolve(zip)),
    ),
  );
}

function readEntries(zip: yauzl.ZipFile): Promise<RawEntry[]> {
  return new Promise((resolve, reject) => {
    const out: RawEntry[] = [];
    zip.on('entry', (e: RawEntry) => {
      out.push(e);
      zip.readEntry();
    });
    zip.once('end', () => resolve(out));
    zip.once('error', reject);
    zip.readEntry();
  });
}

/** Check every entry: the files to write, and the refused ones as problems. */
function planEntries(
  zipPath: string,
  entries: RawEntry[],
  limits: ZipLimits,
): { plan: Planned[]; problems: ImportProblem[] } {
  const plan: Planned[] = [];
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const name = getFileNameLowLevel(
      entry.generalPurposeBitFlag,
      entry.fileNameRaw,
      entry.extraFields,
      false,
    );
    const v = classifyEntry({ ...entry, name }, limits);
    if (v.kind === 'folder') continue;
    if (v.kind === 'refused') {
      problems.push({
        code: 'UNSAFE_ARCHIVE',
        file: entryRef(zipPath, name),
        message: `Zip entry "${name}" was refused: ${v.reason}. The rest of the archive was read.`,
      });
      continue;
    }
    const key = v.segments.join('/');
    if (seen.has(key)) {
      problems.push({
        code: 'UNSAFE_ARCHIVE',
        file: entryRef(zipPath, name),
        message: `Zip entry "${name}" appears twice; only the first copy was read.`,
      });
      continue;
    }
    seen.add(key);
    plan.push({ entry, name, segments: v.segments });
  }
  return { plan, problems };
}

function openStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (err, s) => (err || !s ? reject(err ?? new Error('no stream')) : resolve(s))),
  );
}

/** Counts inflated bytes: past the entry's declared size or the archive's running total, it stops. */
function byteCounter(declared: number, total: { bytes: number; max: number }): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      total.bytes += chunk.length;
      if (seen > declared)
        return done(new InflateLimitError(`an entry inflates past its declared ${declared} bytes`));
      if (total.bytes > total.max)
        return done(new InflateLimitError(`it inflates past ${total.max} bytes in total`));
      done(null, chunk);
    },
  });
}

const isSizeLie = (e: unknown): boolean =>
  e instanceof InflateLimitError ||
  /too many bytes|not enough bytes|size mismatch/i.test(String((e as Error)?.message));

async function extractPlanned(
  zip: yauzl.ZipFile,
  zipPath: string,
  plan: Planned[],
  staging: string,
  opts: UnzipOptions,
  limits: ZipLimits,
): Promise<{ files: number; problems: ImportProblem[] }> {
  const total = { bytes: 0, max: limits.maxTotalBytes };
  const problems: ImportProblem[] = [];
  let files = 0;
  for (const [i, p] of plan.entries()) {
    if (opts.signal?.aborted) throw new AppError('ABORTED', 'The import was cancelled.');
    opts.onProgress?.({ stage: 'unzip', done: i, total: plan.length, message: p.name });
    const file = insideFolder(staging, p.segments);
    try {
      await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      const out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
      await pipeline(await openStream(zip, p.entry), byteCounter(p.entry.uncompressedSize, total), out, {
        signal: opts.signal,
      });
      files++;
    } catch (e) {
      if (opts.signal?.aborted) throw new AppError('ABORTED', 'The import was cancelled.');
      if (isSizeLie(e)) throw new InflateLimitError(`${p.name}: ${(e as Error).message}`);
      await fs.rm(file, { force: true });
      problems.push({
        code: 'UNREADABLE',
        file: entryRef(zipPath, p.name),
        message: `Zip entry "${p.name}" could not be unpacked: ${(e as Error).message}.`,
      });
    }
  }
  opts.onProgress?.({ stage: 'unzip', done: plan.length, total: plan.length });
  return { files, problems };
}

/** Run `write` into a fresh staging folder, then move it to `final` (all or nothing: removed on failure). */
async function unpackInto<T>(final: string, write: (staging: string) => Promise<T>): Promise<T> {
  const staging = `${final}.partial-${randomBytes(6).toString('hex')}`;
  await fs.mkdir(staging, { recursive: true, mode: 0o700 });
  try {
    const done = await write(staging);
    if (existsSync(final)) await fs.rm(staging, { recursive: true, force: true });
    else await fs.rename(staging, final);
    return done;
  } catch (e) {
    await fs.rm(staging, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Unpack `zipPath` into the store's upload folder. The same archive bytes unpack once (the folder is
 * named by their SHA-256); a later import reuses it. Never throws for a bad archive: the reasons come
 * back as problems; throws AppError ABORTED when cancelled and STORE_ERROR when the disk is too full.
 */
export async function unzipToStore(
  storeDir: string,
  zipPath: string,
  opts: UnzipOptions = {},
): Promise<UnzipResult> {
  const limits = opts.limits ?? ZIP_LIMITS;
  const refuse = (message: string, code: ImportProblem['code'] = 'UNSAFE_ARCHIVE'): UnzipResult => ({
    dir: null,
    files: 0,
    problems: [{ code, file: zipPath, message }],
  });
  const zipBytes = (await fs.stat(zipPath)).size;
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(zipPath);
  } catch (e) {
    return refuse(
      `${path.basename(zipPath)} is not a readable .zip archive (${(e as Error).message}).`,
      'UNREADABLE',
    );
  }
  try {
    if (zip.entryCount > limits.maxEntries)
      return refuse(
        `${path.basename(zipPath)} was refused: it has ${zip.entryCount} entries, over the limit of ${limits.maxEntries}. Nothing was unpacked.`,
      );
    const entries = await readEntries(zip);
    zip.on('error', () => undefined); // later read errors reach the entry's stream, which reports them
    // The whole archive by every entry's declared size (refused entries count: a bomb is a bomb).
    const declared = entries.reduce((s, e) => s + e.uncompressedSize, 0);
    const whole = archiveRefusal({ entries: zip.entryCount, uncompressedBytes: declared }, zipBytes, limits);
    if (whole) return refuse(`${path.basename(zipPath)} was refused: ${whole}. Nothing was unpacked.`);
    const { plan, problems } = planEntries(zipPath, entries, limits);
    if (plan.length === 0) return { dir: null, files: 0, problems };
    const final = path.join(unzippedRoot(storeDir), await sha256File(zipPath));
    if (existsSync(final)) return { dir: final, files: plan.length, problems };
    const planned = plan.reduce((n, p) => n + p.entry.uncompressedSize, 0);
    await ensureFreeSpace(unzippedRoot(storeDir), planned, `Unpacking ${path.basename(zipPath)}`);
    try {
      const done = await unpackInto(final, (staging) =>
        extractPlanned(zip, zipPath, plan, staging, opts, limits),
      );
      return { dir: final, files: done.files, problems: [...problems, ...done.problems] };
    } catch (e) {
      if (!(e instanceof InflateLimitError)) throw e;
      return refuse(
        `${path.basename(zipPath)} was refused while unpacking: ${e.message} (a zip bomb or a damaged archive). Nothing was kept.`,
      );
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    return refuse(
      `${path.basename(zipPath)} could not be read as a .zip archive (${(e as Error).message}).`,
      'UNREADABLE',
    );
  } finally {
    zip.close();
  }
}
