/**
 * Axial cross-referencing: the axial slice nearest a level point by signed distance along each slice's
 * normal, over every stack of every axial series (rsna-lumbar.md). Plain Node; never imports electron.
 */
import type { Vec3 } from '../../shared/vec3';
import type { Volume } from '../volume/types';
import { insideSlice, lpsToSliceIj } from './volumeGeometry';

/** A point is covered when the nearest slice is at most this many slice spacings away. */
export const COVERAGE_TOLERANCE_SPACINGS = 1.5;

export type AxialMatch =
  | {
      covered: true;
      volume: Volume;
      /** Index of the axial stack in the input list. */
      stack: number;
      k: number;
      /** Signed distance of the point from the slice plane along its normal, mm. */
      distanceMm: number;
    }
  | { covered: false; reason: string; nearestDistanceMm: number | null };

/** Mean slice spacing of a stack, mm (from its positions; the geometry's mean when it has one slice). */
function sliceSpacingMm(vol: Volume): number {
  const g = vol.geometry;
  return g.spacingMm[2] > 0 ? g.spacingMm[2] : 4;
}

/**
 * Nearest axial slice to p over all stacks: the smallest |n . (p - IPP_k)| among slices whose image
 * contains p's projection. Not covered when no slice contains it or the nearest is farther than
 * 1.5 x that stack's slice spacing (the stacks do not reach the level).
 */
export function nearestAxialSlice(axials: readonly Volume[], p: Vec3): AxialMatch {
  let best: { stack: number; k: number; d: number } | undefined;
  axials.forEach((vol, stack) => {
    for (let k = 0; k < vol.geometry.dims[2]; k++) {
      const { i, j, distanceMm } = lpsToSliceIj(vol, k, p);
      if (!insideSlice(vol, i, j)) continue;
      if (!best || Math.abs(distanceMm) < Math.abs(best.d)) best = { stack, k, d: distanceMm };
    }
  });
  if (!best) {
    return {
      covered: false,
      reason:
        axials.length === 0
          ? 'no axial T2 series'
          : 'the level lies outside the field of view of every axial slice',
      nearestDistanceMm: null,
    };
  }
  const vol = axials[best.stack];
  const tolerance = COVERAGE_TOLERANCE_SPACINGS * sliceSpacingMm(vol);
  if (Math.abs(best.d) > tolerance) {
    const away = Math.abs(best.d);
    return {
      covered: false,
      reason: `the axial T2 slices do not cover this level (nearest slice ${away.toFixed(1)} mm away, tolerance ${tolerance.toFixed(1)} mm)`,
      nearestDistanceMm: away,
    };
  }
  return { covered: true, volume: vol, stack: best.stack, k: best.k, distanceMm: best.d };
}
