/**
 * The contract's analysis methods over the local store: analyse a stored study (its files verified against
 * their import-time SHA-256 first), the summary HTML of a stored analysis, and its export to HTML / PDF files.
 * Plain Node; never imports electron or the faces.
 */
import type { AnalysisRecord } from '../../shared/analysis';
import { AppError } from '../../shared/errors';
import type { JobContext } from '../jobs';
import { buildReportHtml } from '../report/buildReportHtml';
import { keyImagesFromFiles } from '../report/keyImagesFromFiles';
import { printReportPdf } from '../report/printReportPdf';
import type { Paper } from '../report/reportCss';
import { reviewFindings } from '../report/reviewedFindings';
import type { ProviderRequest } from '../runtime/executionProvider';
import { checkSeriesFiles, hashFileSha256 } from '../store/files';
import type { Store } from '../store/store';
import { analyzeStudy } from './analyzeStudy';
import { outputTarget, StagedFiles } from './stagedFiles';

/** Analyse a study of the store from its referenced files; the analysis is saved and returned. */
export async function analyzeStoredStudy(
  store: Store,
  studyInstanceUid: string,
  model: { modelDir: string; provider: ProviderRequest },
  ctx: JobContext,
): Promise<AnalysisRecord> {
  const stored = store.getStudy(studyInstanceUid);
  ctx.onProgress({ stage: 'verify files', done: 0, total: 1 });
  const checks = await checkSeriesFiles(stored.series);
  const bad = checks.filter((c) => c.status !== 'ok');
  if (bad.length > 0) {
    throw new AppError(
      'NOT_FOUND',
      `${bad.length} of ${checks.length} files of study ${studyInstanceUid} are missing or changed since import ` +
        `(first: ${bad[0].filePath}, ${bad[0].status}); import the study again from where its files are now.`,
      bad[0].filePath,
    );
  }
  const r = await analyzeStudy(
    { paths: checks.map((c) => c.filePath) },
    { ...model, store, signal: ctx.signal, onProgress: ctx.onProgress },
  );
  return r.record;
}

/** Summary HTML of a stored analysis with its overrides and sign-off; key images re-read from verified files. */
export async function storedReportHtml(
  store: Store,
  analysisId: string,
  paper: Paper = 'A4',
): Promise<string> {
  const { analysis, overrides, signOff } = store.getAnalysis(store.resolveAnalysisId(analysisId));
  const stored = store.getStudy(analysis.studyInstanceUid);
  const keyImages = await keyImagesFromFiles(
    stored.series,
    analysis,
    reviewFindings(analysis.findings, overrides),
  );
  return buildReportHtml({
    study: stored.study,
    analysis,
    overrides,
    signOff,
    keyImages: keyImages.images,
    ...(keyImages.note ? { keyImagesNote: keyImages.note } : {}),
    paper,
  });
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

/** Write the summary of a stored analysis to HTML and/or PDF, all-or-nothing, audited as 'export'. */
export async function exportStoredReport(
  store: Store,
  arg: { analysisId: string; htmlPath?: string; pdfPath?: string; paper?: Paper },
): Promise<{ files: Array<{ file: string; sha256: string }> }> {
  const html = arg.htmlPath ? outputTarget(arg.htmlPath, 'htmlPath') : undefined;
  const pdf = arg.pdfPath ? outputTarget(arg.pdfPath, 'pdfPath') : undefined;
  if (!html && !pdf) throw new AppError('INVALID_ARGUMENT', 'exportReport needs htmlPath and/or pdfPath.');
  if (html && html === pdf) throw new AppError('INVALID_ARGUMENT', 'htmlPath and pdfPath must differ.');
  const id = store.resolveAnalysisId(arg.analysisId);
  const paper = arg.paper ?? 'A4';
  const text = await storedReportHtml(store, id, paper);
  const staged = new StagedFiles();
  try {
    if (html) await staged.writeText(html, text);
    if (pdf) await printReportPdf(text, staged.stage(pdf), { paper });
    const written = await staged.commit();
    const files = await Promise.all(
      written.map(async (file) => ({ file, sha256: await hashFileSha256(file) })),
    );
    const { studyInstanceUid } = store.getAnalysis(id).analysis;
    store.appendAudit({ event: 'export', studyInstanceUid, analysisId: id, details: { files, paper } });
    return { files };
  } finally {
    await staged.discard();
  }
}
