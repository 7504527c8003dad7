/**
 * One stack's frames: patient LPS mm <-> continuous voxel ijk (uneven slice spacing allowed), slice
 * position along the normal, and the slice nearest a patient point. Renderer code: only main/shared.
 */
import type { StackGeometry } from '../../../../main/shared/apiWorkspace';
import { add, cross, dot, normalize, scale, sub, type Vec3 } from '../../../../main/shared/vec3';

/** Unit normal n = u x v of the stack (k grows along it when slices are in spatial order). */
export function stackNormalLps(g: StackGeometry): Vec3 {
  return normalize(cross(g.direction[0], g.direction[1]));
}

/** Position of slice k along the normal, mm (n . IPP_k, what scanners call the slice location). */
export function slicePositionMm(g: StackGeometry, k: number): number {
  return dot(stackNormalLps(g), g.slicePositionsLps[k]);
}

/** Mean spacing between neighbouring slices along the normal, mm (the geometry's value for one slice). */
export function meanSliceSpacingMm(g: StackGeometry): number {
  const p = g.slicePositionsLps;
  if (p.length < 2) return g.spacingMm[2] > 0 ? g.spacingMm[2] : 1;
  const span = Math.abs(dot(sub(p[p.length - 1], p[0]), stackNormalLps(g)));
  return span > 0 ? span / (p.length - 1) : g.spacingMm[2] > 0 ? g.spacingMm[2] : 1;
}

/** Patient point of continuous voxel (i column, j row, k slice); fractional k interpolates neighbours. */
export function ijkToLps(g: StackGeometry, ijk: Vec3): Vec3 {
  const [i, j, k] = ijk;
  const positions = g.slicePositionsLps;
  const last = positions.length - 1;
  const k0 = Math.max(0, Math.min(last - 1, Math.floor(k)));
  let origin: Vec3;
  if (last < 1) origin = add(positions[0], scale(stackNormalLps(g), k * (g.spacingMm[2] || 1)));
  else origin = add(positions[k0], scale(sub(positions[k0 + 1], positions[k0]), k - k0));
  const [u, v] = g.direction;
  return add(origin, add(scale(u, i * g.spacingMm[0]), scale(v, j * g.spacingMm[1])));
}

/** Continuous ijk of a patient point: in-plane i, j on the nearest slice, k between the slices around it. */
export function lpsToIjk(g: StackGeometry, pointLps: Vec3): Vec3 {
  const n = stackNormalLps(g);
  const s = dot(pointLps, n);
  const positionsMm = g.slicePositionsLps.map((p) => dot(p, n));
  const k = continuousSliceIndex(positionsMm, s, g.spacingMm[2] || 1);
  const d = sub(pointLps, ijkToLps(g, [0, 0, k]));
  return [dot(d, g.direction[0]) / g.spacingMm[0], dot(d, g.direction[1]) / g.spacingMm[1], k];
}

function continuousSliceIndex(
  positionsMm: readonly number[],
  sMm: number,
  fallbackSpacingMm: number,
): number {
  const last = positionsMm.length - 1;
  if (last < 1) return (sMm - positionsMm[0]) / fallbackSpacingMm;
  const sign = positionsMm[last] >= positionsMm[0] ? 1 : -1;
  // Segment k..k+1 holding s; before the first or past the last slice, the end segment extrapolates.
  let k = 0;
  while (k < last - 1 && sign * (sMm - positionsMm[k + 1]) > 0) k++;
  const a = positionsMm[k];
  const b = positionsMm[k + 1];
  return b === a ? k : k + (sMm - a) / (b - a);
}

export interface NearestSlice {
  /** 0-based k of the slice whose plane is nearest the point. */
  sliceIndex: number;
  /** Signed distance of the point from that plane along the normal, mm. */
  distanceMm: number;
  /** True when the point lies more than half a slice spacing beyond the first or last slice. */
  outside: boolean;
}

/** The slice nearest a patient point (LPS mm); "outside" past half a spacing beyond either end. */
export function nearestSliceTo(g: StackGeometry, pointLps: Vec3): NearestSlice {
  const n = stackNormalLps(g);
  let best = 0;
  let bestD = Number.POSITIVE_INFINITY;
  g.slicePositionsLps.forEach((p, k) => {
    const d = dot(sub(pointLps, p), n);
    if (Math.abs(d) < Math.abs(bestD)) {
      bestD = d;
      best = k;
    }
  });
  const positionsMm = g.slicePositionsLps.map((p) => dot(p, n));
  const sMm = dot(pointLps, n);
  const halfMm = meanSliceSpacingMm(g) / 2;
  const outside = sMm < Math.min(...positionsMm) - halfMm || sMm > Math.max(...positionsMm) + halfMm;
  return { sliceIndex: best, distanceMm: bestD, outside };
}

/** Patient point of the centre of slice k's image. */
export function sliceCentreLps(g: StackGeometry, k: number): Vec3 {
  return ijkToLps(g, [(g.dims[0] - 1) / 2, (g.dims[1] - 1) / 2, k]);
}
