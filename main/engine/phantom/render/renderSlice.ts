/**
 * Renders one noise-free MR slice of a phantom on any plane: samples the label grid at several points
 * through the slab (partial volume) with jittered in-plane offsets (anti-aliasing), maps tissue to
 * signal for the contrast, adds tissue texture and a mild point-spread blur. Plain Node; never imports electron.
 */
import { sliceNormal } from '../../../shared/sliceGeometry';
import type { SliceRequest, SpineAnatomy } from '../anatomyTypes';
import { modelOf, type PhantomModel } from '../anatomy/model';
import { baseSignal, Tissue, TEXTURE_AMPLITUDE, TISSUE_COUNT } from '../anatomy/tissues';
import { gridOf, type LabelGrid } from './labelGrid';
import { textureTile } from './texture';

/** Local copies: module-namespace getters (as emitted by esbuild/tsx) are slow in per-pixel loops. */
const VISCERA = Tissue.Viscera;

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

/** Number of samples through the slab: about one per 1.75 voxels of thickness, 2..5. */
export function thicknessSamples(sliceThicknessMm: number, voxelMm: number): number {
  return Math.max(2, Math.min(5, Math.round(sliceThicknessMm / (voxelMm * 1.75))));
}

/**
 * Horizontal [1 2 1] / 4 pass over the mean image float32(sum * factor) (the mean is formed on the fly,
 * as a float32 image scaled in place would hold it); the first and last columns are copied.
 */
function blurRowsOfMean(
  sum: Float32Array,
  tmp: Float32Array,
  cols: number,
  rows: number,
  factor: number,
): void {
  for (let r = 0; r < rows; r++) {
    const b = r * cols;
    let prev = Math.fround(sum[b] * factor);
    tmp[b] = prev;
    if (cols === 1) continue;
    let cur = Math.fround(sum[b + 1] * factor);
    for (let c = 1; c < cols - 1; c++) {
      const next = Math.fround(sum[b + c + 1] * factor);
      tmp[b + c] = 0.25 * prev + 0.5 * cur + 0.25 * next;
      prev = cur;
      cur = next;
    }
    tmp[b + cols - 1] = cur;
  }
}

/** Vertical [1 2 1] / 4 pass; the first and last rows are copied. */
function blurColumns(tmp: Float32Array, out: Float32Array, cols: number, rows: number): void {
  const last = (rows - 1) * cols;
  for (let c = 0; c < cols; c++) {
    out[c] = tmp[c];
    out[last + c] = tmp[last + c];
  }
  for (let r = 1; r < rows - 1; r++) {
    const b = r * cols;
    for (let c = 0; c < cols; c++)
      out[b + c] = 0.25 * tmp[b + c - cols] + 0.5 * tmp[b + c] + 0.25 * tmp[b + c + cols];
  }
}

/** Mild point-spread blur of the mean image sum * factor: separable [1 2 1] / 4 with copied edges. */
function blurMean121(sum: Float32Array, cols: number, rows: number, factor: number): Float32Array {
  const tmp = new Float32Array(sum.length);
  const out = new Float32Array(sum.length);
  blurRowsOfMean(sum, tmp, cols, rows, factor);
  blurColumns(tmp, out, cols, rows);
  return out;
}

/**
 * Add one sample plane's signal to `acc` for every pixel: nearest label at grid coordinates
 * start + c * colStep + r * rowStep, tissue lookup, texture modulation (coarser for viscera).
 */
function accumulatePlane(
  m: PhantomModel,
  g: LabelGrid,
  lut: Float32Array,
  tex: Float32Array,
  acc: Float32Array,
  cols: number,
  rows: number,
  start: readonly number[],
  colStep: readonly number[],
  rowStep: readonly number[],
): void {
  const { nx, ny, nz, labels } = g;
  const v = g.voxelMm;
  const bg = m.background;
  const { curveY, labels: bgLabels, cols: bgCols, rows: bgRows } = bg;
  const curveLast = curveY.length - 1;
  // Background lookups in 1 mm cells: x' = x - bg.x0, z' = z - curveZ0 and y' = y - curveY - bg.y0 (+0.5 rounds).
  const bx0 = g.x0 - bg.x0 + 0.5;
  const by0 = g.y0 - bg.y0 + 0.5;
  const bz0 = g.z0 - bg.curveZ0 + 0.5;
  const [cx, cy, cz] = colStep;
  for (let r = 0; r < rows; r++) {
    let gx = start[0] + r * rowStep[0] + 0.5;
    let gy = start[1] + r * rowStep[1] + 0.5;
    let gz = start[2] + r * rowStep[2] + 0.5;
    const rowBase = r * cols;
    for (let c = 0; c < cols; c++, gx += cx, gy += cy, gz += cz) {
      let ix: number;
      let iy: number;
      let iz: number;
      let label: number;
      if (gx >= 0 && gy >= 0 && gz >= 0 && gx < nx && gy < ny && gz < nz) {
        // Inside the grid the coordinates are non-negative: truncation is the floor.
        ix = gx | 0;
        iy = gy | 0;
        iz = gz | 0;
        label = labels[(iz * ny + iy) * nx + ix];
      } else {
        let k = Math.floor(bz0 + (gz - 0.5) * v);
        k = k < 0 ? 0 : k > curveLast ? curveLast : k;
        const bc = Math.floor(bx0 + (gx - 0.5) * v);
        const br = Math.floor(by0 + (gy - 0.5) * v - curveY[k]);
        if (bc < 0 || br < 0 || bc >= bgCols || br >= bgRows) continue;
        label = bgLabels[br * bgCols + bc];
        // Only the texture index reads these, through int32 bit operations: |0 changes nothing there.
        ix = Math.floor(gx) | 0;
        iy = Math.floor(gy) | 0;
        iz = Math.floor(gz) | 0;
      }
      // Air has zero signal: its samples add exactly +0.
      if (label === 0) continue;
      const t =
        label === VISCERA
          ? tex[((ix >> 2) & 31) | (((iy >> 2) & 31) << 5) | (((iz >> 2) & 31) << 10)]
          : tex[(ix & 31) | ((iy & 31) << 5) | ((iz & 31) << 10)];
      acc[rowBase + c] += lut[label << 1] * (1 + lut[(label << 1) | 1] * t);
    }
  }
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
  const out = new Float32Array(cols * rows);
  for (let s = 0; s < k; s++) {
    const along = ((s + 0.5) / k - 0.5) * request.sliceThicknessMm;
    const [jc, jr] = JITTER[s % JITTER.length];
    const origin = [0, 1, 2].map((a) => start[a] + along * normal[a] + jc * colStep[a] + jr * rowStep[a]);
    accumulatePlane(m, g, lut, tex, out, cols, rows, origin, colStep, rowStep);
  }
  return blurMean121(out, cols, rows, 1 / k);
}
