/**
 * Reading DICOM JSON (PS3.18 F.2) answers of QIDO-RS and STOW-RS: first string, number and person-name
 * values by tag. Plain Node; never imports electron.
 */

/** One DICOM JSON object: tag (8 hex digits) -> { vr, Value }. */
export type DicomJson = Record<string, { vr?: string; Value?: unknown[] } | undefined>;

/** First value of `tag` as text ('' when absent); PN values give their Alphabetic group. */
export function jsonString(obj: DicomJson, tag: string): string {
  const v = obj[tag]?.Value?.[0];
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return String((v as { Alphabetic?: unknown }).Alphabetic ?? '');
  return String(v);
}

/** Every value of `tag` as text. */
export function jsonStrings(obj: DicomJson, tag: string): string[] {
  return (obj[tag]?.Value ?? []).map((v) => String(v));
}

/** First value of `tag` as a number (NaN when absent). */
export function jsonNumber(obj: DicomJson, tag: string): number {
  const v = obj[tag]?.Value?.[0];
  return v === undefined ? Number.NaN : Number(v);
}

/** Items of a sequence `tag`. */
export function jsonItems(obj: DicomJson, tag: string): DicomJson[] {
  return (obj[tag]?.Value ?? []) as DicomJson[];
}

/** Parse a JSON array of DICOM JSON objects; undefined when the text is not one. */
export function parseDicomJsonArray(text: string): DicomJson[] | undefined {
  if (text.trim() === '') return [];
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? (v as DicomJson[]) : undefined;
  } catch {
    return undefined;
  }
}

/** DICOM tags used by the queries (group+element, 8 hex digits). */
export const TAG = {
  StudyInstanceUID: '0020000D',
  SeriesInstanceUID: '0020000E',
  SOPInstanceUID: '00080018',
  SOPClassUID: '00080016',
  PatientID: '00100020',
  PatientName: '00100010',
  StudyDate: '00080020',
  AccessionNumber: '00080050',
  StudyDescription: '00081030',
  ModalitiesInStudy: '00080061',
  NumberOfStudyRelatedSeries: '00201206',
  NumberOfSeriesRelatedInstances: '00201209',
  Modality: '00080060',
  SeriesDescription: '0008103E',
  SeriesNumber: '00200011',
  ReferencedSOPSequence: '00081199',
  FailedSOPSequence: '00081198',
  ReferencedSOPInstanceUID: '00081155',
  FailureReason: '00081197',
} as const;
