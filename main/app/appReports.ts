/**
 * The Electron face of printReport and savePdf: the engine's summary goes to the system print dialog
 * (webContents.print, via `dialogs.printHtml`), and Save PDF asks where (save dialog) and lets the
 * engine's exportReport write it with its Encapsulated PDF (.dcm) beside it. Pure wiring over injected dialogs (no electron import here; main.ts
 * passes the real ones), so it is tested with a real engine and fake dialogs.
 */
import type { Engine } from '../engine/createEngine';
import { summaryFileName } from '../engine/workspace';
import type { ApiArg } from '../shared/api';
import type { PrintResult, SavePdfResult } from '../shared/apiWorkspace';
import { AppError, type Result } from '../shared/errors';
import { settle } from '../shared/apiDispatch';

export type PaperSize = 'A4' | 'Letter';

/** The window-side effects the app's report methods need. */
export interface ReportDialogs {
  /** Show the system print dialog for a self-contained HTML document; rejects when printing fails. */
  printHtml(html: string, paper: PaperSize): Promise<void>;
  /** Ask where to save the PDF (suggested name); null when the user cancels. */
  choosePdfPath(suggestedName: string): Promise<string | null>;
}

/** Suggested PDF name of an analysis' summary, from the study list (no pixels or headers read). */
async function suggestedName(engine: Engine, analysisId: string): Promise<string> {
  const bundle = await engine.getAnalysis({ analysisId });
  if (!bundle.ok) throw new AppError(bundle.error.code, bundle.error.message);
  const studies = await engine.listStudies();
  const uid = bundle.value.analysis.studyInstanceUid;
  const study = studies.ok ? studies.value.find((s) => s.study.studyInstanceUid === uid)?.study : undefined;
  return summaryFileName(study?.patientName ?? '', study?.studyDate ?? '');
}

async function printInApp(
  engine: Engine,
  dialogs: ReportDialogs,
  arg: ApiArg<'printReport'>,
): Promise<PrintResult> {
  const printed = await engine.printReport(arg); // the engine renders the summary and audits 'print'
  if (!printed.ok) throw new AppError(printed.error.code, printed.error.message, printed.error.file);
  try {
    await dialogs.printHtml(printed.value.html, arg.paper ?? 'A4');
  } catch (e) {
    throw new AppError(
      'EXPORT_FAILED',
      `The summary could not be printed: ${(e as Error).message}. Try Save PDF instead.`,
    );
  }
  return { html: printed.value.html, printedBy: 'system-dialog' };
}

async function saveInApp(
  engine: Engine,
  dialogs: ReportDialogs,
  arg: ApiArg<'savePdf'>,
): Promise<SavePdfResult> {
  const fileName = await suggestedName(engine, arg.analysisId);
  const pdfPath = await dialogs.choosePdfPath(fileName);
  if (pdfPath === null) return { fileName, savedTo: [] };
  const written = await engine.exportReport({
    analysisId: arg.analysisId,
    pdfPath,
    paper: arg.paper,
    encapsulatedPdf: true, // the PDF for people, its Encapsulated PDF (.dcm) beside it for a PACS
  });
  if (!written.ok) throw new AppError(written.error.code, written.error.message, written.error.file);
  return { fileName, savedTo: written.value.files };
}

/** `engine` with printReport and savePdf answered the app's way (everything else unchanged). */
export function withAppReports(engine: Engine, dialogs: ReportDialogs): Engine {
  return {
    ...engine,
    printReport: (arg): Promise<Result<PrintResult>> => settle(() => printInApp(engine, dialogs, arg)),
    savePdf: (arg): Promise<Result<SavePdfResult>> => settle(() => saveInApp(engine, dialogs, arg)),
  };
}
