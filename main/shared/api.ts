/**
 * The one typed contract between the engine and its three faces (Electron IPC, loopback HTTP host, CLI).
 * Pure TypeScript plus zod: imports nothing outside main/shared. Method names: apiMethods.ts.
 */
import { z } from 'zod';
import type { AnalysisBundle, AnalysisRecord, ReaderOverride, SignOff } from './analysis';
import type {
  ExportSrResult,
  PacsEchoResult,
  PacsNodeInfo,
  PacsQueryResult,
  PacsRetrieveResult,
  PacsSendResult,
} from './apiPacs';
import type { ImportStudyResult, StudyListItem } from './apiRecords';
import type {
  PrintResult,
  SavePdfResult,
  StackPixels,
  StackThumbnail,
  StudyDetail,
  UploadResult,
} from './apiWorkspace';
import type { Result } from './errors';
import { CONDITIONS, LEVELS, SEVERITIES, type Condition, type Level, type Severity } from './targets';

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
    provider?: 'auto' | 'cpu' | 'cuda' | 'dml' | 'coreml' | 'webgpu';
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
    /** Also write the DICOM Encapsulated PDF beside the PDF (same folder and name, extension .dcm). */
    encapsulatedPdf?: boolean;
  }): Promise<Result<{ files: Array<{ file: string; sha256: string }> }>>;
  /** Cancel a running job; `cancelled` is false when no job with that id runs. */
  cancelJob(arg: { jobId: string }): Promise<Result<{ cancelled: boolean }>>;

  // ---- The reading workspace -------------------------------------------------------------------
  /** A stored study with its series, stacks (geometry from the headers) and analyses; reads no pixels. */
  getStudyDetail(arg: { studyInstanceUid: string }): Promise<Result<StudyDetail>>;
  /**
   * The decoded pixels of one stack (files verified against their import-time hashes). `pixels` crosses
   * as binary only (BINARY_VALUE_FIELDS); slices that could not be decoded are listed, not fatal.
   */
  getStackPixels(arg: {
    studyInstanceUid: string;
    seriesInstanceUid: string;
    stackIndex: number;
  }): Promise<Result<StackPixels>>;
  /**
   * A thumbnail of one stack (its middle slice, long side <= 128 px, uint8 after the automatic MR window)
   * for the series chooser; decodes one file, not the stack. `pixels` crosses as binary only.
   */
  getStackThumbnail(arg: {
    studyInstanceUid: string;
    seriesInstanceUid: string;
    stackIndex: number;
  }): Promise<Result<StackThumbnail>>;
  /** One stored analysis exactly as stored, with its overrides (time order) and sign-off. Never re-runs the model. */
  getAnalysis(arg: { analysisId: string }): Promise<Result<AnalysisBundle>>;
  /** A reader's grade for one target beside the AI's (audited); after sign-off it is stored as an addendum. */
  overrideFinding(arg: {
    analysisId: string;
    condition: Condition;
    level: Level;
    grade: Severity;
    reader: string;
    note?: string;
  }): Promise<Result<ReaderOverride>>;
  /** Sign an analysis with the reader's name: locks it (LOCKED when already signed); later changes are addenda. */
  signAnalysis(arg: { analysisId: string; reader: string }): Promise<Result<SignOff>>;
  /** Print the summary (audited as 'print'): the app opens the system print dialog; the host returns the HTML. */
  printReport(arg: { analysisId: string; paper?: 'A4' | 'Letter' }): Promise<Result<PrintResult>>;
  /** The summary as PDF: the app asks where (save dialog) and writes PDF + Encapsulated PDF; the host returns bytes. */
  savePdf(arg: { analysisId: string; paper?: 'A4' | 'Letter' }): Promise<Result<SavePdfResult>>;
  /**
   * Store one dropped file's bytes (browser host: files have no path) in the app's upload folder under
   * `uploadId`; `relativePath` keeps the dropped folder layout. `bytes` crosses as binary only.
   */
  uploadFile(arg: { uploadId: string; relativePath: string; bytes: ArrayBuffer }): Promise<Result<UploadResult>>;
  /** Import everything uploaded under `uploadId` (.zip files unpacked safely first); a long job like importStudy. */
  importUploaded(arg: { uploadId: string; jobId?: string }): Promise<Result<ImportStudyResult>>;

  // ---- PACS exchange and the DICOM SR (apiPacs.ts) ----------------------------------------------
  /** The configured PACS nodes (names, kinds, addresses; never a credential). Reads the config only. */
  pacsListNodes(): Promise<Result<PacsNodeInfo[]>>;
  /** Check that a configured node answers (C-ECHO, or a one-study QIDO-RS). */
  pacsEcho(arg: { node: string }): Promise<Result<PacsEchoResult>>;
  /** Studies on a node (default modality MR; '' for any), each with its series, like `pacs query --json`. */
  pacsQuery(arg: {
    node: string;
    patientName?: string;
    patientId?: string;
    studyDate?: string;
    accessionNumber?: string;
    modality?: string;
  }): Promise<Result<PacsQueryResult>>;
  /**
   * Retrieve a study into the app-managed folder and import it like a drop; a long job like importStudy
   * (cancelJob stops it; nothing is imported then).
   */
  pacsRetrieve(arg: {
    node: string;
    studyInstanceUid: string;
    jobId?: string;
  }): Promise<Result<PacsRetrieveResult>>;
  /** Send the DICOM SR and the Encapsulated PDF of an analysis; after sign-off unless `unsigned` (preliminary). */
  pacsSend(arg: { node: string; analysisId: string; unsigned?: boolean }): Promise<Result<PacsSendResult>>;
  /** The DICOM SR of an analysis: written to `srPath` (app, beside the saved PDF) or returned as bytes (host). */
  exportSr(arg: { analysisId: string; srPath?: string }): Promise<Result<ExportSrResult>>;
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
const uid = z.string().min(1).max(64);
const analysisId = z.string().min(4).max(64);
const reader = z.string().trim().min(1).max(128);
const uploadId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 letters, digits, - or _');
const pacsNode = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be a configured PACS node name');
const queryKey = z.string().max(64);

