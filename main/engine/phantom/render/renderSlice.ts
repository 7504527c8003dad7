/**
 * Renders one noise-free MR slice of a phantom on any plane: samples the label grid at several points
 * through the slab (partial volume) with a per-pixel sub-voxel dither (stochastic anti-aliasing), maps tissue
 * to signal for the contrast, adds per-tissue texture (grain and amplitude) and the truncated-k-space
 * point-spread function (smooth edges with Gibbs ringing). Plain Node; never imports electron.
 */
import { sliceNormal } from '../../../shared/sliceGeometry';
import type { SliceRequest, SpineAnatomy } from '../anatomyTypes';
import { modelOf, type PhantomModel } from '../anatomy/model';
import { ensureBackground } from '../anatomy/softTissue';
import {
  baseSignal,
  STIR_FAT_TEXTURE,
  STIR_MARROW_TEXTURE_AMPLITUDE,
  Tissue,
  TEXTURE_AMPLITUDE,
  TEXTURE_GRAIN,
  TISSUE_COUNT,
} from '../anatomy/tissues';
import { sampledBowelRows, type PlaneLattice } from './bowelRows';
import { applyKspacePsf } from './kspacePsf';
import { gridOf, type LabelGrid } from './labelGrid';
import { scratchFloat32 } from './scratch';
import { textureTiles, TILE_SIZE } from './texture';
import { xorshiftUniformTable } from '../xorshift';

/**
 * Per-pixel dither offsets in [-0.5, 0.5): (x, y, z grid axes, the position within the slab stratum) per table
 * entry; consecutive pixels of a row read consecutive entries. The grid-axis offsets are white noise; the slab
 * offset follows the golden-ratio sequence, so neighbouring pixels sample evenly spread depths of their strata
 * and the point-spread function averages a thin structure lying in the slab (a disc's cleft, an endplate)
 * instead of showing it as per-pixel speckle.
 */
const DITHER_SIZE = 4096;
const DITHER: Float32Array = ditherTable();

function ditherTable(): Float32Array {
  const t = xorshiftUniformTable(DITHER_SIZE * 4, 0x6c8e9cf5);
  for (let i = 0; i < DITHER_SIZE; i++) {
    const x = 0.5 + i * 0.6180339887498949;
    t[4 * i + 3] = x - Math.floor(x) - 0.5;
  }
  return t;
}

/** Fraction of k-space sampled along (columns, rows) when a request does not say. */
export const DEFAULT_KSPACE_FRACTION: readonly [number, number] = [0.8, 0.72];

