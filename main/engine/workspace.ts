/**
 * The reading workspace's engine methods: stored analyses with their review, reader overrides and
 * sign-off, printing and PDF bytes of the summary. Plain Node; never imports electron.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AnalysisBundle, ReaderOverride, SignOff } from '../shared/analysis';
import type { ApiArg } from '../shared/api';
import type { PrintResult, SavePdfResult } from '../shared/apiWorkspace';
import { storedReport, type PdfPrinter } from './analysis/storedStudy';
import { printReportPdf } from './report/printReportPdf';
import type { Store } from './store/store';

/** One stored analysis exactly as stored (audited as 'view'). */
export function storedAnalysis(store: Store, analysisId: string): AnalysisBundle {
  const id = store.resolveAnalysisId(analysisId);
  const bundle = store.getAnalysis(id);
  const { studyInstanceUid } = bundle.analysis;
  store.appendAudit({ event: 'view', studyInstanceUid, analysisId: id, details: { what: 'analysis' } });
  return bundle;
}

/** A reader's grade beside the AI's; the store audits it and marks it an addendum after sign-off. */
export function overrideFinding(store: Store, arg: ApiArg<'overrideFinding'>): ReaderOverride {
  return store.addOverride({ ...arg, analysisId: store.resolveAnalysisId(arg.analysisId) });
}

/** Sign and lock an analysis (LOCKED when already signed). */
export function signAnalysis(store: Store, arg: ApiArg<'signAnalysis'>): SignOff {
  return store.signOff(store.resolveAnalysisId(arg.analysisId), arg.reader.trim());
}

/** The summary HTML for the page to print, audited as 'print'. */
export async function printStoredReport(store: Store, arg: ApiArg<'printReport'>): Promise<PrintResult> {
  const id = store.resolveAnalysisId(arg.analysisId);
  const paper = arg.paper ?? 'A4';
  const report = await storedReport(store, id, paper);
  const { studyInstanceUid } = report.analysis;
  store.appendAudit({ event: 'print', studyInstanceUid, analysisId: id, details: { paper } });
  return { html: report.html, printedBy: 'browser' };
}

/** Suggested file name of a summary PDF: letters, digits and - only. */
export function summaryFileName(patientName: string, studyDate: string): string {
  const safe = `${patientName}-${studyDate}`.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return `SpineGrade-${safe || 'summary'}.pdf`;
}

/** The summary as PDF bytes for a download (audited as 'export'). */
export async function storedReportPdf(
  store: Store,
  arg: ApiArg<'savePdf'>,
  printPdf?: PdfPrinter,
): Promise<SavePdfResult> {
  const id = store.resolveAnalysisId(arg.analysisId);
  const paper = arg.paper ?? 'A4';
  const report = await storedReport(store, id, paper);
  let bytes: Uint8Array;
  if (printPdf) bytes = await printPdf(report.html, paper);
  else {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'spinegrade-pdf-'));
    try {
      const file = path.join(dir, 'summary.pdf');
      await printReportPdf(report.html, file, { paper });
      bytes = await fs.readFile(file);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }
  const fileName = summaryFileName(report.study.patientName, report.study.studyDate);
  const { studyInstanceUid } = report.analysis;
  const details = { download: fileName, bytes: bytes.byteLength, paper };
  store.appendAudit({ event: 'export', studyInstanceUid, analysisId: id, details });
  const pdf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return { fileName, pdf, savedTo: [] };
}
