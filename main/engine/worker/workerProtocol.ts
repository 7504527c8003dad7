/**
 * Messages between the engine and its worker thread (node:worker_threads): tasks in, progress and one
 * result or error out, cancel by id. Plain data only (structured clone; pixel buffers transferred).
 * Plain Node types; never imports electron.
 */
import type { AnalysisRecord } from '../../shared/analysis';
import { AppError, type ErrorInfo } from '../../shared/errors';
import type { JobProgress } from '../jobs';
import type { ProviderRequest } from '../runtime/executionProvider';
import type { ImportedStudy } from '../dicom/importTypes';
import type { StudyImport } from '../store/types';
import type { DecodedStackPixels, StackDecodeRequest } from '../workspacePixels';

/**
 * Grade a stored study the engine prepared (prepareStoredStudy: its graded stacks decoded, their files
 * hash-checked; pixels copied across as plain ArrayBuffers) with a model package; the worker saves nothing.
 */
export interface AnalyzeTask {
  kind: 'analyze';
  study: ImportedStudy;
  readDecodeMs: number;
  modelDir: string;
  provider: ProviderRequest;
}

/** Decode one stack for the viewer (and the analysis: failed slices and file digests come with it). */
export interface DecodeStackTask {
  kind: 'decodeStack';
  req: StackDecodeRequest;
}

/** Start the thread and, given a model folder, load its sessions, so the first real task pays neither. */
export interface WarmTask {
  kind: 'warm';
  modelDir?: string;
  provider?: ProviderRequest;
}

export type WorkerTask = AnalyzeTask | DecodeStackTask | WarmTask;

/** What the engine writes to its store after the worker's analysis: the same call analyzeStudy makes. */
export interface AnalyzeOutcome {
  record: AnalysisRecord;
  save: { input: StudyImport; record: AnalysisRecord } | null;
}

export type TaskValue<T extends WorkerTask> = T extends AnalyzeTask
  ? AnalyzeOutcome
  : T extends DecodeStackTask
    ? DecodedStackPixels
    : null;

export type ToWorker = { type: 'task'; id: number; task: WorkerTask } | { type: 'cancel'; id: number };

/** An error crossing the thread: an AppError keeps its code; anything else is a bug with its stack. */
export type WireError = { appError: ErrorInfo } | { bug: string };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; id: number; progress: JobProgress }
  | { type: 'result'; id: number; value: AnalyzeOutcome | DecodedStackPixels | null }
  | { type: 'error'; id: number; error: WireError };

export function toWireError(e: unknown): WireError {
  if (e instanceof AppError) return { appError: e.toInfo() };
  return { bug: e instanceof Error ? (e.stack ?? e.message) : String(e) };
}

export function fromWireError(w: WireError): Error {
  if ('appError' in w) return new AppError(w.appError.code, w.appError.message, w.appError.file);
  return new Error(`engine worker: ${w.bug}`);
}
