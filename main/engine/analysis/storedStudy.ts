/**
 * The contract's analysis methods over the local store: analyse a stored study (its files verified against
 * their import-time SHA-256 as they are decoded), the summary HTML of a stored analysis, and its export to HTML / PDF files
 * (and a DICOM Encapsulated PDF).
 * Plain Node; never imports electron or the faces.
 */
import { promises as fs } from 'node:fs';
import type { AnalysisRecord, StudyInfo } from '../../shared/analysis';
import { AppError } from '../../shared/errors';
import type { JobContext } from '../jobs';
import { buildReportHtml } from '../report/buildReportHtml';
import { encapsulatedPdfBytes, encapsulatedPdfPathBeside } from '../report/encapsulatedPdf';
import { keyImagesFromFiles } from '../report/keyImagesFromFiles';
import { printReportPdf } from '../report/printReportPdf';
import type { Paper } from '../report/reportCss';
import { reviewFindings } from '../report/reviewedFindings';
import type { ProviderRequest } from '../runtime/executionProvider';
import { decodeStack } from '../dicom/decodeStack';
import type { ImportedStudy, ImportedStudyOf, HeaderScanResult } from '../dicom/importTypes';
import { scanPaths } from '../import/importPaths';
import { changedFilesText, hashFileSha256, statSeriesFiles, type FileCheck } from '../store/files';
import type { Store } from '../store/store';
import type { StoredStudy } from '../store/types';
import type { StackHeader, Volume } from '../volume/types';
import { analyzeStudy, refuseIfNotLumbar, throwIfCancelled } from './analyzeStudy';
import { checkGradedFiles, decodeGradedStacks } from './gradedStacks';
import { noStudyError } from './noStudyError';
import { outputTarget, StagedFiles } from './stagedFiles';
import type { AnalysisSink } from './types';

/** NOT_FOUND naming how many of a study's files are missing or changed, or nothing when all are ok. */
function throwIfFilesChanged(checks: readonly FileCheck[], studyInstanceUid: string): void {
  const changed = changedFilesText(checks, `files of study ${studyInstanceUid}`);
  if (!changed) return;
  throw new AppError(
    'NOT_FOUND',
    `${changed.text}; import the study again from where its files are now.`,
    changed.file,
  );
}

/** A stored study's files as an analysis reads them (WorkspaceStacks shares the viewer's with it). */
export interface StoredStudyFiles {
  stored: StoredStudy;
  /** Every referenced file's size check. */
  checks: FileCheck[];
  /** Header scan of the files whose size is unchanged. */
  scan: HeaderScanResult;
  /** One scanned stack decoded, each file's SHA-256 taken as it was read; AppError ABORTED on `signal`. */
  volume: (stack: StackHeader, signal: AbortSignal) => Promise<Volume>;
}

/** Where an analysis gets a stored study's scan and pixels. */
export interface StoredStudySource {
  open(studyInstanceUid: string): Promise<StoredStudyFiles>;
}

/** The source without a viewer: scan and decode here, nothing kept. */
function readingSource(store: Pick<Store, 'getStudy'>): StoredStudySource {
  return {
    async open(studyInstanceUid) {
      const stored = store.getStudy(studyInstanceUid);
      const checks = await statSeriesFiles(stored.series);
      const ok = [...new Set(checks.filter((c) => c.status === 'ok').map((c) => c.filePath))];
      const scan = ok.length === checks.length ? await scanPaths(ok) : { studies: [], problems: [] };
      const volume = (stack: StackHeader, signal: AbortSignal): Promise<Volume> =>
        decodeStack(stack, [], { signal });
      return { stored, checks, scan, volume };
    },
  };
}

/** The study of a stored study's scan, as importOne refuses a drop: none, or more than one study. */
function scannedStudy(files: StoredStudyFiles, uid: string): ImportedStudyOf<StackHeader> {
  const { studies, problems } = files.scan;
  const paths = [...new Set(files.checks.map((c) => c.filePath))];
  if (studies.length > 1)
    throw new AppError(
      'INVALID_ARGUMENT',
      `The files of study ${uid} now hold ${studies.length} studies; import the study again.`,
    );
  const study = studies.find((s) => s.info.studyInstanceUid === uid);
  if (!study) throw noStudyError(paths, problems);
  return study;
}