/** Largest single file the browser host accepts as bytes (one DICOM instance or one .zip). */
export const MAX_UPLOAD_FILE_BYTES = 1024 * 1024 * 1024;

/**
 * Fields that cross as binary, never as JSON: a method's ArrayBuffer result field (IPC: structured
 * clone; HTTP: the octet-stream body, the rest of the value as JSON in a header) and argument field.
 */
export const BINARY_VALUE_FIELDS = {
  getStackPixels: 'pixels',
  getStackThumbnail: 'pixels',
  savePdf: 'pdf',
  exportSr: 'sr',
} as const satisfies Partial<Record<ApiMethod, string>>;
export const BINARY_ARG_FIELDS = { uploadFile: 'bytes' } as const satisfies Partial<Record<ApiMethod, string>>;
/** HTTP header that carries the JSON part of a binary request or response (URI-encoded). */
export const BINARY_JSON_HEADER = 'x-spinegrade-json';

export const API_ARG_SCHEMAS = {
  getAppInfo: z.undefined(),
  importStudy: z.strictObject({
    paths: z.array(z.string().min(1).max(4096)).min(1).max(10_000),
    jobId: jobId.optional(),
  }),
  listStudies: z.undefined(),
  analyzeStudy: z.strictObject({
    studyInstanceUid: z.string().min(1).max(64),
    provider: z.enum(['auto', 'cpu', 'cuda', 'dml', 'coreml', 'webgpu']).optional(),
    jobId: jobId.optional(),
  }),
  getReport: z.strictObject({ analysisId: z.string().min(4).max(64), paper: paper.optional() }),
  exportReport: z.strictObject({
    analysisId: z.string().min(4).max(64),
    htmlPath: z.string().min(1).max(4096).optional(),
    pdfPath: z.string().min(1).max(4096).optional(),
    paper: paper.optional(),
    encapsulatedPdf: z.boolean().optional(),
  }),
  cancelJob: z.strictObject({ jobId }),
  getStudyDetail: z.strictObject({ studyInstanceUid: uid }),
  getStackPixels: z.strictObject({
    studyInstanceUid: uid,
    seriesInstanceUid: uid,
    stackIndex: z.number().int().min(0).max(10_000),
  }),
  getStackThumbnail: z.strictObject({
    studyInstanceUid: uid,
    seriesInstanceUid: uid,
    stackIndex: z.number().int().min(0).max(10_000),
  }),
  getAnalysis: z.strictObject({ analysisId }),
  overrideFinding: z.strictObject({
    analysisId,
    condition: z.enum(CONDITIONS),
    level: z.enum(LEVELS),
    grade: z.enum(SEVERITIES),
    reader,
    note: z.string().max(2000).optional(),
  }),
  signAnalysis: z.strictObject({ analysisId, reader }),
  printReport: z.strictObject({ analysisId, paper: paper.optional() }),
  savePdf: z.strictObject({ analysisId, paper: paper.optional() }),
  uploadFile: z.strictObject({
    uploadId,
    relativePath: z
      .string()
      .min(1)
      .max(1024)
      .refine((p) => !p.startsWith('/') && !p.split(/[\\/]/).includes('..') && !p.includes('\0'), {
        message: 'must be a relative path without ".." or NUL',
      }),
    bytes: z.instanceof(ArrayBuffer).refine((b) => b.byteLength <= MAX_UPLOAD_FILE_BYTES, {
      message: `files over ${MAX_UPLOAD_FILE_BYTES / (1 << 20)} MiB cannot be uploaded; open the folder by path instead`,
    }),
  }),
  importUploaded: z.strictObject({ uploadId, jobId: jobId.optional() }),
  pacsListNodes: z.undefined(),
  pacsEcho: z.strictObject({ node: pacsNode }),
  pacsQuery: z.strictObject({
    node: pacsNode,
    patientName: queryKey.optional(),
    patientId: queryKey.optional(),
    studyDate: z
      .string()
      .regex(/^(\d{8}|\d{8}-|\d{8}-\d{8}|-\d{8})$/, 'must be YYYYMMDD or YYYYMMDD-YYYYMMDD')
      .optional(),
    accessionNumber: queryKey.optional(),
    modality: z.string().max(16).optional(),
  }),
  pacsRetrieve: z.strictObject({ node: pacsNode, studyInstanceUid: uid, jobId: jobId.optional() }),
  pacsSend: z.strictObject({ node: pacsNode, analysisId, unsigned: z.boolean().optional() }),
  exportSr: z.strictObject({ analysisId, srPath: z.string().min(1).max(4096).optional() }),
} as const satisfies { [M in ApiMethod]: z.ZodType<ApiArg<M>> };
