/**
 * Grayscale PNG encoding of float images (windowed to 8 bit) with pngjs, for looking at phantoms and
 * debugging renders. Plain Node; never imports electron.
 */
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

/** Intensity window [lo, hi] mapped to 0..255. */
export interface GrayWindow {
  lo: number;
  hi: number;
}

/** Window from percentiles of the image (default 0.5 % .. 99.5 %). */
export function percentileWindow(image: Float32Array, loPct = 0.5, hiPct = 99.5): GrayWindow {
  const step = Math.max(1, Math.floor(image.length / 50000));
  const sample: number[] = [];
  for (let i = 0; i < image.length; i += step) sample.push(image[i]);
  sample.sort((a, b) => a - b);
  const at = (p: number): number =>
    sample[Math.min(sample.length - 1, Math.floor((p / 100) * sample.length))];
  const lo = at(loPct);
  const hi = at(hiPct);
  return { lo, hi: hi > lo ? hi : lo + 1e-6 };
}

/** Encode a row-major float image as an 8-bit grayscale PNG. */
export function encodeGrayPng(image: Float32Array, cols: number, rows: number, window?: GrayWindow): Buffer {
  if (image.length !== cols * rows)
    throw new Error(`encodeGrayPng: ${image.length} pixels for ${cols}x${rows}`);
  const win = window ?? percentileWindow(image);
  const png = new PNG({ width: cols, height: rows, colorType: 0, inputColorType: 0, bitDepth: 8 });
  const gray = Buffer.alloc(cols * rows);
  const k = 255 / (win.hi - win.lo);
  for (let i = 0; i < gray.length; i++) {
    const v = (image[i] - win.lo) * k;
    gray[i] = v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
  }
  png.data = gray;
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, bitDepth: 8 });
}

/** Encode and write a PNG file. */
export function writeGrayPng(
  path: string,
  image: Float32Array,
  cols: number,
  rows: number,
  window?: GrayWindow,
): void {
  writeFileSync(path, encodeGrayPng(image, cols, rows, window));
}
