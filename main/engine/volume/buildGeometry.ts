/**
 * Sort the slices of one stack along their normal and build its VolumeGeometry.
 * Plain TypeScript; never imports electron.
 */
import { sliceNormal, type SliceGeometry } from '../../shared/sliceGeometry';
import { dot, type Vec3 } from '../../shared/vec3';
import type { VolumeGeometry } from './types';

/** Indices of `slices` sorted ascending by dot(n, IPP), n = u x v of the first slice (stable for ties). */
export function sortAlongNormal(slices: readonly SliceGeometry[]): number[] {
  if (slices.length === 0) return [];
  const n = sliceNormal(slices[0]);
  const d = slices.map((s) => dot(n, s.positionLps));
  return slices.map((_, i) => i).sort((a, b) => d[a] - d[b] || a - b);
}

/**
 * Geometry of a stack whose slices are already sorted along the normal and share orientation, matrix
 * and pixel spacing. The slice spacing is the mean distance between neighbours along n; a single slice
 * takes `singleSliceSpacingMm` ((0018,0088) Spacing Between Slices or (0018,0050) Slice Thickness).
 */
export function buildGeometry(
  sortedSlices: readonly SliceGeometry[],
  columns: number,
  rows: number,
  singleSliceSpacingMm = 1,
): VolumeGeometry {
  if (sortedSlices.length === 0) throw new Error('buildGeometry: no slices');
  const first = sortedSlices[0];
  const n = sliceNormal(first);
  const positions: Vec3[] = sortedSlices.map((s) => [s.positionLps[0], s.positionLps[1], s.positionLps[2]]);
  const count = positions.length;
  const spanMm = count > 1 ? dot(n, positions[count - 1]) - dot(n, positions[0]) : 0;
  const sliceSpacingMm = count > 1 ? spanMm / (count - 1) : singleSliceSpacingMm;
  return {
    dims: [columns, rows, count],
    spacingMm: [first.pixelSpacingMm[1], first.pixelSpacingMm[0], sliceSpacingMm],
    originLps: positions[0],
    direction: [first.rowDirection, first.columnDirection, n],
    slicePositionsLps: positions,
  };
}