/**
 * A stored study ready to grade: sizes checked (a moved or truncated file stops the job at once), headers
 * scanned, only the stacks the analysis grades decoded (from `source`: the viewer's cached or pending
 * decodes where there are any), and each of their files' SHA-256, taken when it was read, compared with the
 * stored one before anything is graded. Files not graded are size-checked only and keep their stored rows.
 */
export async function prepareStoredStudy(
  store: Pick<Store, 'getStudy'>,
  studyInstanceUid: string,
  ctx: JobContext,
  source: StoredStudySource = readingSource(store),
): Promise<{ study: ImportedStudy; readDecodeMs: number }> {
  const t0 = performance.now();
  ctx.onProgress({ stage: 'verify files', done: 0, total: 1 });
  const files = await source.open(studyInstanceUid);
  throwIfFilesChanged(files.checks, studyInstanceUid);
  throwIfCancelled(ctx.signal);
  const headers = scannedStudy(files, studyInstanceUid);
  // Progress counts stacks of the study; those not graded are never decoded, so it ends below the total.
  const total = headers.series.reduce((n, se) => n + se.stacks.length, 0);
  let done = 0;
  const graded = await decodeGradedStacks(headers, async (stack) => {
    ctx.onProgress({ stage: 'read+decode', done, total, message: stack.seriesDescription });
    const v = await files.volume(stack, ctx.signal);
    done += 1;
    return v;
  });
  throwIfFilesChanged(checkGradedFiles(files.stored.series, graded.decoded), studyInstanceUid);
  refuseIfNotLumbar(graded.notLumbar);
  return { study: graded.study, readDecodeMs: performance.now() - t0 };
}

/**
 * Analyse a study of the store from its referenced files (prepareStoredStudy, then analyzeStudy); the
 * analysis is saved (the graded files' rows from their digests) and returned.
 */
export async function analyzeStoredStudy(
  store: Pick<Store, 'getStudy'> & AnalysisSink,
  studyInstanceUid: string,
  model: { modelDir: string; provider: ProviderRequest },
  ctx: JobContext,
  source?: StoredStudySource,
): Promise<AnalysisRecord> {
  const prepared = await prepareStoredStudy(store, studyInstanceUid, ctx, source);
  const r = await analyzeStudy(prepared, {
    ...model,
    store,
    signal: ctx.signal,
    onProgress: ctx.onProgress,
  });
  return r.record;
}

/** The summary of a stored analysis and what it was built from. */
export interface StoredReport {
  html: string;
  study: StudyInfo;
  analysis: AnalysisRecord;
  /** Why key images are missing from the summary (files gone, changed or unreadable), when they are. */
  keyImagesNote?: string;
}

/** Summary of a stored analysis with its overrides and sign-off; key images re-read from verified files. */
export async function storedReport(
  store: Store,
  analysisId: string,
  paper: Paper = 'A4',
): Promise<StoredReport> {
  const { analysis, overrides, signOff } = store.getAnalysis(store.resolveAnalysisId(analysisId));
  const stored = store.getStudy(analysis.studyInstanceUid);
  const keyImages = await keyImagesFromFiles(
    stored.series,
    analysis,
    reviewFindings(analysis.findings, overrides),
  );
  const note = keyImages.note ? { keyImagesNote: keyImages.note } : {};
  const html = buildReportHtml({
    study: stored.study,
    analysis,
    overrides,
    signOff,
    keyImages: keyImages.images,
    ...note,
    paper,
  });
  return { html, study: stored.study, analysis, ...note };
}

/** Summary HTML of a stored analysis ({@link storedReport} without what it was built from). */
export async function storedReportHtml(
  store: Store,
  analysisId: string,
  paper: Paper = 'A4',
): Promise<string> {
  return (await storedReport(store, analysisId, paper)).html;
}

