/**
 * Export the DICOM SR of an analysis: the host returns the Part 10 bytes (downloaded through a Blob URL);
 * with `besidePdf` (a PDF the app wrote) the engine writes `<name>.sr.dcm` beside it. Renderer code: DOM only.
 */
import type { SpineGradeBridge } from '../../../main/shared/apiBridge';
import { downloadBytes } from '../components/downloadBytes';

/** The SR path beside a saved PDF: 'x/summary.pdf' -> 'x/summary.sr.dcm'. */
export function srPathBeside(pdfPath: string): string {
  return /\.pdf$/i.test(pdfPath) ? pdfPath.replace(/\.pdf$/i, '.sr.dcm') : `${pdfPath}.sr.dcm`;
}

/** Text for the user: where the SR went, or why not. */
export async function exportSr(
  api: Pick<SpineGradeBridge, 'exportSr'>,
  analysisId: string,
  besidePdf?: string,
): Promise<string> {
  const r = await api
    .exportSr({ analysisId, ...(besidePdf ? { srPath: srPathBeside(besidePdf) } : {}) })
    .catch((e: unknown) => ({
      ok: false as const,
      error: { message: e instanceof Error ? e.message : String(e) },
    }));
  if (!r.ok) return `The DICOM SR could not be exported: ${r.error.message}`;
  const { sr, fileName, savedTo } = r.value;
  if (savedTo.length > 0) return `Saved the DICOM SR to ${savedTo.map((f) => f.file).join(' and ')}.`;
  if (!(sr instanceof ArrayBuffer) || sr.byteLength === 0)
    return 'The DICOM SR did not arrive as bytes: this host cannot send binary results yet.';
  downloadBytes(sr, fileName, 'application/dicom');
  return `Downloaded ${fileName} (DICOM SR, ${Math.round(sr.byteLength / 1024)} KiB).`;
}
