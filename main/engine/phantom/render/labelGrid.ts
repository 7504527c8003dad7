/**
 * Rasterises a phantom model once into a 3D tissue-label grid (body frame, ~0.8 mm): the trunk
 * background first, then each primitive in paint order over its bounding box only.
 * Plain Node; never imports electron.
 */
import type { PhantomModel } from '../anatomy/model';
import { emptyBox, growBox } from '../anatomy/geometry';
import { ensureBackground } from '../anatomy/softTissue';
import type { GridRow, Primitive } from '../anatomy/primitive';

export interface LabelGrid {
  labels: Uint8Array;
  nx: number;
  ny: number;
  nz: number;
  /** Body-frame centre of voxel (0, 0, 0), mm. */
  x0: number;
  y0: number;
  z0: number;
  voxelMm: number;
}

export const DEFAULT_VOXEL_MM = 0.8;
const MAX_HALF_WIDTH_MM = 72;
/** Bands whose gathered rows fillBackground keeps at once. */
const BAND_SLOTS = 4;

/**
 * Dither in [0, 1) of grid z-slab iz: which trunk band the slab takes where two bands meet. A golden-ratio
 * sequence, the same for the whole slab, so an axial plane sees one band (no salt-and-pepper mix of two) and
 * the share of each band changes evenly across the transition (a cross-fade after the point-spread function).
 */
export function slabDither(iz: number): number {
  const t = iz * 0.6180339887;
  return t - Math.floor(t);
}

/**
 * Trunk background into every voxel. A grid row (iz, iy) is a copy of one map row r of one band b
 * (gathered at the grid's x positions), so each band's rows are gathered once and then copied.
 */
function fillBackground(m: PhantomModel, g: LabelGrid): void {
  const bg = m.background;
  const { nx, ny, nz, voxelMm: v } = g;
  const cols = new Int32Array(nx);
  let cLo = bg.cols;
  let cHi = -1;
  for (let ix = 0; ix < nx; ix++) {
    const c = Math.round(g.x0 + ix * v - bg.x0);
    cols[ix] = c >= 0 && c < bg.cols ? c : -1;
    if (cols[ix] >= 0) {
      cLo = Math.min(cLo, c);
      cHi = Math.max(cHi, c);
    }
  }
  let bLo = bg.bands;
  let bHi = -1;
  for (let iz = 0; iz < nz; iz++) {
    let b = Math.floor((g.z0 + iz * v - bg.bandZ0) / bg.bandMm - 0.5 + slabDither(iz));
    b = b < 0 ? 0 : b >= bg.bands ? bg.bands - 1 : b;
    bLo = Math.min(bLo, b);
    bHi = Math.max(bHi, b);
  }
  // The grid reads body y >= g.y0 only: the bowel in front of that is painted when a slice reads it.
  ensureBackground(bg, bLo, bHi, cLo, cHi, g.y0);
  // Map rows the grid can read (its y range shifted by the curve over its z range).
  let rLo = bg.rows;
  let rHi = -1;
  for (let iz = 0; iz < nz; iz++) {
    const cy = curveAt(bg, g.z0 + iz * v);
    rLo = Math.min(rLo, Math.round(g.y0 - cy - bg.y0));
    rHi = Math.max(rHi, Math.round(g.y0 + (ny - 1) * v - cy - bg.y0));
  }
  rLo = Math.max(0, rLo) | 0;
  rHi = Math.min(bg.rows - 1, rHi) | 0;
  const span = Math.max(0, rHi - rLo + 1);
  // The gathered rows rLo..rHi of the few bands the slabs are using (a slab takes one of the two bands around
  // its z, and z only grows): band b lives in slot b % BAND_SLOTS until another band takes the slot. A band is
  // gathered whole, one map column (its rows contiguous) at a time.
  const gathered = new Uint8Array(BAND_SLOTS * span * nx);
  const slotBand = new Int32Array(BAND_SLOTS).fill(-1);
  for (let iz = 0; iz < nz; iz++) {
    const z = g.z0 + iz * v;
    const cy = curveAt(bg, z);
    // int32 (| 0: the same values), so the gather and copy index with integer arithmetic, not float64.
    let b = Math.floor((z - bg.bandZ0) / bg.bandMm - 0.5 + slabDither(iz)) | 0;
    b = b < 0 ? 0 : b >= bg.bands ? bg.bands - 1 : b;
    const slot = b % BAND_SLOTS;
    const slotBase = slot * span * nx;
    if (slotBand[slot] !== b) {
      slotBand[slot] = b;
      for (let ix = 0; ix < nx; ix++) {
        const c = cols[ix];
        if (c < 0) continue;
        let src = (b * bg.cols + c) * bg.rows + rLo;
        for (let r = 0, o = slotBase + ix; r < span; r++, o += nx, src++) gathered[o] = bg.labels[src];
      }
    }
    for (let iy = 0; iy < ny; iy++) {
      const r = Math.round(g.y0 + iy * v - cy - bg.y0) | 0;
      if (r < rLo || r > rHi) continue;
      const from = slotBase + (r - rLo) * nx;
      g.labels.set(gathered.subarray(from, from + nx), (iz * ny + iy) * nx);
    }
  }
}

