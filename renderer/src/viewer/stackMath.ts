/**
 * Small geometry of one stack for the viewer: slice nearest a patient point, slice position along the
 * normal, and patient-direction letters of the image edges. Renderer code: only main/shared.
 */
import type { StackGeometry } from '../../../main/shared/apiWorkspace';
import { cross, dot, normalize, sub, type Vec3 } from '../../../main/shared/vec3';

/** Unit normal n = u x v of the stack (k grows along it). */
export function stackNormal(g: StackGeometry): Vec3 {
  return normalize(cross(g.direction[0], g.direction[1]));
}

/** Position of slice k along the normal (mm): n . IPP_k (what viewers show as the slice location). */
export function slicePositionMm(g: StackGeometry, k: number): number {
  return dot(stackNormal(g), g.slicePositionsLps[k]);
}

/** The slice whose plane is nearest the point, with the signed distance (mm) of the point from it. */
export function nearestSlice(g: StackGeometry, pointLps: Vec3): { sliceIndex: number; distanceMm: number } {
  const n = stackNormal(g);
  let best = 0;
  let bestD = Infinity;
  for (let k = 0; k < g.slicePositionsLps.length; k++) {
    const d = dot(sub(pointLps, g.slicePositionsLps[k]), n);
    if (Math.abs(d) < Math.abs(bestD)) {
      bestD = d;
      best = k;
    }
  }
  return { sliceIndex: best, distanceMm: bestD };
}

/** Mean spacing between neighbouring slices (mm); the geometry's value for a single slice. */
export function sliceSpacingMm(g: StackGeometry): number {
  const p = g.slicePositionsLps;
  if (p.length < 2) return g.spacingMm[2] || 1;
  const n = stackNormal(g);
  return Math.abs(dot(sub(p[p.length - 1], p[0]), n)) / (p.length - 1) || g.spacingMm[2] || 1;
}

/**
 * Letters of a patient direction (LPS): +x L, -x R, +y P, -y A, +z S, -z I; the components above
 * `minCos` in order of size (so an oblique edge reads e.g. "AS").
 */
export function directionLetters(d: Vec3, minCos = 0.25): string {
  const pos = ['L', 'P', 'S'];
  const neg = ['R', 'A', 'I'];
  return [0, 1, 2]
    .filter((i) => Math.abs(d[i]) >= minCos)
    .sort((a, b) => Math.abs(d[b]) - Math.abs(d[a]))
    .map((i) => (d[i] > 0 ? pos[i] : neg[i]))
    .join('');
}

/** Edge letters of an unrotated, unflipped stack image: right = +u, bottom = +v. */
export function edgeLetters(g: StackGeometry): { top: string; bottom: string; left: string; right: string } {
  const [u, v] = g.direction;
  const neg = (a: Vec3): Vec3 => [-a[0], -a[1], -a[2]];
  return {
    right: directionLetters(u),
    left: directionLetters(neg(u)),
    bottom: directionLetters(v),
    top: directionLetters(neg(v)),
  };
}
