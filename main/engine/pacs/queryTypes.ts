/**
 * What a PACS query asks and answers, the same for QIDO-RS and C-FIND. Plain data; imports nothing.
 */

/** Study-level query keys; unset keys match everything. */
export interface StudyQuery {
  patientId?: string;
  /** DICOM PN matching; `*` wildcards allowed. */
  patientName?: string;
  /** `YYYYMMDD` or a range `YYYYMMDD-YYYYMMDD` (either end may be empty). */
  studyDate?: string;
  accessionNumber?: string;
  /** (0008,0061) Modalities in Study; default MR. */
  modality?: string;
  /** Exact Study Instance UID. */
  studyInstanceUid?: string;
}

export interface PacsSeries {
  seriesInstanceUid: string;
  modality: string;
  seriesDescription: string;
  seriesNumber: string;
  instanceCount: number;
}

/** One study as the PACS lists it (the JSON of `pacs query --json`). */
export interface PacsStudy {
  studyInstanceUid: string;
  patientId: string;
  patientName: string;
  studyDate: string;
  accessionNumber: string;
  studyDescription: string;
  modalities: string[];
  seriesCount: number;
  series: PacsSeries[];
}

/** `YYYYMMDD` or `YYYYMMDD-YYYYMMDD` / `YYYYMMDD-` / `-YYYYMMDD`. */
export const STUDY_DATE_PATTERN = /^(\d{8}|\d{8}-|\d{8}-\d{8}|-\d{8})$/;
