/**
 * The records an import returns: studies -> series -> stacks (with or without pixels) and a per-file
 * problem list. Plain TypeScript; never imports electron.
 */
import type { StudyInfo } from '../../shared/analysis';
import type { ErrorCode } from '../../shared/errors';
import type { SeriesRole } from '../../shared/findings';
import type { StackHeader, Volume } from '../volume/types';

/** One thing that could not be imported, or that a person should know about the import. */
export interface ImportProblem {
  code: ErrorCode;
  /** The file (or folder) concerned; for a series or study, its first file. */
  file: string;
  message: string;
}

export interface ImportProgress {
  done: number;
  total: number;
  file?: string;
}

export interface ImportOptions {
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
}

export interface ImportedSeriesOf<S extends StackHeader> {
  seriesInstanceUid: string;
  seriesNumber: number;
  seriesDescription: string;
  modality: string;
  /** Role of the series: its stacks' role (the largest stack's when they differ). */
  role: SeriesRole;
  stacks: S[];
}

export interface ImportedStudyOf<S extends StackHeader> {
  info: StudyInfo;
  series: ImportedSeriesOf<S>[];
}

export interface ImportResultOf<S extends StackHeader> {
  studies: ImportedStudyOf<S>[];
  problems: ImportProblem[];
}

/** A full import: every stack's pixels decoded. */
export type ImportedSeries = ImportedSeriesOf<Volume>;
export type ImportedStudy = ImportedStudyOf<Volume>;
export type ImportResult = ImportResultOf<Volume>;

/** A header-only scan: geometry and roles without pixels. */
export type HeaderScanResult = ImportResultOf<StackHeader>;
