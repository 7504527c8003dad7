/**
 * Save the summary as PDF: the host returns the bytes (downloaded through a Blob URL); the app writes the
 * PDF and its Encapsulated PDF itself after a save dialog and returns where. Renderer code: DOM only.
 */
import type { SpineGradeBridge } from '../../../main/shared/apiBridge';

/** Text for the user: where the PDF went, or why not. */
export async function savePdf(
  api: SpineGradeBridge,
  analysisId: string,
  paper: 'A4' | 'Letter',
): Promise<string> {
  const r = await api.savePdf({ analysisId, paper });
  if (!r.ok) return `The PDF could not be saved: ${r.error.message}`;
  const { pdf, fileName, savedTo } = r.value;
  if (pdf !== undefined && !(pdf instanceof ArrayBuffer))
    return 'The PDF did not arrive as bytes: this host cannot send binary results yet.';
  if (pdf) {
    const url = URL.createObjectURL(new Blob([pdf], { type: 'application/pdf' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return `Downloaded ${fileName} (${Math.round(pdf.byteLength / 1024)} KiB).`;
  }
  return savedTo.length > 0
    ? `Saved ${savedTo.map((f) => f.file).join(' and ')}.`
    : 'Saving the PDF was cancelled.';
}
