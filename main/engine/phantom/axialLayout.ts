/**
 * Plans the axial T2 coverage of a phantom study: one contiguous stack, or blocks of 3-6 slices angled to
 * each disc plane; sometimes not reaching the upper levels, sometimes split over two series. Never imports electron.
 */
import { add, dot, normalize, rotateAbout, scale, sub, type Vec3 } from '../../shared/vec3';
import { LEVELS, type Level } from '../../shared/targets';
import type { SpineAnatomy } from './anatomyTypes';
import type { AxialMode, SeriesPlan, StackPlan } from './layoutTypes';
import { drawMatrix, inPlaneAxes, planeAt, roundMm, sliceCentres, type MatrixDraw } from './planes';
import type { Rng } from '../rng';

const DEG = Math.PI / 180;

interface AxialDraw {
  matrix: MatrixDraw;
  sliceThicknessMm: number;
  spacingBetweenSlicesMm: number;
}

/** Cranial-most level the axial coverage starts at: usually L1/L2, often lower (as in RSNA). */
function drawCoveredLevels(rng: Rng): Level[] {
  const r = rng.next();
  const first = r < 0.65 ? 0 : r < 0.9 ? 1 : 2;
  return LEVELS.slice(first);
}

/** In-plane centre of the axial field of view: between the disc and the canal, shifted a little. */
function inPlaneCenter(anatomy: SpineAnatomy, level: Level, u: Vec3, v: Vec3, rng: Rng): Vec3 {
  const la = anatomy.levels[level];
  const mid = scale(add(la.discCenterLps, la.canalCenterLps), 0.5);
  return add(mid, add(scale(u, rng.uniform(-8, 8)), scale(v, rng.uniform(-8, 8))));
}

function drawAxialAcquisition(rng: Rng, maxMatrix: number, thicknessMm: readonly number[]): AxialDraw {
  const matrix = drawMatrix(rng, [160, 210], maxMatrix, 'cols');
  const sliceThicknessMm = roundMm(rng.pick(thicknessMm));
  const spacingBetweenSlicesMm = roundMm(sliceThicknessMm + rng.pick([0, 0.3, 0.5, 0.8, 1.0]));
  return { matrix, sliceThicknessMm, spacingBetweenSlicesMm };
}

/** Blocks of 3-6 slices parallel to each covered disc (normal = LevelAnatomy.discNormal), centred on it. */
function perDiscStacks(anatomy: SpineAnatomy, levels: Level[], draw: AxialDraw, rng: Rng): StackPlan[] {
  const leftAxis = anatomy.bodyAxes[0];
  return levels.map((level) => {
    const la = anatomy.levels[level];
    const n = normalize(la.discNormal);
    const { u, v } = inPlaneAxes(n, leftAxis);
    const count = rng.int(3, 6);
    const centerInPlane = inPlaneCenter(anatomy, level, u, v, rng);
    const alongN =
      dot(sub(la.discCenterLps, centerInPlane), n) + rng.uniform(-0.3, 0.3) * draw.spacingBetweenSlicesMm;
    const center = add(centerInPlane, scale(n, alongN));
    const slices = sliceCentres(center, n, count, draw.spacingBetweenSlicesMm).map((c) =>
      planeAt(c, u, v, draw.matrix.cols, draw.matrix.rows, draw.matrix.pixelSpacingMm),
    );
    return { level, slices };
  });
}

/** One stack from 12 mm below the L5/S1 disc to 12 mm above the first covered disc, slightly tilted. */
function contiguousStack(anatomy: SpineAnatomy, levels: Level[], draw: AxialDraw, rng: Rng): StackPlan {
  const [leftAxis, , superiorAxis] = anatomy.bodyAxes;
  const n = normalize(rotateAbout(superiorAxis, leftAxis, rng.uniform(-6, 6) * DEG));
  const { u, v } = inPlaneAxes(n, leftAxis);
  const top = anatomy.levels[levels[0]].discCenterLps;
  const bottom = anatomy.levels.l5_s1.discCenterLps;
  const spanMm = dot(sub(top, bottom), n) + 24;
  const count = Math.max(3, Math.ceil(spanMm / draw.spacingBetweenSlicesMm) + 1);
  const centerInPlane = inPlaneCenter(anatomy, 'l3_l4', u, v, rng);
  const midAlongN = (dot(sub(top, centerInPlane), n) + dot(sub(bottom, centerInPlane), n)) / 2;
  const center = add(centerInPlane, scale(n, midAlongN));
  const slices = sliceCentres(center, n, count, draw.spacingBetweenSlicesMm).map((c) =>
    planeAt(c, u, v, draw.matrix.cols, draw.matrix.rows, draw.matrix.pixelSpacingMm),
  );
  return { slices };
}

function axialSeries(key: string, draw: AxialDraw, stacks: StackPlan[]): SeriesPlan {
  return {
    key,
    role: 'Axial T2',
    contrast: 'T2',
    ...draw.matrix,
    sliceThicknessMm: draw.sliceThicknessMm,
    spacingBetweenSlicesMm: draw.spacingBetweenSlicesMm,
    stacks,
    instanceNumbers: [],
  };
}

/** Split a contiguous stack's slices into a caudal and a cranial part (two series of one acquisition plan). */
function splitStack(stack: StackPlan): [StackPlan, StackPlan] {
  const half = Math.ceil(stack.slices.length / 2);
  return [{ slices: stack.slices.slice(0, half) }, { slices: stack.slices.slice(half) }];
}

/**
 * The axial T2 series of a study (one, or two in about 15% of studies), the mode and the levels planned.
 * Contiguous stacks are kept to 3.5-5 mm slices so that they stay at 30-50 slices.
 */
export function planAxialSeries(
  anatomy: SpineAnatomy,
  rng: Rng,
  maxMatrix: number,
  forcedMode?: AxialMode,
): { series: SeriesPlan[]; mode: AxialMode; levels: Level[] } {
  const mode: AxialMode = forcedMode ?? (rng.bool(0.5) ? 'per-disc' : 'contiguous');
  const levels = drawCoveredLevels(rng);
  const split = rng.bool(0.15);
  if (mode === 'per-disc') {
    const draw = drawAxialAcquisition(rng, maxMatrix, [3, 3.5, 4, 4, 4.5, 5]);
    const stacks = perDiscStacks(anatomy, levels, draw, rng);
    if (!split || stacks.length < 2) return { series: [axialSeries('ax_1', draw, stacks)], mode, levels };
    const cut = Math.ceil(stacks.length / 2);
    return {
      series: [axialSeries('ax_1', draw, stacks.slice(0, cut)), axialSeries('ax_2', draw, stacks.slice(cut))],
      mode,
      levels,
    };
  }
  const draw = drawAxialAcquisition(rng, maxMatrix, [3.5, 4, 4, 4.5, 5]);
  const stack = contiguousStack(anatomy, levels, draw, rng);
  if (!split) return { series: [axialSeries('ax_1', draw, [stack])], mode, levels };
  const [caudal, cranial] = splitStack(stack);
  return {
    series: [axialSeries('ax_1', draw, [cranial]), axialSeries('ax_2', draw, [caudal])],
    mode,
    levels,
  };
}
