/**
 * One image plane's geometry from (0020,0032) Image Position (Patient), (0020,0037) Image Orientation
 * (Patient) and (0028,0030) Pixel Spacing, with pixel <-> patient (LPS, mm) transforms.
 * Pure TypeScript: imports nothing outside main/shared.
 */
import { add, cross, dot, normalize, scale, sub, type Vec3 } from './vec3';

export interface SliceGeometry {
  /** (0020,0032): patient position of the centre of the first transmitted pixel, mm. */
  positionLps: Vec3;
  /** (0020,0037)[0:3]: direction along a row (column index grows). */
  rowDirection: Vec3;
  /** (0020,0037)[3:6]: direction down a column (row index grows). */
  columnDirection: Vec3;
  /** (0028,0030): [spacing between rows, spacing between columns] in mm. */
  pixelSpacingMm: readonly [number, number];
}

/** Slice normal n = u x v (unit). */
export function sliceNormal(g: SliceGeometry): Vec3 {
  return normalize(cross(g.rowDirection, g.columnDirection));
}

/** Pixel (col, row) -> patient LPS mm: P = IPP + c*PS[1]*u + r*PS[0]*v. */
export function pixelToLps(g: SliceGeometry, col: number, row: number): Vec3 {
  return add(
    g.positionLps,
    add(
      scale(g.rowDirection, col * g.pixelSpacingMm[1]),
      scale(g.columnDirection, row * g.pixelSpacingMm[0]),
    ),
  );
}

/** Patient LPS mm -> pixel (col, row) in this plane, plus the signed distance to the plane in mm. */
export function lpsToPixel(g: SliceGeometry, p: Vec3): { col: number; row: number; distanceMm: number } {
  const d = sub(p, g.positionLps);
  return {
    col: dot(d, g.rowDirection) / g.pixelSpacingMm[1],
    row: dot(d, g.columnDirection) / g.pixelSpacingMm[0],
    distanceMm: dot(d, sliceNormal(g)),
  };
}

/** Signed distance of a patient point from the plane, along the slice normal (mm). */
export function signedDistanceMm(g: SliceGeometry, p: Vec3): number {
  return dot(sub(p, g.positionLps), sliceNormal(g));
}

export type Plane = 'sagittal' | 'coronal' | 'axial' | 'oblique';

/**
 * Plane from the normal's dominant LPS axis: x -> sagittal, y -> coronal, z -> axial.
 * Oblique when no axis has |cos| >= minCos (default ~ 45 deg).
 */
export function planeOf(g: SliceGeometry, minCos = 0.7): Plane {
  const n = sliceNormal(g);
  const a = [Math.abs(n[0]), Math.abs(n[1]), Math.abs(n[2])];
  const i = a.indexOf(Math.max(...a));
  if (a[i] < minCos) return 'oblique';
  return i === 0 ? 'sagittal' : i === 1 ? 'coronal' : 'axial';
}
