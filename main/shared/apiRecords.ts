/**
 * Plain records that the contract's import and study-list methods return (no pixels: volumes never cross
 * IPC as data blobs). Pure TypeScript: imports nothing outside main/shared.
 */
import type { SignOff, StudyInfo } from './analysis';
import type { ErrorCode } from './errors';
import type { SeriesRole } from './findings';

/** One file or folder that could not be imported, or something a person should know about the import. */
export interface ImportProblemInfo {
  code: ErrorCode;
  file: string;
  message: string;
}

/** One study of an import as the store took it. */
export interface ImportedStudyInfo {
  studyInstanceUid: string;
  patientName: string;
  studyDate: string;
  /** False when the StudyInstanceUID was already in the store (merged, never duplicated). */
  created: boolean;
  seriesCount: number;
  instanceCount: number;
  newInstances: number;
  /** Series roles found, e.g. ['Sagittal T1', 'Sagittal T2/STIR', 'Axial T2']. */
  roles: SeriesRole[];
}

/** What importStudy returns: the studies stored plus a per-file problem list (partial success). */
export interface ImportStudyResult {
  studies: ImportedStudyInfo[];
  problems: ImportProblemInfo[];
}

/** One analysis in a study list. */
export interface AnalysisListItem {
  analysisId: string;
  studyInstanceUid: string;
  createdAt: string;
  modelId: string;
  modelVersion: string;
  provider: string;
  overrideCount: number;
  signOff: SignOff | null;
}

/** One study in the local store. */
export interface StudyListItem {
  study: StudyInfo;
  seriesCount: number;
  instanceCount: number;
  firstImportedAt: string;
  lastImportedAt: string;
  analyses: AnalysisListItem[];
}
