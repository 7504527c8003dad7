/**
 * Plans the sagittal T1 and T2/STIR series of a phantom study: a slab aligned to the patient's spine with a
 * small operator tilt, wide enough that both neural foramina of every level lie inside. Never imports electron.
 */
import { add, dot, normalize, rotateAbout, scale, sub, type Vec3 } from '../../shared/vec3';
import { LEVELS } from '../../shared/targets';
import type { Contrast, SpineAnatomy } from './anatomyTypes';
import type { SeriesPlan } from './layoutTypes';
import { drawMatrix, inPlaneAxes, planeAt, roundMm, sliceCentres } from './planes';
import type { Rng } from '../rng';

const DEG = Math.PI / 180;

/** Slab shared by the two sagittal series (the technologist plans them together). */
export interface SagittalSlab {
  /** Slice normal n = u x v; points towards patient right for the usual IOP [0,1,0,0,0,-1]. */
  normal: Vec3;
  /** u: along a row, towards posterior. */
  u: Vec3;
  /** v: down a column, towards the feet. */
  v: Vec3;
  centerLps: Vec3;
  sliceCount: number;
  sliceThicknessMm: number;
  spacingBetweenSlicesMm: number;
}

function meanOf(points: Vec3[]): Vec3 {
  return scale(
    points.reduce((a, p) => add(a, p), [0, 0, 0] as Vec3),
    1 / points.length,
  );
}

/** Half-width (mm, along n) the slab must reach so every foramen centre lies inside a slice's thickness. */
function requiredHalfWidthMm(anatomy: SpineAnatomy, centerLps: Vec3, normal: Vec3): number {
  let half = 0;
  for (const level of LEVELS) {
    const { left, right } = anatomy.levels[level].foramenLps;
    half = Math.max(
      half,
      Math.abs(dot(sub(left, centerLps), normal)),
      Math.abs(dot(sub(right, centerLps), normal)),
    );
  }
  return half;
}

/** Draw the sagittal slab: 13-25 slices of 3-4.5 mm with 0.2-1 mm gaps, covering both foramina. */
export function planSagittalSlab(anatomy: SpineAnatomy, rng: Rng): SagittalSlab {
  const [leftAxis, posteriorAxis, superiorAxis] = anatomy.bodyAxes;
  const yaw = rng.uniform(-3, 3) * DEG;
  const roll = rng.uniform(-2.5, 2.5) * DEG;
  const uHint = rotateAbout(posteriorAxis, superiorAxis, yaw);
  const right = normalize(
    rotateAbout(rotateAbout(scale(leftAxis, -1), superiorAxis, yaw), posteriorAxis, roll),
  );
  const { u, v } = inPlaneAxes(right, uHint);
  const sliceThicknessMm = roundMm(rng.pick([3, 3, 3.5, 4, 4, 4.5]));
  const spacingBetweenSlicesMm = roundMm(sliceThicknessMm + rng.pick([0.3, 0.4, 0.5, 0.8, 1.0]));
  const midline = meanOf(LEVELS.map((l) => anatomy.levels[l].canalCenterLps));
  const centerLps = add(midline, scale(right, rng.uniform(-0.4, 0.4) * spacingBetweenSlicesMm));
  const needHalf = requiredHalfWidthMm(anatomy, centerLps, right) + sliceThicknessMm / 2 + 1;
  const minCount = Math.ceil((2 * needHalf) / spacingBetweenSlicesMm) + 1;
  const sliceCount = Math.min(25, Math.max(minCount, rng.int(13, 21)));
  return { normal: right, u, v, centerLps, sliceCount, sliceThicknessMm, spacingBetweenSlicesMm };
}

/**
 * One sagittal series on the slab. Sagittal field of view 240-320 mm, centred near L3 and shifted a little;
 * the longer side runs head-feet (rows).
 */
export function planSagittalSeries(
  key: string,
  role: 'Sagittal T1' | 'Sagittal T2/STIR',
  contrast: Contrast,
  slab: SagittalSlab,
  anatomy: SpineAnatomy,
  rng: Rng,
  maxMatrix: number,
): SeriesPlan {
  const matrix = drawMatrix(rng, [240, 320], maxMatrix, 'rows');
  const shift = add(scale(slab.u, rng.uniform(-12, 12)), scale(slab.v, rng.uniform(-15, 15)));
  const inPlaneCenter = add(anatomy.fovCenterLps, shift);
  const offsetAlongN = dot(sub(slab.centerLps, inPlaneCenter), slab.normal);
  const center = add(inPlaneCenter, scale(slab.normal, offsetAlongN));
  const slices = sliceCentres(center, slab.normal, slab.sliceCount, slab.spacingBetweenSlicesMm).map((c) =>
    planeAt(c, slab.u, slab.v, matrix.cols, matrix.rows, matrix.pixelSpacingMm),
  );
  return {
    key,
    role,
    contrast,
    ...matrix,
    sliceThicknessMm: slab.sliceThicknessMm,
    spacingBetweenSlicesMm: slab.spacingBetweenSlicesMm,
    stacks: [{ slices }],
    instanceNumbers: [],
  };
}
