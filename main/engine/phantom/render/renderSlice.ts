/**
 * Renders one noise-free MR slice of a phantom on any plane: samples the label grid at several points
 * through the slab (partial volume) with jittered in-plane offsets (anti-aliasing), maps tissue to
 * signal for the contrast, adds tissue texture and a mild point-spread blur. Plain Node; never imports electron.
 */
import { sliceNormal } from '../../../shared/sliceGeometry';
import type { SliceRequest, SpineAnatomy } from '../anatomyTypes';
import { modelOf, type PhantomModel } from '../anatomy/model';
import { backgroundLabel } from '../anatomy/softTissue';
import { baseSignal, Tissue, TEXTURE_AMPLITUDE, TISSUE_COUNT } from '../anatomy/tissues';
import { gridOf, type LabelGrid } from './labelGrid';
import { textureTile } from './texture';

const JITTER: ReadonlyArray<readonly [number, number]> = [
  [-0.25, -0.25],
  [0.25, 0.25],
  [0.25, -0.25],
  [-0.25, 0.25],
  [0, 0],
  [0.125, -0.375],
];

function tileOf(m: PhantomModel): Float32Array {
  const cached = m.cache.get('texture') as Float32Array | undefined;
  if (cached) return cached;
  const t = textureTile(m.textureSeed);
  m.cache.set('texture', t);
  return t;
}

/** LPS direction -> body-frame direction (the transform's rotation part, transposed). */
function dirToBody(m: PhantomModel, d: readonly [number, number, number]): [number, number, number] {
  const [ax, ay, az] = m.axes;
  return [
    ax[0] * d[0] + ax[1] * d[1] + ax[2] * d[2],
    ay[0] * d[0] + ay[1] * d[1] + ay[2] * d[2],
    az[0] * d[0] + az[1] * d[1] + az[2] * d[2],
  ];
}

/** Number of samples through the slab: about one per 1.25 voxels of thickness, 2..6. */
export function thicknessSamples(sliceThicknessMm: number, voxelMm: number): number {
  return Math.max(2, Math.min(6, Math.round(sliceThicknessMm / (voxelMm * 1.25))));
}

function blur121(img: Float32Array, cols: number, rows: number): Float32Array {
  const tmp = new Float32Array(img.length);
  for (let r = 0; r < rows; r++) {
    const b = r * cols;
    tmp[b] = img[b];
    tmp[b + cols - 1] = img[b + cols - 1];
    for (let c = 1; c < cols - 1; c++)
      tmp[b + c] = 0.25 * img[b + c - 1] + 0.5 * img[b + c] + 0.25 * img[b + c + 1];
  }
  const out = new Float32Array(img.length);
  out.set(tmp.subarray(0, cols), 0);
  out.set(tmp.subarray((rows - 1) * cols), (rows - 1) * cols);
  for (let r = 1; r < rows - 1; r++) {
    const b = r * cols;
    for (let c = 0; c < cols; c++)
      out[b + c] = 0.25 * tmp[b + c - cols] + 0.5 * tmp[b + c] + 0.25 * tmp[b + c + cols];
  }
  return out;
}

/** Signal of one sample at grid coordinates (gx, gy, gz) (voxel units). */
function sampleAt(
  m: PhantomModel,
  g: LabelGrid,
  lut: Float32Array,
  tex: Float32Array,
  gx: number,
  gy: number,
  gz: number,
): number {
  const ix = Math.floor(gx + 0.5);
  const iy = Math.floor(gy + 0.5);
  const iz = Math.floor(gz + 0.5);
  let label: number;
  if (ix >= 0 && iy >= 0 && iz >= 0 && ix < g.nx && iy < g.ny && iz < g.nz) {
    label = g.labels[(iz * g.ny + iy) * g.nx + ix];
  } else {
    const v = g.voxelMm;
    label = backgroundLabel(m.background, g.x0 + gx * v, g.y0 + gy * v, g.z0 + gz * v);
  }
  const coarse = label === Tissue.Viscera || label === Tissue.BowelFluid;
  const t = coarse
    ? tex[((ix >> 2) & 31) + (((iy >> 2) & 31) << 5) + (((iz >> 2) & 31) << 10)]
    : tex[(ix & 31) + ((iy & 31) << 5) + ((iz & 31) << 10)];
  return lut[label * 2] * (1 + lut[label * 2 + 1] * t);
}

/**
 * Render a noise-free slice: Float32Array of rows x cols, row-major (row * cols + col), roughly 0..1.
 * Pixel (c, r) is at (0020,0032) + c * (0028,0030)[1] * u + r * (0028,0030)[0] * v (PS3.3 C.7.6.2.1.1).
 */
export function renderSlice(anatomy: SpineAnatomy, request: SliceRequest): Float32Array {
  const m = modelOf(anatomy);
  const g = gridOf(m);
  const tex = tileOf(m);
  const { geometry: geo, cols, rows } = request;
  const base = baseSignal(request.contrast);
  const scale = m.signalScale[request.contrast];
  const lut = new Float32Array(TISSUE_COUNT * 2);
  for (let t = 0; t < TISSUE_COUNT; t++) {
    lut[t * 2] = base[t] * scale[t];
    lut[t * 2 + 1] = TEXTURE_AMPLITUDE[t];
  }
  const v = g.voxelMm;
  const [ox, oy, oz] = m.originBody;
  const rel = [0, 1, 2].map((i) => geo.positionLps[i] - m.translationLps[i]) as [number, number, number];
  const p0 = dirToBody(m, rel);
  const colStep = dirToBody(m, geo.rowDirection).map((d) => (d * geo.pixelSpacingMm[1]) / v);
  const rowStep = dirToBody(m, geo.columnDirection).map((d) => (d * geo.pixelSpacingMm[0]) / v);
  const normal = dirToBody(m, sliceNormal(geo)).map((d) => d / v);
  const start = [(p0[0] + ox - g.x0) / v, (p0[1] + oy - g.y0) / v, (p0[2] + oz - g.z0) / v];
  const k = thicknessSamples(request.sliceThicknessMm, v);
  const offsets: number[][] = [];
  for (let s = 0; s < k; s++) {
    const along = ((s + 0.5) / k - 0.5) * request.sliceThicknessMm;
    const [jc, jr] = JITTER[s % JITTER.length];
    offsets.push([0, 1, 2].map((a) => start[a] + along * normal[a] + jc * colStep[a] + jr * rowStep[a]));
  }
  const out = new Float32Array(cols * rows);
  const inv = 1 / k;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const bx = c * colStep[0] + r * rowStep[0];
      const by = c * colStep[1] + r * rowStep[1];
      const bz = c * colStep[2] + r * rowStep[2];
      let acc = 0;
      for (let s = 0; s < k; s++) {
        const o = offsets[s];
        acc += sampleAt(m, g, lut, tex, o[0] + bx, o[1] + by, o[2] + bz);
      }
      out[r * cols + c] = acc * inv;
    }
  }
  return blur121(out, cols, rows);
}
