/**
 * Which stack and slice a pane should show for a patient point: its own stack when the point lies within
 * it, else the nearest near-parallel stack of the same role that holds it (per-disc axial blocks). Only main/shared.
 */
import type { StackDetail } from '../../../../main/shared/apiWorkspace';
import { dot, type Vec3 } from '../../../../main/shared/vec3';
import { nearestSliceTo, stackNormalLps } from './stackFrame';

/**
 * Least |cos| between the normals of stacks that may stand in for each other (60 degrees): per-disc axial
 * blocks follow the lordosis, so L5/S1's block can lie 30-40 degrees from L1/L2's.
 */
export const SAME_PLANE_MIN_COS = 0.5;

export interface StackChoice {
  seriesInstanceUid: string;
  stackIndex: number;
  sliceIndex: number;
  /** Signed distance of the point from the chosen slice's plane, mm. */
  distanceMm: number;
}

/** The stack (of `shown` and `candidates`) and slice for a point; `shown` at its nearest slice when none holds it. */
export function stackForPoint(
  shown: StackDetail,
  candidates: readonly StackDetail[],
  pointLps: Vec3,
): StackChoice {
  const choice = (s: StackDetail): StackChoice & { outside: boolean } => {
    const hit = nearestSliceTo(s.geometry, pointLps);
    return {
      seriesInstanceUid: s.seriesInstanceUid,
      stackIndex: s.stackIndex,
      sliceIndex: hit.sliceIndex,
      distanceMm: hit.distanceMm,
      outside: hit.outside,
    };
  };
  const own = choice(shown);
  let best: StackChoice | null = null;
  if (own.outside) {
    for (const s of candidates) {
      const cos = Math.abs(dot(stackNormalLps(s.geometry), stackNormalLps(shown.geometry)));
      if (s.role !== shown.role || cos < SAME_PLANE_MIN_COS) continue;
      const c = choice(s);
      if (!c.outside && (!best || Math.abs(c.distanceMm) < Math.abs(best.distanceMm))) best = c;
    }
  }
  const { outside: _outside, ...ownChoice } = own;
  return best ?? ownChoice;
}
