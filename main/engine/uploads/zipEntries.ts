/**
 * What a .zip may hold before anything is written: per entry (regular files and folders only; no
 * absolute or `..` paths, links, devices, encryption or unknown compression) and for the whole archive
 * (entry count, sizes and expansion ratio from the declared sizes). Pure checks; no I/O, no electron.
 */
import { MAX_UPLOAD_FILE_BYTES } from '../../shared/api';
import { safeRelativeSegments } from './uploadFolder';

/** Documented limits of an archive (README: "Zip archives"). */
export const ZIP_LIMITS = {
  /** Entries in one archive. */
  maxEntries: 50_000,
  /** Uncompressed bytes of one entry (the upload limit of one file: 1 GiB). */
  maxEntryBytes: MAX_UPLOAD_FILE_BYTES,
  /** Uncompressed bytes of the whole archive (8 GiB; a lumbar MRI study is well under 1 GiB). */
  maxTotalBytes: 8 * 1024 * 1024 * 1024,
  /** Uncompressed : compressed bytes, for the archive and for each entry (DICOM MR deflates ~2-10x). */
  maxRatio: 100,
  /** Below this many uncompressed bytes the ratio is not checked (a small file of zeros is harmless). */
  ratioFloorBytes: 16 * 1024 * 1024,
} as const;

export type ZipLimits = { [K in keyof typeof ZIP_LIMITS]: number };

/** The fields of a central-directory entry these checks read (yauzl's Entry has them all). */
export interface ZipEntryHeader {
  /** The decoded name (UTF-8 or CP437), as stored. */
  name: string;
  versionMadeBy: number;
  externalFileAttributes: number;
  generalPurposeBitFlag: number;
  compressionMethod: number;
  compressedSize: number;
  uncompressedSize: number;
}

export type EntryVerdict =
  { kind: 'file'; segments: string[] } | { kind: 'folder' } | { kind: 'refused'; reason: string };

/** Unix file types in the high 16 bits of the external attributes (entries made on Unix). */
const S_IFMT = 0o170000;
const UNIX_TYPES: Record<number, string> = {
  0o120000: 'a symbolic link (never followed)',
  0o020000: 'a character device',
  0o060000: 'a block device',
  0o010000: 'a named pipe (FIFO)',
  0o140000: 'a socket',
};
const MADE_ON_UNIX = 3;

/** What one entry is: a file to write (its safe path segments), a folder, or refused with the reason. */
export function classifyEntry(e: ZipEntryHeader, limits: ZipLimits = ZIP_LIMITS): EntryVerdict {
  const segments = safeRelativeSegments(e.name);
  if (typeof segments === 'string') return { kind: 'refused', reason: segments };
  if (e.versionMadeBy >>> 8 === MADE_ON_UNIX) {
    const type = ((e.externalFileAttributes >>> 16) & S_IFMT) >>> 0;
    if (UNIX_TYPES[type]) return { kind: 'refused', reason: `it is ${UNIX_TYPES[type]}` };
    if (type !== 0 && type !== 0o100000 && type !== 0o040000)
      return { kind: 'refused', reason: `it is not a regular file (mode ${type.toString(8)})` };
  }
  if (/[\\/]$/.test(e.name)) return { kind: 'folder' };
  if ((e.generalPurposeBitFlag & 0x1) !== 0) return { kind: 'refused', reason: 'it is encrypted' };
  if (e.compressionMethod !== 0 && e.compressionMethod !== 8)
    return {
      kind: 'refused',
      reason: `it uses compression method ${e.compressionMethod} (only stored and deflate are read)`,
    };
  if (e.uncompressedSize > limits.maxEntryBytes)
    return {
      kind: 'refused',
      reason: `it expands to ${gib(e.uncompressedSize)} GiB, over the ${gib(limits.maxEntryBytes)} GiB limit of one file`,
    };
  if (
    e.uncompressedSize > limits.ratioFloorBytes &&
    e.uncompressedSize > limits.maxRatio * Math.max(1, e.compressedSize)
  )
    return {
      kind: 'refused',
      reason: `it expands ${ratio(e)}x, over the limit of ${limits.maxRatio}x (a zip bomb?)`,
    };
  return { kind: 'file', segments };
}

const gib = (b: number): string => (b / 1024 ** 3).toFixed(2);
const ratio = (e: ZipEntryHeader): string => (e.uncompressedSize / Math.max(1, e.compressedSize)).toFixed(0);

/**
 * Why the whole archive is refused before anything is written (too many entries, too large or too
 * compressed in total by its declared sizes), or null. `zipBytes` is the archive's size on disk.
 */
export function archiveRefusal(
  declared: { entries: number; uncompressedBytes: number },
  zipBytes: number,
  limits: ZipLimits = ZIP_LIMITS,
): string | null {
  if (declared.entries > limits.maxEntries)
    return `it has ${declared.entries} entries, over the limit of ${limits.maxEntries}`;
  if (declared.uncompressedBytes > limits.maxTotalBytes)
    return `it expands to ${gib(declared.uncompressedBytes)} GiB, over the limit of ${gib(limits.maxTotalBytes)} GiB (a zip bomb?)`;
  const r = declared.uncompressedBytes / Math.max(1, zipBytes);
  if (declared.uncompressedBytes > limits.ratioFloorBytes && r > limits.maxRatio)
    return `it expands ${r.toFixed(0)}x, over the limit of ${limits.maxRatio}x (a zip bomb?)`;
  return null;
}
