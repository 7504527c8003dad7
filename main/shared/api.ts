/**
 * The one typed contract between the engine and its three faces (Electron IPC, loopback HTTP host, CLI).
 * Pure TypeScript plus zod: imports nothing outside main/shared. Method names: apiMethods.ts.
 */
import { z } from 'zod';
import type { AnalysisRecord } from './analysis';
import type { ImportStudyResult, StudyListItem } from './apiRecords';
import type { Result } from './errors';

/** One ONNX Runtime execution provider as onnxruntime-node reports it (`listSupportedBackends()`). */
export interface ExecutionProviderInfo {
  /** e.g. 'cpu', 'cuda', 'dml', 'coreml', 'webgpu', 'tensorrt'. */
  name: string;
  /** True when its binaries ship inside onnxruntime-node; false means an opt-in download (CUDA). */
  bundled: boolean;
}

/** What the ONNX runtime can do on this machine; a load failure is data, not a crash. */
export interface RuntimeInfo {
  available: boolean;
  providers: ExecutionProviderInfo[];
  /** Why onnxruntime-node could not be loaded, when available is false. */
  error?: string;
}

/** Facts shown in the banner, the About box and the report footer. */
export interface AppInfo {
  appName: string;
  appVersion: string;
  /** The intended-use banner; no face may hide it. */
  intendedUse: string;
  exclusions: string;
  /** Node's process.platform / process.arch of the engine. */
  platform: string;
  arch: string;
  onnxRuntime: RuntimeInfo;
}

/**
 * The contract. Every method takes at most one plain-data argument and resolves to a Result, so
 * errors survive IPC and JSON. Add a method here, its schema below and its name in apiMethods.ts;
 * the compiler checks that the three agree.
 */
export interface SpineGradeApi {
  /** Version, intended use, platform and the ONNX Runtime execution providers available. */
  getAppInfo(): Promise<Result<AppInfo>>;
  /**
   * Import files and folders into the local store (headers read and files hashed; pixel data stays in the
   * user's files). A long job: progress arrives as job events under `jobId`; cancelJob stops it.
   * Partial success: what could be read is stored, every other file is listed in `problems`.
   */
  importStudy(arg: { paths: string[]; jobId?: string }): Promise<Result<ImportStudyResult>>;
  /** Studies in the local store with their analyses. */
  listStudies(): Promise<Result<StudyListItem[]>>;
  /**
   * Grade the 25 targets of a stored study (its files verified against their import-time hashes) with the
   * default model; the analysis is saved and returned. A long job like importStudy. `provider` defaults to
   * 'auto'; an unavailable one falls back to CPU and the record says why (provider, providerNote).
   */
  analyzeStudy(arg: {
    studyInstanceUid: string;
    provider?: 'auto' | 'cpu' | 'cuda' | 'dml' | 'coreml';
    jobId?: string;
  }): Promise<Result<AnalysisRecord>>;
  /** The structured summary of a stored analysis as one self-contained HTML document (audited as 'view'). */
  getReport(arg: { analysisId: string; paper?: 'A4' | 'Letter' }): Promise<Result<{ html: string }>>;
  /** Write the summary of a stored analysis to HTML and/or PDF files, all-or-nothing (audited as 'export'). */
  exportReport(arg: {
    analysisId: string;
    htmlPath?: string;
    pdfPath?: string;
    paper?: 'A4' | 'Letter';
  }): Promise<Result<{ files: Array<{ file: string; sha256: string }> }>>;
  /** Cancel a running job; `cancelled` is false when no job with that id runs. */
  cancelJob(arg: { jobId: string }): Promise<Result<{ cancelled: boolean }>>;
}

export type ApiMethod = keyof SpineGradeApi;
/** The argument of a method (undefined for methods without one). */
export type ApiArg<M extends ApiMethod> = Parameters<SpineGradeApi[M]>[0];
/** The success value of a method. */
export type ApiValue<M extends ApiMethod> =
  Awaited<ReturnType<SpineGradeApi[M]>> extends Result<infer T> ? T : never;

/** Argument schemas, one per method, checked at every edge (IPC handler, HTTP host). */
const jobId = z.string().min(1).max(128);
const paper = z.enum(['A4', 'Letter']);

export const API_ARG_SCHEMAS = {
  getAppInfo: z.undefined(),
  importStudy: z.strictObject({
    paths: z.array(z.string().min(1).max(4096)).min(1).max(10_000),
    jobId: jobId.optional(),
  }),
  listStudies: z.undefined(),
  analyzeStudy: z.strictObject({
    studyInstanceUid: z.string().min(1).max(64),
    provider: z.enum(['auto', 'cpu', 'cuda', 'dml', 'coreml']).optional(),
    jobId: jobId.optional(),
  }),
  getReport: z.strictObject({ analysisId: z.string().min(4).max(64), paper: paper.optional() }),
  exportReport: z.strictObject({
    analysisId: z.string().min(4).max(64),
    htmlPath: z.string().min(1).max(4096).optional(),
    pdfPath: z.string().min(1).max(4096).optional(),
    paper: paper.optional(),
  }),
  cancelJob: z.strictObject({ jobId }),
} as const satisfies { [M in ApiMethod]: z.ZodType<ApiArg<M>> };
