/** Study list search: by patient name, patient ID, study date (YYYYMMDD or YYYY-MM-DD) and accession. */
import type { StudyListItem } from '../../../main/shared/apiRecords';
import { personName } from '../../../main/shared/personName';

/** DICOM DA YYYYMMDD as YYYY-MM-DD (anything else as it is). */
export function formatDa(da: string): string {
  return /^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6)}` : da;
}

/** True when every word of `query` occurs in the study's name, ID, date or accession. */
export function matchesStudy(item: StudyListItem, query: string): boolean {
  const s = item.study;
  const hay = [personName(s.patientName), s.patientId, s.studyDate, formatDa(s.studyDate), s.accessionNumber]
    .join(' ')
    .toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}
