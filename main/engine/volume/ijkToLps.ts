/**
 * Index (i column, j row, k slice; fractional allowed) -> patient LPS mm:
 * P = IPP(k) + i * spacing[0] * u + j * spacing[1] * v, with IPP(k) from the recorded slice positions.
 * Plain TypeScript; never imports electron.
 */
import { add, scale, type Vec3 } from '../../shared/vec3';
import { slicePositionAt } from './slicePosition';
import type { VolumeGeometry } from './types';

/** Patient LPS (mm) of voxel index [i, j, k]. */
export function ijkToLps(g: VolumeGeometry, ijk: Vec3): Vec3 {
  const [u, v] = g.direction;
  const origin = slicePositionAt(g, ijk[2]);
  return add(origin, add(scale(u, ijk[0] * g.spacingMm[0]), scale(v, ijk[1] * g.spacingMm[1])));
}
