/**
 * Renders one slice of a Volume to a windowed 8-bit greyscale PNG data URI (pngjs). The automatic window
 * spans the 1st to 99th percentile of the slice, as MR has no fixed units. Plain Node; never imports electron.
 */
import { PNG } from 'pngjs';
import { AppError } from '../../shared/errors';
import { orderStatistics } from '../../shared/percentile';
import type { Volume } from '../volume/types';

export interface SlicePng {
  dataUri: string;
  widthPx: number;
  heightPx: number;
  /** Physical size of the slice (columns x column spacing, rows x row spacing). */
  widthMm: number;
  heightMm: number;
  windowCenter: number;
  windowWidth: number;
}

/** The parts of a Volume a key image needs (any loaded stack satisfies it). */
export type SliceSource = Pick<
  Volume,
  | 'seriesInstanceUid'
  | 'seriesDescription'
  | 'role'
  | 'stackIndex'
  | 'geometry'
  | 'pixels'
  | 'sopInstanceUids'
>;

export interface WindowLevel {
  center: number;
  width: number;
}

/** Values the display window is estimated from: a fixed stride keeps a 512 x 512 slice at 65,536. */
const WINDOW_SAMPLES = 65_536;

/** The 1st-99th percentile window of some pixel values (width at least 1), from a strided sample. */
export function autoWindow(values: Float32Array): WindowLevel {
  const step = Math.max(1, Math.ceil(values.length / WINDOW_SAMPLES));
  const sample = step === 1 ? values : new Float32Array(Math.ceil(values.length / step));
  if (step > 1) for (let i = 0, j = 0; i < values.length; i += step, j++) sample[j] = values[i];
  const [lo, hi] = orderStatistics(sample, [
    Math.floor((sample.length - 1) * 0.01),
    Math.ceil((sample.length - 1) * 0.99),
  ]);
  return { center: (lo + hi) / 2, width: Math.max(1, hi - lo) };
}

/**
 * Pixel values windowed to 8 bits (low -> 0, low + width -> 255): a Uint8ClampedArray store clamps and
 * rounds (ties to even) without a branch per pixel, ~7x faster than Math.round and two compares on real
 * images, where those branches mispredict.
 */
function windowed(slice: Float32Array, low: number, width: number): Buffer {
  const grey = new Uint8ClampedArray(slice.length);
  for (let p = 0; p < slice.length; p += 1) grey[p] = ((slice[p] - low) / width) * 255;
  return Buffer.from(grey.buffer, grey.byteOffset, grey.byteLength);
}

/** Slice k of a volume as 8-bit greyscale PNG; NOT_FOUND when k is outside the stack. */
export function renderSlicePng(volume: SliceSource, sliceIndex: number, window?: WindowLevel): SlicePng {
  const [cols, rows, slices] = volume.geometry.dims;
  if (!Number.isInteger(sliceIndex) || sliceIndex < 0 || sliceIndex >= slices) {
    throw new AppError(
      'NOT_FOUND',
      `Slice ${sliceIndex} is outside series "${volume.seriesDescription}" (${slices} slices); the key image cannot be drawn.`,
    );
  }
  const n = cols * rows;
  const slice = volume.pixels.subarray(sliceIndex * n, (sliceIndex + 1) * n);
  const w = window ?? autoWindow(slice);
  const low = w.center - w.width / 2;
  const png = new PNG({
    width: cols,
    height: rows,
    colorType: 0,
    inputColorType: 0,
    inputHasAlpha: false,
    bitDepth: 8,
  });
  png.data = windowed(slice, low, w.width);
  // One fixed filter (Up) instead of pngjs's per-row trial of all five: measured on a 512 px phantom
  // sagittal 3.4 ms instead of 9.8 ms for a file 3 % larger.
  const bytes = PNG.sync.write(png, {
    colorType: 0,
    inputColorType: 0,
    inputHasAlpha: false,
    filterType: 2,
    deflateLevel: 3,
  });
  const [colSpacingMm, rowSpacingMm] = volume.geometry.spacingMm;
  return {
    dataUri: `data:image/png;base64,${bytes.toString('base64')}`,
    widthPx: cols,
    heightPx: rows,
    widthMm: cols * colSpacingMm,
    heightMm: rows * rowSpacingMm,
    windowCenter: w.center,
    windowWidth: w.width,
  };
}
