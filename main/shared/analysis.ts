/**
 * Records of a study and of one analysis of it, as stored, shown and printed.
 * Pure TypeScript: imports nothing outside main/shared.
 */
import type { Finding, LevelPoint, ModelRef, SeriesRole } from './findings';
import type { Condition, Level, Severity } from './targets';

/** Study header fields shown on screen and printed (DICOM keywords in comments). */
export interface StudyInfo {
  studyInstanceUid: string; // (0020,000D)
  patientName: string; // (0010,0010)
  patientId: string; // (0010,0020)
  patientBirthDate: string; // (0010,0030) YYYYMMDD
  patientSex: string; // (0010,0040)
  studyDate: string; // (0008,0020) YYYYMMDD
  accessionNumber: string; // (0008,0050)
  studyDescription: string; // (0008,1030)
  institutionName: string; // (0008,0080)
}

export interface SeriesUsed {
  role: SeriesRole;
  seriesInstanceUid: string;
  seriesDescription: string;
  sliceCount: number;
}

/** One run of the model on one study. Immutable once written. */
export interface AnalysisRecord {
  analysisId: string;
  studyInstanceUid: string;
  createdAt: string; // ISO 8601
  appVersion: string;
  model: ModelRef & { name: string; intendedUse: string };
  /** Execution provider actually used, e.g. 'cpu', 'cuda'. */
  provider: string;
  /** Why the requested provider was not used, after a fallback. */
  providerNote?: string;
  timingsMs: Record<string, number>;
  seriesUsed: SeriesUsed[];
  levelAssignmentMethod: string;
  findings: Finding[];
  levelPoints: LevelPoint[];
}

/** A reader's grade for one target; the AI value stays beside it. */
export interface ReaderOverride {
  analysisId: string;
  condition: Condition;
  level: Level;
  grade: Severity;
  note: string;
  reader: string;
  createdAt: string;
  /** True when written after sign-off (an addendum). */
  addendum: boolean;
}

export interface SignOff {
  analysisId: string;
  reader: string;
  signedAt: string;
}

/** An analysis as it was stored, with every reader override (in time order) and the sign-off if any. */
export interface AnalysisBundle {
  analysis: AnalysisRecord;
  overrides: ReaderOverride[];
  signOff: SignOff | null;
}
