/**
 * The common output of every pixel codec: the stored sample values of one frame as little-endian bytes.
 * Plain TypeScript; never imports electron.
 */

/** One decoded frame: rows x columns x samplesPerPixel samples, each `bytesPerSample` little-endian bytes. */
export interface DecodedSamples {
  bytes: Uint8Array;
  bytesPerSample: 1 | 2 | 4;
  /** Sample values already sign-extended by the codec (read them as signed integers). */
  signed: boolean;
}

/** The attributes a codec needs to know about the frame it decodes. */
export interface FrameSpec {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  pixelRepresentation: number;
}

/** A copy of `view` that owns its memory (WASM heaps are reused by the next decode). */
export function ownedCopy(view: Uint8Array): Uint8Array {
  const out = new Uint8Array(view.length);
  out.set(view);
  return out;
}
