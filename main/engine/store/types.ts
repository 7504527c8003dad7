/**
 * Records the local store takes in and gives back beyond the contract's (StudyInfo, AnalysisRecord and the
 * study/analysis list records of main/shared/apiRecords). Plain TypeScript types; never imports electron.
 */
import type { StudyInfo } from '../../shared/analysis';
import type { StudyListItem } from '../../shared/apiRecords';
import type { SeriesRole } from '../../shared/findings';

/** One DICOM instance referenced by path and content hash; the store never copies pixel data. */
export interface InstanceRef {
  sopInstanceUid: string; // (0008,0018)
  filePath: string;
  /** Lower-case hex SHA-256 of the whole file as it was imported. */
  sha256: string;
  sizeBytes: number;
}

export interface SeriesImport {
  seriesInstanceUid: string; // (0020,000E)
  seriesDescription: string; // (0008,103E)
  role: SeriesRole;
  instances: InstanceRef[];
}

/** What an import hands to the store; re-importing the same StudyInstanceUID merges into the stored study. */
export interface StudyImport {
  study: StudyInfo;
  series: SeriesImport[];
}

export interface UpsertResult {
  studyInstanceUid: string;
  /** True when the study was not in the store before. */
  created: boolean;
  seriesCount: number;
  instanceCount: number;
  newInstances: number;
  /** Instances already stored whose path or content hash differs now. */
  changedInstances: number;
}

export interface StoredSeries {
  seriesInstanceUid: string;
  seriesDescription: string;
  role: SeriesRole;
  /** Number of distinct instances stored for the series. */
  sliceCount: number;
  instances: InstanceRef[];
}

/** A study as stored: the contract's list record (main/shared/apiRecords) plus its series and instances. */
export interface StoredStudy extends StudyListItem {
  series: StoredSeries[];
}

export type { AnalysisBundle } from '../../shared/analysis';

/** Audit events (clinical.md "Review, storage, audit"). */
export const AUDIT_EVENTS = [
  'import',
  'analysis',
  'view',
  'override',
  'sign-off',
  'print',
  'export',
  'pacs-retrieve',
  'pacs-send',
  'purge',
] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

export interface AuditEntry {
  event: AuditEvent;
  /** Who did it; the store's default actor (the OS user) when absent. */
  actor?: string;
  studyInstanceUid?: string;
  analysisId?: string;
  details: Record<string, unknown>;
}

export interface AuditRow {
  seq: number;
  at: string;
  event: AuditEvent;
  actor: string;
  studyInstanceUid: string | null;
  analysisId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export type AuditVerification =
  | { ok: true; rows: number; headHash: string }
  | { ok: false; rows: number; firstBadSeq: number; reason: string };

/** Rows `store purge` deleted for one app-managed folder. */
export interface PurgedRows {
  instanceRows: number;
  seriesRows: number;
  studyRows: number;
}

/** The 'purge' audit row of a purge: its study (one study's copy) and actor; the row counts join `details`. */
export interface PurgeAudit {
  studyInstanceUid?: string;
  actor?: string;
  details: Record<string, unknown>;
}

export interface OverrideInput {
  analysisId: string;
  condition: string;
  level: string;
  grade: string;
  reader: string;
  note?: string;
}
