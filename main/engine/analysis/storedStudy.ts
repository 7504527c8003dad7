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
import {
  changedFilesText,
  checkDecodedFiles,
  hashFileSha256,
  statSeriesFiles,
  type FileCheck,
} from '../store/files';
import type { Store } from '../store/store';
import { analyzeStudy } from './analyzeStudy';
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

/**
 * Analyse a study of the store from its referenced files; the analysis is saved and returned. The files
 * are read once: their sizes are checked first (a moved or truncated file stops the job at once), their
 * SHA-256, taken while decoding, is compared with the stored hash before anything is graded or saved.
 */
export async function analyzeStoredStudy(
  store: Pick<Store, 'getStudy'> & AnalysisSink,
  studyInstanceUid: string,
  model: { modelDir: string; provider: ProviderRequest },
  ctx: JobContext,
): Promise<AnalysisRecord> {
  const stored = store.getStudy(studyInstanceUid);
  ctx.onProgress({ stage: 'verify files', done: 0, total: 1 });
  const sized = await statSeriesFiles(stored.series);
  throwIfFilesChanged(sized, studyInstanceUid);
  const r = await analyzeStudy(
    { paths: sized.map((c) => c.filePath) },
    {
      ...model,
      store,
      signal: ctx.signal,
      onProgress: ctx.onProgress,
      afterImport: (study) =>
        throwIfFilesChanged(
          checkDecodedFiles(
            stored.series,
            study.series.flatMap((s) => s.stacks),
          ),
          studyInstanceUid,
        ),
    },
  );
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
