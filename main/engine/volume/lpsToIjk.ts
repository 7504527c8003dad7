/**
 * Patient LPS mm -> fractional index [i, j, k], the exact inverse of ijkToLps (uneven slice spacing included).
 * Plain TypeScript; never imports electron.
 */
import { dot, sub, type Vec3 } from '../../shared/vec3';
import { sliceIndexAt, slicePositionAt } from './slicePosition';
import type { VolumeGeometry } from './types';

/** Fractional voxel index [i, j, k] of a patient LPS point (mm). */
export function lpsToIjk(g: VolumeGeometry, pLps: Vec3): Vec3 {
  const [u, v, n] = g.direction;
  const k = sliceIndexAt(g, dot(n, pLps));
  const d = sub(pLps, slicePositionAt(g, k));
  return [dot(d, u) / g.spacingMm[0], dot(d, v) / g.spacingMm[1], k];
}
