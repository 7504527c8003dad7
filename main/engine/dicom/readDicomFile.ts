/**
 * Read one file from disk and parse it: bytes -> DataSet -> InstanceHeader, with read errors mapped to
 * AppError UNREADABLE. Plain Node; never imports electron.
 */
import { readFileSync } from 'node:fs';
import type { DataSet } from 'dicom-parser';
import { AppError } from '../../shared/errors';
import type { InstanceHeader } from './headerTypes';
import { parseDicomBytes } from './parseDicomBytes';
import { readInstanceHeader } from './readInstanceHeader';

export interface ParsedFile {
  dataSet: DataSet;
  header: InstanceHeader;
}

/** The bytes of a file (a synchronous read: measured ~3x faster per file than fs.promises here); AppError UNREADABLE. */
export async function readFileBytes(file: string): Promise<Uint8Array> {
  try {
    const b = readFileSync(file);
    return new Uint8Array(b.buffer, b.byteOffset, b.length);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code ?? '';
    const why =
      code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : e instanceof Error
          ? e.message
          : String(e);
    throw new AppError(
      'UNREADABLE',
      `Cannot read file: ${why}; check its permissions and import again.`,
      file,
    );
  }
}

/** Read and parse one DICOM file. Throws AppError (UNREADABLE, NOT_DICOM, TRUNCATED, NO_PIXEL_DATA, ...). */
export async function readDicomFile(file: string): Promise<ParsedFile> {
  const bytes = await readFileBytes(file);
  const dataSet = parseDicomBytes(bytes, file);
  return { dataSet, header: readInstanceHeader(dataSet, file) };
}
