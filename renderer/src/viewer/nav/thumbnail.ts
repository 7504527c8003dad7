/**
 * A series thumbnail: the middle slice of a stack's decoded pixels, windowed with the stack's automatic
 * window and downsampled (nearest, square pixels in mm) onto a small canvas. Only main/shared.
 */
import type { LoadedStack } from '../stackRegistry';

/** Draw the middle slice of `loaded` into `canvas`, fitting `sizePx` square with the physical aspect. */
export function drawThumbnail(
  canvas: HTMLCanvasElement,
  loaded: LoadedStack,
  spacingMm: readonly number[],
  sizePx: number,
): void {
  const [cols, rows, slices] = loaded.pixels.dims;
  const k = Math.floor(slices / 2);
  const widthMm = cols * (spacingMm[0] || 1);
  const heightMm = rows * (spacingMm[1] || 1);
  const scale = sizePx / Math.max(widthMm, heightMm);
  const w = Math.max(1, Math.round(widthMm * scale));
  const h = Math.max(1, Math.round(heightMm * scale));
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { width, center } = loaded.pixels.autoWindow;
  const low = center - width / 2;
  const gain = 255 / Math.max(1e-6, width);
  const img = ctx.createImageData(w, h);
  const base = k * loaded.sliceSize;
  for (let y = 0; y < h; y++) {
    const j = Math.min(rows - 1, Math.floor(((y + 0.5) / h) * rows));
    for (let x = 0; x < w; x++) {
      const i = Math.min(cols - 1, Math.floor(((x + 0.5) / w) * cols));
      const g = Math.max(0, Math.min(255, (loaded.values[base + j * cols + i] - low) * gain));
      const o = (y * w + x) * 4;
      img.data[o] = g;
      img.data[o + 1] = g;
      img.data[o + 2] = g;
      img.data[o + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
}
