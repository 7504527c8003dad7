/**
 * Voxel <-> patient (LPS, mm) maths on Volume records, per slice (slice positions may be uneven), plus
 * the image bounds test. Plain Node; never imports electron or the faces.
 */
import { add, dot, scale, sub, type Vec3 } from '../../shared/vec3';
import type { Volume } from '../volume/types';

/** Patient position of voxel (i = column, j = row) on slice k, continuous i, j allowed. */
export function voxelToLps(vol: Volume, i: number, j: number, k: number): Vec3 {
  const g = vol.geometry;
  const [u, v] = g.direction;
  return add(g.slicePositionsLps[k], add(scale(u, i * g.spacingMm[0]), scale(v, j * g.spacingMm[1])));
}

/** Continuous (i, j) of the projection of p onto slice k, and p's signed distance from it along n (mm). */
export function lpsToSliceIj(vol: Volume, k: number, p: Vec3): { i: number; j: number; distanceMm: number } {
  const g = vol.geometry;
  const d = sub(p, g.slicePositionsLps[k]);
  return {
    i: dot(d, g.direction[0]) / g.spacingMm[0],
    j: dot(d, g.direction[1]) / g.spacingMm[1],
    distanceMm: dot(d, g.direction[2]),
  };
}

/** The slice whose plane is nearest to p (smallest |signed distance|), with that distance. */
export function nearestSlice(vol: Volume, p: Vec3): { k: number; distanceMm: number } {
  const g = vol.geometry;
  let best = 0;
  let bestD = Number.POSITIVE_INFINITY;
  for (let k = 0; k < g.dims[2]; k++) {
    const d = dot(sub(p, g.slicePositionsLps[k]), g.direction[2]);
    if (Math.abs(d) < Math.abs(bestD)) {
      best = k;
      bestD = d;
    }
  }
  return { k: best, distanceMm: bestD };
}

/** True when continuous (i, j) lies inside the image (pixel centres 0..cols-1, 0..rows-1, half-pixel margin). */
export function insideSlice(vol: Volume, i: number, j: number): boolean {
  const [cols, rows] = vol.geometry.dims;
  return i >= -0.5 && j >= -0.5 && i <= cols - 0.5 && j <= rows - 0.5;
}

/** Unit slice normal n of the volume (k grows along it). */
export function sliceNormalOf(vol: Volume): Vec3 {
  return vol.geometry.direction[2];
}