/** Body y of the column's curve at body z (the curve table's nearest 1 mm entry). */
function curveAt(bg: PhantomModel['background'], z: number): number {
  let k = Math.round(z - bg.curveZ0);
  k = k < 0 ? 0 : k >= bg.curveY.length ? bg.curveY.length - 1 : k;
  return bg.curveY[k];
}

/**
 * The primitives of the model rasterised last, kept reachable on purpose. V8 holds a function's optimised
 * code only weakly from its feedback: when a study's anatomy (every closure of its primitive painters) is
 * collected, the next study's painters start cold and are compiled again (about a dozen TurboFan compiles per
 * study). Keeping one study's primitives alive keeps that code for the next (no effect on any value).
 */
let _warmPrimitives: PhantomModel['primitives'] = [];

/**
 * Offer the grid rows iy0..iy1 x iz0..iz1 to one primitive. Its own function, not rasterize's inner loop: each
 * study brings new primitive closures, and the optimised loop that inlines them is recompiled per study; a small
 * loop costs far less to recompile than rasterize with every painter inlined.
 */
function paintRows(
  p: Primitive,
  g: LabelGrid,
  row: GridRow,
  iy0: number,
  iy1: number,
  iz0: number,
  iz1: number,
): void {
  const v = g.voxelMm;
  for (let iz = iz0; iz <= iz1; iz++) {
    row.z = g.z0 + iz * v;
    for (let iy = iy0; iy <= iy1; iy++) {
      row.y = g.y0 + iy * v;
      row.base = (iz * g.ny + iy) * g.nx;
      p.paintRow(row);
    }
  }
}

/** Rasterise the model (background + primitives) into a label grid. */
export function rasterize(m: PhantomModel, voxelMm = DEFAULT_VOXEL_MM): LabelGrid {
  const box = emptyBox();
  for (const p of m.primitives) {
    growBox(box, p.box.min, 0);
    growBox(box, p.box.max, 0);
  }
  box.min[0] = Math.max(box.min[0], -MAX_HALF_WIDTH_MM);
  box.max[0] = Math.min(box.max[0], MAX_HALF_WIDTH_MM);
  const n = [0, 1, 2].map((i) => Math.ceil((box.max[i] - box.min[i]) / voxelMm) + 1);
  const g: LabelGrid = {
    labels: new Uint8Array(n[0] * n[1] * n[2]),
    nx: n[0],
    ny: n[1],
    nz: n[2],
    x0: box.min[0],
    y0: box.min[1],
    z0: box.min[2],
    voxelMm,
  };
  fillBackground(m, g);
  const lo = [g.x0, g.y0, g.z0];
  const dims = [g.nx, g.ny, g.nz];
  const row: GridRow = { labels: g.labels, base: 0, ix0: 0, ix1: 0, x0: g.x0, dx: voxelMm, y: 0, z: 0 };
  for (const p of m.primitives) {
    const i0 = [0, 1, 2].map((a) => Math.max(0, Math.floor((p.box.min[a] - lo[a]) / voxelMm)));
    const i1 = [0, 1, 2].map((a) => Math.min(dims[a] - 1, Math.ceil((p.box.max[a] - lo[a]) / voxelMm)));
    if (i0[0] > i1[0]) continue;
    row.ix0 = i0[0];
    row.ix1 = i1[0];
    paintRows(p, g, row, i0[1], i1[1], i0[2], i1[2]);
  }
  _warmPrimitives = m.primitives;
  return g;
}

/** The model's grid, rasterised on first use and cached on the model. */
export function gridOf(m: PhantomModel): LabelGrid {
  const cached = m.cache.get('grid') as LabelGrid | undefined;
  if (cached) return cached;
  const g = rasterize(m);
  m.cache.set('grid', g);
  return g;
}
