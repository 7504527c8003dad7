/**
 * Classifier crops sampled in millimetres from a Volume (models/README.md "Classifier"): sagittal crops in
 * image axes, axial crops in patient axes with the left side mirrored; bilinear in-plane, nearest slice
 * through-plane, normalised per stack. Plain Node; never imports electron or the faces.
 */
import { add, cross, dot, normalize, scale, sub, type Vec3 } from '../../shared/vec3';
import type { Volume } from '../volume/types';
import { NORMALIZED_MAX, volumeIntensityRange } from './normalize';
import { lpsToSliceIj, nearestSlice } from './volumeGeometry';

/** Crop geometry of the classifier (manifest classifier.crop). */
export interface CropSpec {
  slices: number;
  px: number;
  cropMm: number;
  recessOffsetMm: number;
}

/** Where a crop is centred: its centre slice and the centre's pixel and patient position on it. */
export interface CropCentre {
  k: number;
  i: number;
  j: number;
  positionLps: Vec3;
}

/** In-plane frame of a crop: output columns grow along colAxis, rows along rowAxis (unit, in patient mm). */
interface CropFrame {
  colAxis: Vec3;
  rowAxis: Vec3;
}

const X: Vec3 = [1, 0, 0];
const Y: Vec3 = [0, 1, 0];

/** Project p onto the plane of slice k (along the slice normal). */
function onSlice(vol: Volume, k: number, p: Vec3): Vec3 {
  const { distanceMm } = lpsToSliceIj(vol, k, p);
  return sub(p, scale(vol.geometry.direction[2], distanceMm));
}

/** Sample one P x P crop of slice k centred at p (projected onto the slice) into out[offset..]. */
function sampleSlice(
  vol: Volume,
  k: number,
  p: Vec3,
  frame: CropFrame,
  spec: CropSpec,
  out: Float32Array,
  offset: number,
): void {
  const { px, cropMm } = spec;
  if (k < 0 || k >= vol.geometry.dims[2]) return; // stays zero: outside the stack
  const range = volumeIntensityRange(vol);
  const c = lpsToSliceIj(vol, k, onSlice(vol, k, p));
  const [u, v] = vol.geometry.direction;
  const [si, sj] = vol.geometry.spacingMm;
  const stepMm = cropMm / px;
  const diA = (dot(frame.colAxis, u) * stepMm) / si;
  const djA = (dot(frame.colAxis, v) * stepMm) / sj;
  const diB = (dot(frame.rowAxis, u) * stepMm) / si;
  const djB = (dot(frame.rowAxis, v) * stepMm) / sj;
  const half = px / 2 - 0.5;
  // Bilinear in-plane sampling (0 outside the image, edge pixels extended by half a pixel) and
  // normalizeIntensity, written inline: this loop runs ~600k times per study.
  const [cols, rows] = vol.geometry.dims;
  const pixels = vol.pixels;
  const base = k * cols * rows;
  const { p1, p99 } = range;
  const span = p99 - p1;
  const max = +NORMALIZED_MAX; // unary plus: V8 then knows a number (an imported binding is a getter in CommonJS)
  const ci = +c.i;
  const cj = +c.j;
  const iMax = cols - 0.5;
  const jMax = rows - 0.5;
  for (let b = 0; b < px; b++) {
    // Same sums in the same order as c.i + (a - half) * diA + (b - half) * diB, the row term hoisted.
    const rowI = (b - half) * diB;
    const rowJ = (b - half) * djB;
    for (let a = 0; a < px; a++) {
      const i = ci + (a - half) * diA + rowI;
      const j = cj + (a - half) * djA + rowJ;
      let value = 0;
      if (span > 0 && i >= -0.5 && j >= -0.5 && i <= iMax && j <= jMax) {
        const ic = Math.min(Math.max(i, 0), cols - 1);
        const jc = Math.min(Math.max(j, 0), rows - 1);
        const i0 = Math.floor(ic);
        const j0 = Math.floor(jc);
        const i1 = Math.min(i0 + 1, cols - 1);
        const j1 = Math.min(j0 + 1, rows - 1);
        const fi = ic - i0;
        const fj = jc - j0;
        const r0 = base + j0 * cols;
        const r1 = base + j1 * cols;
        const raw =
          (pixels[r0 + i0] * (1 - fi) + pixels[r0 + i1] * fi) * (1 - fj) +
          (pixels[r1 + i0] * (1 - fi) + pixels[r1 + i1] * fi) * fj;
        const y = (raw - p1) / span;
        value = y > 0 ? (y > max ? max : y) : 0; // NaN -> 0 as before
      }
      out[offset + b * px + a] = value;
    }
  }
}

function centreOf(vol: Volume, k: number, p: Vec3): CropCentre {
  const q = onSlice(vol, k, p);
  const { i, j } = lpsToSliceIj(vol, k, q);
  return { k, i, j, positionLps: q };
}

