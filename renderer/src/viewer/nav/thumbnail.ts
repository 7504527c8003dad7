/**
 * Series thumbnails from the engine's getStackThumbnail (its middle slice, already windowed to uint8 and
 * downsampled to <= 128 px): fetched once per stack and drawn onto a small canvas. Only main/shared.
 */
import type { StackThumbnail } from '../../../../main/shared/apiWorkspace';
import type { Result } from '../../../../main/shared/errors';

export interface ThumbnailArg {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  stackIndex: number;
}

export type FetchThumbnail = (arg: ThumbnailArg) => Promise<Result<StackThumbnail>>;

/** Thumbnails kept for re-opening the chooser (a few KiB each); the oldest go past this many. */
const MAX_KEPT = 256;
const kept = new Map<string, Promise<StackThumbnail>>();

/** The thumbnail of a stack, fetched once (a failed fetch is tried again next time). */
export function loadThumbnail(fetchThumbnail: FetchThumbnail, arg: ThumbnailArg): Promise<StackThumbnail> {
  const key = `${arg.studyInstanceUid}/${arg.seriesInstanceUid}/${arg.stackIndex}`;
  const hit = kept.get(key);
  if (hit) return hit;
  const p = fetchThumbnail(arg).then((r) => {
    if (!r.ok) throw new Error(r.error.message);
    if (
      !(r.value.pixels instanceof ArrayBuffer) ||
      r.value.pixels.byteLength !== r.value.width * r.value.height
    )
      throw new Error('The thumbnail did not arrive as binary data of its size (the host is out of date).');
    return r.value;
  });
  kept.set(key, p);
  p.catch(() => kept.delete(key));
  for (const k of kept.keys()) {
    if (kept.size <= MAX_KEPT) break;
    kept.delete(k);
  }
  return p;
}

/** The part of a canvas element drawThumbnail uses (structural: also type-checked without DOM types). */
export interface ThumbnailCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    createImageData(width: number, height: number): { data: Uint8ClampedArray };
    putImageData(image: { data: Uint8ClampedArray }, x: number, y: number): void;
  } | null;
}

/** Draw the gray levels of `thumb` into `canvas` at their own size (CSS scales the canvas down). */
export function drawThumbnail(canvas: ThumbnailCanvas, thumb: StackThumbnail): void {
  canvas.width = thumb.width;
  canvas.height = thumb.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const gray = new Uint8Array(thumb.pixels);
  const img = ctx.createImageData(thumb.width, thumb.height);
  for (let n = 0; n < gray.length; n++) {
    const o = n * 4;
    img.data[o] = gray[n];
    img.data[o + 1] = gray[n];
    img.data[o + 2] = gray[n];
    img.data[o + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}
