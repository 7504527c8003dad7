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

/** The 1st-99th percentile window of some pixel values (width at least 1). */
export function autoWindow(values: Float32Array): WindowLevel {
  const [lo, hi] = orderStatistics(values, [
    Math.floor((values.length - 1) * 0.01),
    Math.ceil((values.length - 1) * 0.99),
  ]);
  return { center: (lo + hi) / 2, width: Math.max(1, hi - lo) };
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
  const grey = Buffer.alloc(n);
  const width = +w.width;
  for (let p = 0; p < n; p += 1) {
    const v = Math.round(((slice[p] - low) / width) * 255);
    grey[p] = v < 0 ? 0 : v > 255 ? 255 : v; // NaN stores 0, as Math.max/min would
  }
  png.data = grey;
  // One fixed filter (Paeth) instead of pngjs's per-row trial of all five: ~2.5x faster, ~4 % larger.
  const bytes = PNG.sync.write(png, {
    colorType: 0,
    inputColorType: 0,
    inputHasAlpha: false,
    filterType: 4,
    deflateLevel: 6,
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
