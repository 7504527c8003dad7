/**
 * Save the summary as PDF: the host returns the bytes (downloaded through a Blob URL); the app writes the
 * PDF and its Encapsulated PDF itself after a save dialog and returns where. Renderer code: DOM only.
 */
import type { SpineGradeBridge } from '../../../main/shared/apiBridge';
import { downloadBytes } from './downloadBytes';

/** The PDF bytes however the transport delivered them (ArrayBuffer, a typed-array view or a Blob). */
async function pdfBytes(pdf: unknown): Promise<Uint8Array<ArrayBuffer> | null> {
  if (pdf instanceof ArrayBuffer) return new Uint8Array(pdf);
  if (ArrayBuffer.isView(pdf)) return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength).slice();
  if (pdf instanceof Blob) return new Uint8Array(await pdf.arrayBuffer());
  return null;
}

/** True when the bytes start with the PDF signature '%PDF-' (ISO 32000-1 §7.5.2). */
function isPdf(bytes: Uint8Array): boolean {
  return bytes.length > 5 && String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-';
}

/** Text for the user: where the PDF went, or why not. Never throws. */
export async function savePdf(
  api: Pick<SpineGradeBridge, 'savePdf'>,
  analysisId: string,
  paper: 'A4' | 'Letter',
): Promise<string> {
  const r = await api.savePdf({ analysisId, paper }).catch((e: unknown) => ({
    ok: false as const,
    error: { message: e instanceof Error ? e.message : String(e) },
  }));
  if (!r.ok) return `The PDF could not be saved: ${r.error.message}`;
  const { pdf, fileName, savedTo } = r.value;
  if (pdf === undefined)
    return savedTo.length > 0
      ? `Saved ${savedTo.map((f) => f.file).join(' and ')}.`
      : 'Saving the PDF was cancelled.';
  const bytes = await pdfBytes(pdf);
  if (bytes === null)
    return 'The PDF did not arrive as bytes: this host cannot send binary results yet (update the host).';
  if (!isPdf(bytes)) return `The host sent ${bytes.length} bytes that are not a PDF; nothing was downloaded.`;
  downloadBytes(bytes, fileName, 'application/pdf');
  return `Downloaded ${fileName} (${Math.round(bytes.length / 1024)} KiB).`;
}
