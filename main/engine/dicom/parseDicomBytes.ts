/**
 * Bytes of one file -> a dicom-parser DataSet, with every failure mapped to a typed AppError
 * (NOT_DICOM, TRUNCATED). Deflated datasets are inflated with node:zlib. Plain Node; never imports electron.
 */
import { inflateRawSync } from 'node:zlib';
import dicomParser, { type DataSet } from 'dicom-parser';
import { AppError } from '../../shared/errors';
import { TAG } from './tags';

const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';

/** Text of whatever dicom-parser threw: an Error, a string, or `{ exception, dataSet }`. */
function thrownText(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === 'string') return e;
  if (e && typeof e === 'object' && 'exception' in e) return String((e as { exception: unknown }).exception);
  return String(e);
}

function isOverrun(text: string): boolean {
  return /overrun|past end|greater than or equal to|end of buffer|beyond/i.test(text);
}

/** True when the first bytes hold the 128-byte preamble and the 'DICM' prefix (PS3.10 7.1). */
export function hasPart10Prefix(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 132 &&
    bytes[128] === 0x44 &&
    bytes[129] === 0x49 &&
    bytes[130] === 0x43 &&
    bytes[131] === 0x4d
  );
}

/** A raw dataset without Part 10 header usually starts with a group 0x0008 element (little endian). */
export function looksLikeRawDataset(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0x08 && bytes[1] === 0x00;
}

function inflater(bytes: Uint8Array, position: number): Uint8Array {
  const inflated = inflateRawSync(bytes.subarray(position));
  const out = new Uint8Array(position + inflated.length);
  out.set(bytes.subarray(0, position), 0);
  out.set(inflated, position);
  return out;
}

/**
 * Parse a DICOM file's bytes. Part 10 files of any transfer syntax are accepted; a raw dataset without
 * the preamble is read as Implicit VR Little Endian (PS3.5 default) when it starts like one. With
 * `untilTag`, parsing stops at that element (its offset and length are recorded, its value is not read).
 * Throws AppError NOT_DICOM or TRUNCATED.
 */
export function parseDicomBytes(bytes: Uint8Array, file: string, untilTag?: string): DataSet {
  const part10 = hasPart10Prefix(bytes);
  if (!part10 && !looksLikeRawDataset(bytes)) {
    throw new AppError('NOT_DICOM', 'Not a DICOM file (no "DICM" prefix at byte 128); skipped.', file);
  }
  let dataSet: DataSet;
  try {
    dataSet = dicomParser.parseDicom(
      bytes,
      part10
        ? { inflater, ...(untilTag ? { untilTag } : {}) }
        : { TransferSyntaxUID: IMPLICIT_VR_LITTLE_ENDIAN, inflater, ...(untilTag ? { untilTag } : {}) },
    );
  } catch (e) {
    const text = thrownText(e);
    if (isOverrun(text)) {
      throw new AppError(
        'TRUNCATED',
        `DICOM file is truncated (${text}); copy it again from the source.`,
        file,
      );
    }
    throw new AppError('NOT_DICOM', `Not a readable DICOM file (${text}); skipped.`, file);
  }
  if (!part10 && !dataSet.elements[TAG.SOPInstanceUID] && !dataSet.elements[TAG.StudyInstanceUID]) {
    throw new AppError(
      'NOT_DICOM',
      'Not a DICOM file (no "DICM" prefix and no DICOM identifiers); skipped.',
      file,
    );
  }
  return dataSet;
}