function tileOf(m: PhantomModel): Float32Array {
  const cached = m.cache.get('texture') as Float32Array | undefined;
  if (cached) return cached;
  const t = textureTiles(m.textureSeed);
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

/**
 * Number of stratified samples through the slab (each jittered within its stratum per pixel): about one
 * per 2.8 voxels of thickness, 2..5.
 */
export function thicknessSamples(sliceThicknessMm: number, voxelMm: number): number {
  return Math.max(2, Math.min(5, Math.round(sliceThicknessMm / (voxelMm * 2.8))));
}

/** Signal, texture amplitude and texture tile offset (grain) per tissue label, for one contrast. */
interface TissueTables {
  lut: Float32Array;
  tileBase: Int32Array;
}

/** Where the k sample planes of one slice lie in grid coordinates, and how each is jittered (bowelRows.ts). */
type SamplePlanes = PlaneLattice;

/** The grid's labels in one memory layout: voxel (ix, iy, iz) at ix * sx + iy * sy + iz * sz. */
interface GridView {
  labels: Uint8Array;
  sx: number;
  sy: number;
  sz: number;
}

/** The y-fast copy of the grid and which of its x columns (ix) are copied so far. */
interface YFastView extends GridView {
  copied: Uint8Array;
}

/**
 * The grid with y fastest, then z, then x (voxel (ix, iy, iz) at (ix * nz + iz) * ny + iy), made per study on
 * first use, for the x columns ixLo..ixHi a slice can read (a sagittal series reads a slab of x only): a
 * sagittal slice walks y along its columns and z down its rows, so it reads this copy in runs of consecutive
 * bytes instead of one cache line per sample.
 */
function yFastView(m: PhantomModel, g: LabelGrid, ixLo: number, ixHi: number): GridView {
  const { nx, ny, nz } = g;
  let view = m.cache.get('grid-yzx') as YFastView | undefined;
  if (!view) {
    view = {
      labels: new Uint8Array(g.labels.length),
      sx: nz * ny,
      sy: 1,
      sz: ny,
      copied: new Uint8Array(nx),
    };
    m.cache.set('grid-yzx', view);
  }
  // int32 (| 0: the same values), so copyYFast's indices are integer arithmetic, not float64 (3x slower).
  const lo = Math.max(0, ixLo) | 0;
  const hi = Math.min(nx - 1, ixHi) | 0;
  let a = lo;
  while (a <= hi && view.copied[a]) a++;
  let b = hi;
  while (b >= a && view.copied[b]) b--;
  if (a > b) return view;
  copyYFast(g, view.labels, a, b);
  view.copied.fill(1, a, b + 1);
  return view;
}

/** Columns ixA..ixB of the grid into its y-fast copy `out` (again where copied already: the same bytes). */
function copyYFast(g: LabelGrid, out: Uint8Array, ixA: number, ixB: number): void {
  const { nx, ny, nz } = g;
  const src = g.labels;
  // Per z-slab (nx * ny bytes, in cache), each x column's y run written as consecutive bytes, four columns
  // at a time: writing byte by byte across all nx runs at once (72 kB apart) missed the TLB on almost every byte.
  const sxOut = nz * ny;
  const end1 = ixB + 1;
  for (let iz = 0; iz < nz; iz++) {
    const slab = iz * ny * nx;
    let ix = ixA;
    for (; ix + 3 < end1; ix += 4) {
      let o = ix * sxOut + iz * ny;
      for (let i = slab + ix, end = slab + ix + ny * nx; i < end; i += nx, o++) {
        out[o] = src[i];
        out[o + sxOut] = src[i + 1];
        out[o + 2 * sxOut] = src[i + 2];
        out[o + 3 * sxOut] = src[i + 3];
      }
    }
    for (; ix < end1; ix++) {
      let o = ix * sxOut + iz * ny;
      for (let i = slab + ix, end = slab + ix + ny * nx; i < end; i += nx) out[o++] = src[i];
    }
  }
}

/**
 * The layout to read for these planes: y-fast where the columns run mostly along body y (sagittal), copied for
 * the x columns of the sample box (sampleBox) and 1 more.
 */
function viewFor(m: PhantomModel, g: LabelGrid, p: SamplePlanes, box: SampleBox): GridView {
  const [cx, cy] = p.colStep;
  if (Math.abs(cy) > Math.abs(cx))
    return yFastView(m, g, Math.floor(box.lo[0]) - 1, Math.ceil(box.hi[0]) + 1);
  return { labels: g.labels, sx: 1, sy: g.nx, sz: g.nx * g.ny };
}

/**
 * Add the signal of every sample plane to `acc` for every pixel: the label at grid coordinates
 * origin + c * colStep + r * rowStep, each axis dithered by up to half a voxel per pixel (so edges are
 * sampled as partial volume, not as steps); outside the grid, the trunk band map (also dithered).
 * Rows are the outer loop and the planes of one row follow each other (each pixel still adds its planes
 * in order 0..k-1), so the grid lines a row reads are read k times while they are in cache.
 */
function accumulatePlanes(
  m: PhantomModel,
  g: LabelGrid,
  t: TissueTables,
  tex: Float32Array,
  acc: Float32Array,
  planes: SamplePlanes,
  view: GridView,
): void {
  const { nx, ny, nz } = g;
  const { labels, sx: strideX, sy: strideY, sz: strideZ } = view;
  const { origins, strata, cols, rows, k } = planes;
  const v = g.voxelMm;
  const { lut, tileBase } = t;
  const bg = m.background;
  const { curveY, labels: bgLabels, cols: bgCols, rows: bgRows, bands } = bg;
  const curveLast = curveY.length - 1;
  const bx0 = g.x0 - bg.x0 + 0.5;
  const by0 = g.y0 - bg.y0 + 0.5;
  const bz0 = g.z0 - bg.curveZ0 + 0.5;
  const bandScale = v / bg.bandMm;
  const band0 = (g.z0 - bg.bandZ0) / bg.bandMm;
  const [cx, cy, cz] = planes.colStep;
  const [rx, ry, rz] = planes.rowStep;
  const dither = DITHER;
  for (let r = 0; r < rows; r++) {
    const rowBase = r * cols;
    for (let s = 0; s < k; s++) {
      const sx = strata[3 * s];
      const sy = strata[3 * s + 1];
      const sz = strata[3 * s + 2];
      let gx = origins[3 * s] + r * rx + 0.5;
      let gy = origins[3 * s + 1] + r * ry + 0.5;
      let gz = origins[3 * s + 2] + r * rz + 0.5;
      const seed = Math.imul(s + 1, 0x27d4eb2d) | 0;
      const rh = Math.imul(Math.imul(r, 0x85ebca77) ^ seed, 0x9e3779b1);
      let j = ((rh >>> 20) & (DITHER_SIZE - 1)) << 2;
      for (let c = 0; c < cols; c++, gx += cx, gy += cy, gz += cz) {
        j = (j + 4) & (DITHER_SIZE * 4 - 1);
        const da = dither[j + 3];
        const dx = gx + dither[j] + da * sx;
        const dy = gy + dither[j + 1] + da * sy;
        const dz = gz + dither[j + 2] + da * sz;
        let label: number;
        let ix: number;
        let iy: number;
        let iz: number;
        if (dx >= 0 && dy >= 0 && dz >= 0 && dx < nx && dy < ny && dz < nz) {
          ix = dx | 0;
          iy = dy | 0;
          iz = dz | 0;
          label = labels[ix * strideX + iy * strideY + iz * strideZ];
        } else {
          // The map indices as int32 (| 0: the same values, far inside int32), so V8 indexes the map and the
          // curve with integer arithmetic instead of float64.
          let kz = Math.floor(bz0 + (dz - 0.5) * v) | 0;
          kz = kz < 0 ? 0 : kz > curveLast ? curveLast : kz;
          const bc = Math.floor(bx0 + (dx - 0.5) * v) | 0;
          const br = Math.floor(by0 + (dy - 0.5) * v - curveY[kz]) | 0;
          if (bc < 0 || br < 0 || bc >= bgCols || br >= bgRows) continue;
          iz = Math.floor(dz) | 0;
          // The grid's slab dither (labelGrid.slabDither), inlined for speed. No z warp in front of the spine:
          // the 2 mm bands follow their own z, and v4's per-4-mm-cell band warp (tuned to hide 10 mm band edges)
          // moved samples up to ~7 mm in z cell by cell, painting the bowel with square blocks in sagittal.
          const gs = iz * 0.6180339887;
          let b = Math.floor(band0 + (dz - 0.5) * bandScale + gs - Math.floor(gs) - 0.5) | 0;
          b = b < 0 ? 0 : b >= bands ? bands - 1 : b;
          label = bgLabels[(b * bgCols + bc) * bgRows + br];
          ix = Math.floor(dx) | 0;
          iy = Math.floor(dy) | 0;
        }
        // Air has zero signal: its samples add exactly +0.
        if (label === 0) continue;
        const ti = tileBase[label] + ((ix & 31) | ((iy & 31) << 5) | ((iz & 31) << 10));
        acc[rowBase + c] += lut[label << 1] * (1 + lut[(label << 1) | 1] * tex[ti]);
      }
    }
  }
}

/** Grid coordinates (per axis) that the sample points of a slice's planes can reach. */
interface SampleBox {
  lo: number[];
  hi: number[];
}

/** The box of every sample point: plane corners, +-1 voxel of dither and stratum jitter, 1 more for rounding. */
function sampleBox(p: SamplePlanes): SampleBox {
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let s = 0; s < p.k; s++) {
    for (const [c, r] of [
      [0, 0],
      [p.cols - 1, 0],
      [0, p.rows - 1],
      [p.cols - 1, p.rows - 1],
    ]) {
      for (let a = 0; a < 3; a++) {
        const x = p.origins[3 * s + a] + c * p.colStep[a] + r * p.rowStep[a] + 0.5;
        const jitter = 0.5 + 0.5 * Math.abs(p.strata[3 * s + a]) + 1;
        lo[a] = Math.min(lo[a], x - jitter);
        hi[a] = Math.max(hi[a], x + jitter);
      }
    }
  }
  return { lo, hi };
}

