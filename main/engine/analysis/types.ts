/**
 * Options, progress stages and results of analyzeStudy (import -> series choice -> gradeStudy -> record ->
 * store -> report). Plain TypeScript types; never imports electron or the faces.
 */
import type { AnalysisRecord, StudyInfo } from '../../shared/analysis';
import type { ImportedStudy, ImportProblem } from '../dicom/importTypes';
import type { JobProgress } from '../jobs';
import type { ProviderRequest } from '../runtime/executionProvider';
import type { Store } from '../store/store';
import type { Volume } from '../volume/types';

/** Stages in the order they run; each has its own entry in AnalysisRecord.timingsMs (`<stage>` key, ms). */
export const ANALYSIS_STAGES = [
  'read+decode',
  'volumes',
  'localise',
  'crops',
  'classify',
  'store',
  'report',
] as const;
export type AnalysisStage = (typeof ANALYSIS_STAGES)[number];

/**
 * The store write an analysis needs (a Store, a wrapper that opens one on first write, or the engine
 * worker's recorder that hands the write back to the engine's thread); its result is not used.
 */
export type AnalysisSink = {
  saveStudyAnalysis(...args: Parameters<Store['saveStudyAnalysis']>): unknown;
};

export interface AnalyzeOptions {
  /** Model package folder (manifest.json + ONNX files). */
  modelDir: string;
  /** Execution provider to ask for; an unavailable one falls back to CPU and the record says why. */
  provider: ProviderRequest;
  /** When given, the study and the analysis are saved (audited as 'import' and 'analysis'). */
  store?: AnalysisSink;
  signal?: AbortSignal;
  onProgress?: (p: JobProgress) => void;
  /** Build the summary HTML (with key images from the in-memory volumes); timed as 'report'. */
  report?: boolean;
  /** App version recorded in the analysis; default: package.json's. */
  appVersion?: string;
  /** Clock (ISO 8601) for createdAt; injectable for tests. */
  now?: () => string;
  /** Called with the imported study before grading; throw an AppError to stop (nothing is stored). */
  afterImport?: (study: ImportedStudy) => void;
}

/** What to analyse: paths of one study's files, or a study the caller imported already. */
export type AnalyzeInput = { paths: string[] } | { study: ImportedStudy; readDecodeMs?: number };

/** The series chosen for the model, and the record of them. */
export interface ChosenSeries {
  volumes: Volume[];
  seriesUsed: AnalysisRecord['seriesUsed'];
}

export interface AnalyzeResult {
  record: AnalysisRecord;
  study: StudyInfo;
  /** The summary HTML when options.report was set. */
  html?: string;
  /** Things a person should know: import problems of this study's files, localiser notes. */
  problems: ImportProblem[];
  notes: string[];
}
