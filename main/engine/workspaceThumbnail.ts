/**
 * Stack thumbnails for the series chooser: the one-slice stack of a stack's middle slice (so only one file
 * is decoded), and its decoded pixels resampled by area averaging to square pixels in mm, long side at most
 * THUMBNAIL_MAX_PX, mapped to uint8 with the slice's automatic MR window. Plain Node; never imports electron.
 */
import { pixelView, THUMBNAIL_MAX_PX, type StackPixels, type StackThumbnail } from '../shared/apiWorkspace';
import type { StackHeader } from './volume/types';

/** The slice a thumbnail shows: the middle one. */
export const thumbnailSlice = (slices: number): number => Math.floor(slices / 2);

/** A stack of slice k alone (same series, stack index and in-plane geometry). */
export function singleSliceStack(stack: StackHeader, k: number): StackHeader {
  const [columns, rows] = stack.geometry.dims;
  const positionLps = stack.geometry.slicePositionsLps[k];
  return {
    ...stack,
    geometry: {
      ...stack.geometry,
      dims: [columns, rows, 1],
      originLps: positionLps,
      slicePositionsLps: [positionLps],
    },
    instanceNumbers: [stack.instanceNumbers[k]],
    sopInstanceUids: [stack.sopInstanceUids[k]],
    filePaths: [stack.filePaths[k]],
    frameIndices: [stack.frameIndices[k]],
  };
}

/** Thumbnail size in px for a slice of `columns` x `rows` pixels spaced `spacingMm` (column, row). */
export function thumbnailSize(
  columns: number,
  rows: number,
  spacingMm: readonly number[],
  maxPx: number = THUMBNAIL_MAX_PX,
): { width: number; height: number } {
  const widthMm = columns * (spacingMm[0] || 1);
  const heightMm = rows * (spacingMm[1] || 1);
  // Never larger than the slice itself in either direction: a thumbnail is not upsampled.
  const scale = Math.min(maxPx / Math.max(widthMm, heightMm), columns / widthMm, rows / heightMm);
  return {
    width: Math.max(1, Math.round(widthMm * scale)),
    height: Math.max(1, Math.round(heightMm * scale)),
  };
}

/** Mean of each output pixel's footprint in the source slice (area averaging, partial pixels weighted). */
export function areaAverage(
  src: ArrayLike<number>,
  columns: number,
  rows: number,
  width: number,
  height: number,
): Float64Array {
  const sx = columns / width;
  const sy = rows / height;
  const out = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = y * sy;
    const y1 = y0 + sy;
    for (let x = 0; x < width; x++) {
      const x0 = x * sx;
      const x1 = x0 + sx;
      let sum = 0;
      let area = 0;
      for (let j = Math.floor(y0); j < Math.min(rows, Math.ceil(y1)); j++) {
        const wy = Math.min(y1, j + 1) - Math.max(y0, j);
        for (let i = Math.floor(x0); i < Math.min(columns, Math.ceil(x1)); i++) {
          const w = wy * (Math.min(x1, i + 1) - Math.max(x0, i));
          sum += w * src[j * columns + i];
          area += w;
        }
      }
      out[y * width + x] = area > 0 ? sum / area : 0;
    }
  }
  return out;
}

/** Gray level of a value under a linear window: 0 at center - width/2, 255 at center + width/2. */
export function windowGray(value: number, window: { center: number; width: number }): number {
  const g = ((value - (window.center - window.width / 2)) * 255) / Math.max(1e-6, window.width);
  return Math.max(0, Math.min(255, Math.round(g)));
}

/** The thumbnail of slice `sliceIndex` from its one-slice decoded pixels. */
export function thumbnailOf(
  slice: StackPixels,
  sliceIndex: number,
  spacingMm: readonly number[],
): StackThumbnail {
  const [columns, rows] = slice.dims;
  const { width, height } = thumbnailSize(columns, rows, spacingMm);
  const failed = slice.failedSlices[0]?.message;
  const gray = new Uint8Array(width * height);
  if (!failed) {
    const mean = areaAverage(pixelView(slice), columns, rows, width, height);
    for (let n = 0; n < gray.length; n++) gray[n] = windowGray(mean[n], slice.autoWindow);
  }
  return {
    seriesInstanceUid: slice.seriesInstanceUid,
    stackIndex: slice.stackIndex,
    sliceIndex,
    width,
    height,
    pixels: gray.buffer,
    window: slice.autoWindow,
    ...(failed ? { failed } : {}),
  };
}
