/**
 * Convenience slice planes through a phantom for previews, tests and benchmarks: a sagittal plane at a
 * lateral offset from the midline and an axial plane parallel to a disc. (The study writer chooses the
 * real series geometry.) Plain Node; never imports electron.
 */
import type { SliceGeometry } from '../../../shared/sliceGeometry';
import type { Level } from '../../../shared/targets';
import { add, cross, dot, normalize, scale, sub, type Vec3 } from '../../../shared/vec3';
import type { SpineAnatomy } from '../anatomyTypes';

/** Plane centred on a patient point with row direction u and column direction v, square matrix. */
export function planeThrough(centre: Vec3, u: Vec3, v: Vec3, fovMm: number, matrix: number): SliceGeometry {
  const sp = fovMm / matrix;
  const half = (matrix - 1) / 2;
  return {
    positionLps: sub(sub(centre, scale(u, half * sp)), scale(v, half * sp)),
    rowDirection: u,
    columnDirection: v,
    pixelSpacingMm: [sp, sp],
  };
}

/**
 * Sagittal plane (anterior on the image left, head up) through the FOV centre shifted `offsetMm`
 * along the patient's left axis (negative = patient right).
 */
export function sagittalPreviewPlane(
  anatomy: SpineAnatomy,
  offsetMm: number,
  fovMm: number,
  matrix: number,
): SliceGeometry {
  const [left, posterior, superior] = anatomy.bodyAxes;
  const centre = add(anatomy.fovCenterLps, scale(left, offsetMm));
  return planeThrough(centre, posterior, scale(superior, -1), fovMm, matrix);
}

/** Axial plane parallel to a disc through a point at `offsetMm` along the disc normal from its centre. */
export function axialPreviewPlane(
  anatomy: SpineAnatomy,
  level: Level,
  fovMm: number,
  matrix: number,
  offsetMm = 0,
): SliceGeometry {
  const la = anatomy.levels[level];
  const n = la.discNormal;
  const posterior = anatomy.bodyAxes[1];
  const v = normalize(sub(posterior, scale(n, dot(posterior, n))));
  const u = normalize(cross(v, n));
  const centre = add(add(la.discCenterLps, scale(n, offsetMm)), scale(v, 25));
  return planeThrough(centre, u, v, fovMm, matrix);
}
