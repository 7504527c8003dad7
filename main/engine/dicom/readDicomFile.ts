/**
 * Read one file from disk and parse it: bytes -> DataSet -> InstanceHeader, with read errors mapped to
 * AppError UNREADABLE and non-DICOM files refused after their first 132 bytes. Plain Node; never imports electron.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { DataSet } from 'dicom-parser';
import { AppError } from '../../shared/errors';
import { sha256Hex } from '../sha256';
import type { FileDigest } from '../volume/types';
import type { InstanceHeader } from './headerTypes';
import { hasPart10Prefix, looksLikeRawDataset, parseDicomBytes } from './parseDicomBytes';
import { readInstanceHeader } from './readInstanceHeader';
import { TAG } from './tags';

/** Preamble (128 bytes) + 'DICM' (PS3.10 7.1). */
const HEAD_BYTES = 132;
/** What a header-only read takes from each file first. */
const HEADER_PREFIX_BYTES = 64 * 1024;

export interface ParsedFile {
  dataSet: DataSet;
  header: InstanceHeader;
}

function unreadable(e: unknown, file: string): AppError {
  if (e instanceof AppError) return e;
  const code = (e as NodeJS.ErrnoException)?.code ?? '';
  const why =
    code === 'EACCES' || code === 'EPERM' ? 'permission denied' : e instanceof Error ? e.message : String(e);
  return new AppError(
    'UNREADABLE',
    `Cannot read file: ${why}; check its permissions and import again.`,
    file,
  );
}

/**
 * The bytes of a DICOM file (at most `maxBytes` of them) and its size. The first 132 bytes are read alone, so a large non-DICOM file (a video, an
 * archive) is refused with NOT_DICOM without being read whole. Synchronous reads: measured ~3x faster
 * per file than fs.promises here. Throws AppError UNREADABLE or NOT_DICOM.
 */
export function readFileBytes(file: string, maxBytes = Infinity): { bytes: Uint8Array; fileSize: number } {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
    const got = readSync(fd, head, 0, head.length, 0);
    const start = head.subarray(0, got);
    if (!hasPart10Prefix(start) && !looksLikeRawDataset(start)) {
      throw new AppError('NOT_DICOM', 'Not a DICOM file (no "DICM" prefix at byte 128); skipped.', file);
    }
    const want = Math.max(got, Math.min(size, maxBytes));
    const bytes = Buffer.allocUnsafe(want);
    head.copy(bytes, 0, 0, got);
    let offset = got;
    while (offset < want) {
      const n = readSync(fd, bytes, offset, want - offset, offset);
      if (n === 0) break;
      offset += n;
    }
    return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, offset), fileSize: size };
  } catch (e) {
    throw unreadable(e, file);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Read and parse one DICOM file. Throws AppError (UNREADABLE, NOT_DICOM, TRUNCATED, NO_PIXEL_DATA, ...). */
export function readDicomFile(file: string): ParsedFile {
  const { bytes } = readFileBytes(file);
  const dataSet = parseDicomBytes(bytes, file);
  return { dataSet, header: readInstanceHeader(dataSet, file) };
}

/**
 * {@link readDicomFile} plus the file's digest, hashed from the bytes already read (the file is read
 * once for both decoding and the store's content hash).
 */
export function readDicomFileWithDigest(file: string): ParsedFile & { digest: FileDigest } {
  const { bytes, fileSize } = readFileBytes(file);
  const digest = { sha256: sha256Hex(bytes), sizeBytes: fileSize };
  const dataSet = parseDicomBytes(bytes, file);
  return { dataSet, header: readInstanceHeader(dataSet, file), digest };
}

/**
 * The header of one DICOM file, reading only its first 64 KiB when the header and the start of Pixel Data
 * fit there (the usual case: a 512x512 slice is 512 KiB, its header a few KiB); otherwise, or when that
 * partial parse fails for any reason (deflated dataset, long header), the whole file is read.
 */
export function readDicomHeader(file: string): InstanceHeader {
  const { bytes, fileSize } = readFileBytes(file, HEADER_PREFIX_BYTES);
  if (bytes.length < fileSize) {
    let partial: DataSet | undefined;
    try {
      partial = parseDicomBytes(bytes, file, TAG.PixelData);
    } catch {
      partial = undefined;
    }
    if (partial?.elements[TAG.PixelData]) return readInstanceHeader(partial, file, fileSize);
  }
  return readDicomFile(file).header;
}