/** A (possibly jittered) centre slice clamped into the stack. */
function clampSlice(vol: Volume, k: number): number {
  return Math.min(vol.geometry.dims[2] - 1, Math.max(0, Math.round(k)));
}

/** Slice indices centreK-h..centreK+h (S of them), ascending. */
function sliceRun(centreK: number, slices: number): number[] {
  const h = Math.floor(slices / 2);
  return Array.from({ length: slices }, (_, s) => centreK - h + s);
}

/**
 * Sagittal crop [S, P, P] centred on p, image axes kept. Slices run centreK-2..centreK+2 (centreK defaults
 * to the slice nearest p and is clamped into the stack) ordered by patient x ascending (right -> left), or, with lateralFirst, starting
 * at the lateral side of that patient side (the foramen crops). Slices outside the stack are zeros.
 */
export function sagittalCrop(
  vol: Volume,
  p: Vec3,
  spec: CropSpec,
  opts: { centreK?: number; lateralFirst?: 'left' | 'right' } = {},
): { data: Float32Array; centre: CropCentre } {
  const k0 = clampSlice(vol, opts.centreK ?? nearestSlice(vol, p).k);
  let ks = sliceRun(k0, spec.slices);
  const ascendingIsRightToLeft = dot(vol.geometry.direction[2], X) >= 0;
  // Ascending patient x runs right -> left; the right side's lateral end is its smallest x.
  const wantAscendingX = opts.lateralFirst !== 'left';
  if (wantAscendingX !== ascendingIsRightToLeft) ks = ks.reverse();
  const frame: CropFrame = { colAxis: vol.geometry.direction[0], rowAxis: vol.geometry.direction[1] };
  const plane = spec.px * spec.px;
  const data = new Float32Array(spec.slices * plane);
  ks.forEach((k, s) => sampleSlice(vol, k, p, frame, spec, data, s * plane));
  return { data, centre: centreOf(vol, k0, p) };
}

/** Patient x and y projected into the plane of an axial stack: the crop's lateral and AP axes. */
export function axialPatientAxes(vol: Volume): { lateral: Vec3; ap: Vec3 } {
  const n = vol.geometry.direction[2];
  const lateral = normalize(sub(X, scale(n, dot(X, n))));
  let ap = normalize(cross(n, lateral));
  if (dot(ap, Y) < 0) ap = scale(ap, -1);
  return { lateral, ap };
}

/**
 * Axial crops [3, S, P, P] on slices centreK-2..centreK+2 (ascending along the normal): index 0 centred at
 * the level point projected into the slice (canal), 1 at the right recess (offset -recessOffsetMm along
 * patient x), 2 at the left recess (+recessOffsetMm), mirrored so lateral is on the image side of index 1.
 * Columns follow patient +x (radiological: patient right on the image left), rows patient +y (posterior down).
 */
export function axialCrops(
  vol: Volume,
  levelPointLps: Vec3,
  centreK: number,
  spec: CropSpec,
): { data: Float32Array; centres: [CropCentre, CropCentre, CropCentre] } {
  const { lateral, ap } = axialPatientAxes(vol);
  centreK = clampSlice(vol, centreK);
  const canal = onSlice(vol, centreK, levelPointLps);
  const right = add(canal, scale(lateral, -spec.recessOffsetMm));
  const left = add(canal, scale(lateral, spec.recessOffsetMm));
  const frames: CropFrame[] = [
    { colAxis: lateral, rowAxis: ap },
    { colAxis: lateral, rowAxis: ap },
    { colAxis: scale(lateral, -1), rowAxis: ap },
  ];
  const plane = spec.px * spec.px;
  const data = new Float32Array(3 * spec.slices * plane);
  const ks = sliceRun(centreK, spec.slices);
  [canal, right, left].forEach((p, v) => {
    ks.forEach((k, s) => sampleSlice(vol, k, p, frames[v], spec, data, (v * spec.slices + s) * plane));
  });
  return {
    data,
    centres: [centreOf(vol, centreK, canal), centreOf(vol, centreK, right), centreOf(vol, centreK, left)],
  };
}

/**
 * Foramen crops [2, S, P, P] from sagittal T1: index 0 at the right foramen, 1 at the left, each with
 * slices running lateral -> medial.
 */
export function foramenCrops(
  vol: Volume,
  rightLps: Vec3,
  leftLps: Vec3,
  spec: CropSpec,
  centreK?: { right?: number; left?: number },
): { data: Float32Array; centres: [CropCentre, CropCentre] } {
  const r = sagittalCrop(vol, rightLps, spec, { centreK: centreK?.right, lateralFirst: 'right' });
  const l = sagittalCrop(vol, leftLps, spec, { centreK: centreK?.left, lateralFirst: 'left' });
  const data = new Float32Array(r.data.length * 2);
  data.set(r.data, 0);
  data.set(l.data, r.data.length);
  return { data, centres: [r.centre, l.centre] };
}
