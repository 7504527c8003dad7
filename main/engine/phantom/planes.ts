/**
 * Plane helpers for phantom layouts: slice geometry centred on a point, matrix and pixel-spacing draws,
 * and rounding so the geometry written to DICOM is exactly the geometry rendered. Never imports electron.
 */
import type { SliceGeometry } from '../../shared/sliceGeometry';
import { add, cross, dot, normalize, scale, sub, type Vec3 } from '../../shared/vec3';
import type { Rng } from '../rng';

/** In-plane matrix sizes scanners commonly reconstruct to. */
const MATRIX_SIZES = [256, 288, 320, 384, 448, 512, 576, 640] as const;

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(value * f) / f;
  return r === 0 ? 0 : r;
}

/** Vector rounded to `decimals` places (and -0 turned into 0) so that DICOM text round-trips exactly. */
export function roundVec(v: Vec3, decimals: number): Vec3 {
  return [round(v[0], decimals), round(v[1], decimals), round(v[2], decimals)];
}

/** Round a length (mm) to 1e-4 mm, the precision every phantom length is written with. */
export function roundMm(valueMm: number): number {
  return round(valueMm, 4);
}

/** Unit vector of `v` with its component along unit `n` removed (Gram-Schmidt). */
export function orthogonalTo(v: Vec3, n: Vec3): Vec3 {
  return normalize(sub(v, scale(n, dot(v, n))));
}

/**
 * The slice whose centre pixel lies at `centerLps`: (0020,0032) Image Position (Patient) is the centre of
 * the first pixel, so it sits half a matrix back along u and v. Directions are rounded to 1e-6 and the
 * position to 1e-4 mm, which is what the DICOM header carries.
 */
export function planeAt(
  centerLps: Vec3,
  rowDirection: Vec3,
  columnDirection: Vec3,
  cols: number,
  rows: number,
  pixelSpacingMm: number,
): SliceGeometry {
  const u = roundVec(rowDirection, 6);
  const v = roundVec(columnDirection, 6);
  const corner = sub(
    centerLps,
    add(scale(u, ((cols - 1) / 2) * pixelSpacingMm), scale(v, ((rows - 1) / 2) * pixelSpacingMm)),
  );
  return {
    positionLps: roundVec(corner, 4),
    rowDirection: u,
    columnDirection: v,
    pixelSpacingMm: [pixelSpacingMm, pixelSpacingMm],
  };
}

/** Right-handed in-plane axes (u, v) for a slice normal n, with u as close as possible to `uHint`. */
export function inPlaneAxes(normal: Vec3, uHint: Vec3): { u: Vec3; v: Vec3 } {
  const u = orthogonalTo(uHint, normal);
  return { u, v: normalize(cross(normal, u)) };
}

export interface MatrixDraw {
  cols: number;
  rows: number;
  pixelSpacingMm: number;
}

/**
 * Draw a matrix and square pixel spacing for a field of view: in-plane spacing 0.3-0.9 mm, matrix 256 up to
 * `maxMatrix`. The longer side is `longMm` along columns (`longAlong = 'cols'`) or rows; the shorter side
 * is sometimes reduced (rectangular field of view).
 */
export function drawMatrix(
  rng: Rng,
  fovMm: readonly [number, number],
  maxMatrix: number,
  longAlong: 'cols' | 'rows',
): MatrixDraw {
  const fov = rng.uniform(fovMm[0], fovMm[1]);
  const sizes = MATRIX_SIZES.filter((m) => m <= maxMatrix && fov / m <= 0.9 && fov / m >= 0.3);
  const long = sizes.length > 0 ? rng.pick(sizes) : Math.min(maxMatrix, 640);
  const pixelSpacingMm = round(Math.min(0.9, Math.max(0.3, fov / long)), 6);
  const short = rng.bool(0.3) ? Math.max(256, Math.round((long * rng.uniform(0.75, 0.9)) / 16) * 16) : long;
  return longAlong === 'cols'
    ? { cols: long, rows: short, pixelSpacingMm }
    : { cols: short, rows: long, pixelSpacingMm };
}

/** Positions `count` slice centres `spacingMm` apart along unit `normal`, centred on `centerLps`. */
export function sliceCentres(centerLps: Vec3, normal: Vec3, count: number, spacingMm: number): Vec3[] {
  return Array.from({ length: count }, (_, k) =>
    add(centerLps, scale(normal, (k - (count - 1) / 2) * spacingMm)),
  );
}