/**
 * Fill the trunk map strips (bands x columns) that accumulatePlanes may read for these planes: the sample box
 * mapped to map columns, and to bands with the slab dither (< 1 band either way).
 */
function ensureSampledBackground(m: PhantomModel, g: LabelGrid, p: SamplePlanes, box: SampleBox): void {
  const bg = m.background;
  const v = g.voxelMm;
  const { lo, hi } = box;
  const colAt = (d: number): number => Math.floor(g.x0 - bg.x0 + 0.5 + (d - 0.5) * v);
  const bandAt = (d: number): number => (g.z0 - bg.bandZ0) / bg.bandMm + ((d - 0.5) * v) / bg.bandMm - 0.5;
  const b0 = Math.floor(bandAt(lo[2])) - 1;
  const b1 = Math.floor(bandAt(hi[2]) + 1) + 1;
  // bowel5: the bowel only in the rows of each band the planes can read (bowelRows.ts).
  const bowelRows = sampledBowelRows(bg, g, p, b0, b1);
  ensureBackground(bg, b0, b1, colAt(lo[0]) - 1, colAt(hi[0]) + 1, -Infinity, bowelRows);
}

/** Signal and texture tables of one contrast for this study. */
function tissueTables(m: PhantomModel, contrast: SliceRequest['contrast']): TissueTables {
  const base = baseSignal(contrast);
  const scale = m.signalScale[contrast];
  const lut = new Float32Array(TISSUE_COUNT * 2);
  const tileBase = new Int32Array(TISSUE_COUNT);
  for (let t = 0; t < TISSUE_COUNT; t++) {
    lut[t * 2] = base[t] * scale[t];
    lut[t * 2 + 1] = TEXTURE_AMPLITUDE[t];
    tileBase[t] = TEXTURE_GRAIN[t] * TILE_SIZE;
  }
  if (contrast === 'STIR') {
    lut[Tissue.Fat * 2] *= m.stirFatLeak;
    lut[Tissue.Fat * 2 + 1] = STIR_FAT_TEXTURE.amplitude;
    tileBase[Tissue.Fat] = STIR_FAT_TEXTURE.grain * TILE_SIZE;
    lut[Tissue.Marrow * 2 + 1] = STIR_MARROW_TEXTURE_AMPLITUDE;
  }
  return { lut, tileBase };
}

