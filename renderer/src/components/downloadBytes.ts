/**
 * Start a browser download of bytes the engine sent (the host's Save PDF, Export SR) through a Blob URL.
 * Renderer code: DOM only.
 */

/** Download `bytes` as `fileName` with `mimeType`; the Blob URL is kept a minute for slow downloads. */
export function downloadBytes(
  bytes: ArrayBuffer | Uint8Array<ArrayBuffer>,
  fileName: string,
  mimeType: string,
): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
