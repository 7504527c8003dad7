/**
 * The reference line of one stack's slice on another stack's image: where the source slice plane cuts
 * the target image, clipped to the image, as end points in target pixels (col, row) and in LPS mm.
 */
import type { StackGeometry } from '../../../../main/shared/apiWorkspace';
import { cross, dot, norm, sub, type Vec3 } from '../../../../main/shared/vec3';
import { ijkToLps, stackNormalLps } from './stackFrame';

export interface ReferenceLine {
  /** End points in target image pixels: [col, row], pixel centres at integers. */
  startPx: readonly [number, number];
  endPx: readonly [number, number];
  /** The same end points in patient LPS mm. */
  startLps: Vec3;
  endLps: Vec3;
}

/** Planes closer to parallel than this (sine of the angle between normals) have no reference line. */
export const PARALLEL_SINE = 0.05;

/**
 * Intersection of source slice `sourceK` with target slice `targetK`, clipped to the target image
 * (outer pixel edges). Null when the planes are parallel or the line misses the image.
 */
export function referenceLineOn(
  source: StackGeometry,
  sourceK: number,
  target: StackGeometry,
  targetK: number,
): ReferenceLine | null {
  const nS = stackNormalLps(source);
  if (norm(cross(nS, stackNormalLps(target))) < PARALLEL_SINE) return null;
  const originT = target.slicePositionsLps[targetK];
  const [u, v] = target.direction;
  // Points P(c, r) = O + c*su*u + r*sv*v on the source plane: a*c + b*r + d = 0.
  const a = dot(nS, u) * target.spacingMm[0];
  const b = dot(nS, v) * target.spacingMm[1];
  const d = dot(nS, sub(originT, source.slicePositionsLps[sourceK]));
  const [cols, rows] = target.dims;
  const c0 = -0.5;
  const c1 = cols - 0.5;
  const r0 = -0.5;
  const r1 = rows - 0.5;
  const hits: Array<[number, number]> = [];
  const push = (c: number, r: number): void => {
    const eps = 1e-6;
    if (c < c0 - eps || c > c1 + eps || r < r0 - eps || r > r1 + eps) return;
    if (hits.some(([hc, hr]) => Math.abs(hc - c) < 1e-6 && Math.abs(hr - r) < 1e-6)) return;
    hits.push([c, r]);
  };
  if (Math.abs(b) > 1e-12) {
    push(c0, -(a * c0 + d) / b);
    push(c1, -(a * c1 + d) / b);
  }
  if (Math.abs(a) > 1e-12) {
    push(-(b * r0 + d) / a, r0);
    push(-(b * r1 + d) / a, r1);
  }
  const ends = farthestPair(hits);
  if (!ends) return null;
  const [p, q] = ends;
  return {
    startPx: p,
    endPx: q,
    startLps: ijkToLps(target, [p[0], p[1], targetK]),
    endLps: ijkToLps(target, [q[0], q[1], targetK]),
  };
}

function farthestPair(points: Array<[number, number]>): [[number, number], [number, number]] | null {
  let best: [[number, number], [number, number]] | null = null;
  let bestD = 1e-9;
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const dd = Math.hypot(points[i][0] - points[j][0], points[i][1] - points[j][1]);
      if (dd > bestD) {
        bestD = dd;
        best = [points[i], points[j]];
      }
    }
  }
  return best;
}
