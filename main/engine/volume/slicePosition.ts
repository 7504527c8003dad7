/**
 * Position of a fractional slice index k in LPS, and its inverse along the slice normal, honouring
 * uneven slice spacing (linear between recorded positions, mean spacing beyond the ends).
 * Plain TypeScript; never imports electron.
 */
import { add, dot, scale, type Vec3 } from '../../shared/vec3';
import type { VolumeGeometry } from './types';

/** (0020,0032) of a fractional slice k: interpolated between neighbours, extrapolated past the ends. */
export function slicePositionAt(g: VolumeGeometry, k: number): Vec3 {
  const p = g.slicePositionsLps;
  const last = p.length - 1;
  const n = g.direction[2];
  if (k <= 0 || last === 0) return add(p[0], scale(n, Math.min(k, 0) * g.spacingMm[2]));
  if (k >= last) return add(p[last], scale(n, (k - last) * g.spacingMm[2]));
  const k0 = Math.floor(k);
  const t = k - k0;
  const a = p[k0];
  const b = p[k0 + 1];
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** Fractional slice index whose plane lies at signed distance `dMm = dot(n, P)` (inverse of the above). */
export function sliceIndexAt(g: VolumeGeometry, dMm: number): number {
  const n = g.direction[2];
  const p = g.slicePositionsLps;
  const last = p.length - 1;
  const d0 = dot(n, p[0]);
  const step = g.spacingMm[2] || 1;
  if (last === 0 || dMm <= d0) return (dMm - d0) / step;
  const dLast = dot(n, p[last]);
  if (dMm >= dLast) return last + (dMm - dLast) / step;
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (dot(n, p[mid]) <= dMm) lo = mid;
    else hi = mid;
  }
  const a = dot(n, p[lo]);
  const b = dot(n, p[hi]);
  return b > a ? lo + (dMm - a) / (b - a) : lo;
}