/** {@link storedReportHtml} for a person to read: audited as 'view'. */
export async function viewStoredReport(
  store: Store,
  analysisId: string,
  paper: Paper = 'A4',
): Promise<string> {
  const id = store.resolveAnalysisId(analysisId);
  const html = await storedReportHtml(store, id, paper);
  const { studyInstanceUid } = store.getAnalysis(id).analysis;
  store.appendAudit({ event: 'view', studyInstanceUid, analysisId: id, details: { what: 'summary', paper } });
  return html;
}

/** What the CLI adds to an export; the contract's exportReport uses neither. */
export interface ExportExtras {
  /** Also write a DICOM Encapsulated PDF beside the PDF (same folder and name, extension .dcm). */
  encapsulatedPdf?: boolean;
  /** Told, before anything is printed, why key images are missing from the summary. */
  onKeyImagesNote?: (note: string) => void;
  /** The face's HTML -> PDF renderer (Electron's printToPDF in the app); default: printReportPdf (Playwright, Chromium). */
  printPdf?: PdfPrinter;
}

/** Renders a self-contained HTML document to PDF bytes on the given paper. */
export type PdfPrinter = (html: string, paper: Paper) => Promise<Uint8Array>;

/** Stage the PDF (and its Encapsulated PDF) of a summary; nothing is in place until commit. */
async function stagePdf(
  report: StoredReport,
  pdfFile: string,
  paper: Paper,
  staged: StagedFiles,
  encapsulated: boolean,
  printPdf: PdfPrinter | undefined,
): Promise<void> {
  const tmp = staged.stage(pdfFile);
  if (printPdf) await fs.writeFile(tmp, await printPdf(report.html, paper));
  else await printReportPdf(report.html, tmp, { paper });
  if (!encapsulated) return;
  const createdAt = new Date().toISOString();
  const bytes = encapsulatedPdfBytes(await fs.readFile(tmp), report.study, report.analysis, createdAt);
  await fs.writeFile(staged.stage(encapsulatedPdfPathBeside(pdfFile)), bytes);
}

/** File-system failures while writing (no space, no permission) as EXPORT_FAILED; other errors unchanged. */
function asExportFailure(e: unknown): unknown {
  const errno = (e as NodeJS.ErrnoException).code;
  if (e instanceof Error && typeof errno === 'string' && !(e instanceof AppError))
    return new AppError('EXPORT_FAILED', `Could not write the summary: ${e.message}. Nothing was written.`);
  return e;
}

/** Write the summary of a stored analysis to HTML and/or PDF, all-or-nothing, audited as 'export'. */
export async function exportStoredReport(
  store: Store,
  arg: { analysisId: string; htmlPath?: string; pdfPath?: string; paper?: Paper },
  extras: ExportExtras = {},
): Promise<{ files: Array<{ file: string; sha256: string }> }> {
  const html = arg.htmlPath ? outputTarget(arg.htmlPath, 'htmlPath') : undefined;
  const pdf = arg.pdfPath ? outputTarget(arg.pdfPath, 'pdfPath') : undefined;
  if (!html && !pdf) throw new AppError('INVALID_ARGUMENT', 'exportReport needs htmlPath and/or pdfPath.');
  if (html && html === pdf) throw new AppError('INVALID_ARGUMENT', 'htmlPath and pdfPath must differ.');
  const id = store.resolveAnalysisId(arg.analysisId);
  const paper = arg.paper ?? 'A4';
  const report = await storedReport(store, id, paper);
  if (report.keyImagesNote) extras.onKeyImagesNote?.(report.keyImagesNote);
  const staged = new StagedFiles();
  try {
    if (html) await staged.writeText(html, report.html);
    if (pdf) await stagePdf(report, pdf, paper, staged, extras.encapsulatedPdf === true, extras.printPdf);
    const written = await staged.commit();
    const files = await Promise.all(
      written.map(async (file) => ({ file, sha256: await hashFileSha256(file) })),
    );
    const { studyInstanceUid } = report.analysis;
    store.appendAudit({ event: 'export', studyInstanceUid, analysisId: id, details: { files, paper } });
    return { files };
  } catch (e) {
    throw asExportFailure(e);
  } finally {
    await staged.discard();
  }
}