/**
 * The k-space fraction the point-spread function uses along an axis of `pixelMm`: the requested fraction, but
 * no finer than the label grid resolves (acquired resolution pixelMm / fraction >= one grid voxel). A slice
 * stored at pixels finer than the grid (0.3-0.6 mm) is then an interpolated ~0.8 mm acquisition, as a real
 * interpolated scan is, and the sub-voxel dither of the samples is averaged instead of showing as a fringe.
 */
export function resolvedFraction(fraction: number, pixelMm: number, voxelMm: number): number {
  return Math.min(fraction, pixelMm / voxelMm);
}

/**
 * Render a noise-free slice: Float32Array of rows x cols, row-major (row * cols + col), roughly 0..1.
 * Pixel (c, r) is at (0020,0032) + c * (0028,0030)[1] * u + r * (0028,0030)[0] * v (PS3.3 C.7.6.2.1.1).
 */
export function renderSlice(anatomy: SpineAnatomy, request: SliceRequest): Float32Array {
  return renderInto(anatomy, request, false);
}

/**
 * {@link renderSlice} into a work buffer (the same values): valid until the next call, for a caller that
 * only reads it before rendering again (the generator), so a slice allocates no image.
 */
export function renderSliceScratch(anatomy: SpineAnatomy, request: SliceRequest): Float32Array {
  return renderInto(anatomy, request, true);
}

function renderInto(anatomy: SpineAnatomy, request: SliceRequest, reuse: boolean): Float32Array {
  const m = modelOf(anatomy);
  const g = gridOf(m);
  const tex = tileOf(m);
  const { geometry: geo, cols, rows } = request;
  const tables = tissueTables(m, request.contrast);
  const v = g.voxelMm;
  const [ox, oy, oz] = m.originBody;
  const rel = [0, 1, 2].map((i) => geo.positionLps[i] - m.translationLps[i]) as [number, number, number];
  const p0 = dirToBody(m, rel);
  const colStep = dirToBody(m, geo.rowDirection).map((d) => (d * geo.pixelSpacingMm[1]) / v);
  const rowStep = dirToBody(m, geo.columnDirection).map((d) => (d * geo.pixelSpacingMm[0]) / v);
  const normal = dirToBody(m, sliceNormal(geo)).map((d) => d / v);
  const start = [(p0[0] + ox - g.x0) / v, (p0[1] + oy - g.y0) / v, (p0[2] + oz - g.z0) / v];
  const k = thicknessSamples(request.sliceThicknessMm, v);
  const origins = new Float64Array(3 * k);
  const strata = new Float64Array(3 * k);
  for (let s = 0; s < k; s++) {
    const along = ((s + 0.5) / k - 0.5) * request.sliceThicknessMm;
    for (let a = 0; a < 3; a++) {
      origins[3 * s + a] = start[a] + along * normal[a];
      strata[3 * s + a] = (normal[a] * request.sliceThicknessMm) / k;
    }
  }
  const planes = { origins, strata, colStep, rowStep, cols, rows, k };
  const box = sampleBox(planes);
  ensureSampledBackground(m, g, planes, box);
  const out = scratchFloat32('render-accumulator', cols * rows).fill(0);
  accumulatePlanes(m, g, tables, tex, out, planes, viewFor(m, g, planes, box));
  const [fc, fr] = request.kspaceFraction ?? DEFAULT_KSPACE_FRACTION;
  const image = reuse ? scratchFloat32('render-psf', cols * rows) : new Float32Array(cols * rows);
  const [rowMm, colMm] = geo.pixelSpacingMm;
  return applyKspacePsf(
    out,
    cols,
    rows,
    1 / k,
    resolvedFraction(fc, colMm, v),
    resolvedFraction(fr, rowMm, v),
    image,
  );
}
