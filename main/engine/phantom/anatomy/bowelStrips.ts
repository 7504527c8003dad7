/**
 * Bookkeeping of the trunk map's bowel (phantom v6: split out of softTissue.ts): per strip (band, column) the
 * rows holding cavity marks and the rows already painted, and the painting of one band's bowel into the rows a
 * reader asks for. Plain TypeScript; never imports electron or render code.
 */
import { paintBowel as paintTubes, tubesAt } from './bowel';
import type { BowelSegment } from './bowelPlan';
import type { MesenteryBand } from './mesentery';
import type { BackgroundMap } from './softTissue';
import type { TrunkPlan } from './trunkPlan';

/** Local alias: module-namespace getters (as emitted by esbuild/tsx) are slow in per-voxel loops. */
const paintBowel = paintTubes;

/**
 * The bowel of the bands: the sections leave the peritoneal cavity as CAVITY_MARK, a band copies those marks,
 * and its bowel and mesentery are painted into them at the band's own z (so loops run continuously along z).
 * Per strip (band * cols + col): the rows holding marks after the copy (markLo..markHi; markLo > markHi: none)
 * and a run of rows known to be painted (paintLo..paintHi): a reader of fewer rows (the label grid, an oblique
 * axial slice) leaves the other rows for later. A cell painted is no longer a mark, so painting rows again
 * changes nothing: the run only saves work.
 */
export interface BowelStrips {
  markLo: Int16Array;
  markHi: Int16Array;
  paintLo: Int16Array;
  paintHi: Int16Array;
  /** Per band: the tubes that can reach it (made on first use). */
  tubes: Array<BowelSegment[] | undefined>;
  /** Per-column scratch of one paint: the rows to paint. */
  rowLo: Int16Array;
  rowHi: Int16Array;
}

/** Empty strips for a map of `bands` bands of cols x rows cells. */
export function newBowelStrips(bands: number, cols: number, rows: number): BowelStrips {
  return {
    markLo: new Int16Array(bands * cols).fill(rows),
    markHi: new Int16Array(bands * cols).fill(-1),
    paintLo: new Int16Array(bands * cols).fill(rows),
    paintHi: new Int16Array(bands * cols).fill(-1),
    tubes: new Array<BowelSegment[] | undefined>(bands),
    rowLo: new Int16Array(cols),
    rowHi: new Int16Array(cols),
  };
}

/**
 * The map rows a reader needs the bowel of, per band b0 + i: lo[i]..hi[i] (lo > hi: none). The strips are
 * filled whole all the same; only the bowel painting is limited to these rows.
 */
export interface BowelRows {
  b0: number;
  lo: Int32Array;
  hi: Int32Array;
}

/** The first map row of band b whose cells lie at body y >= yFrom at some z the band is read at (0 for -inf). */
export function firstRowFrom(bg: BackgroundMap, b: number, yFrom: number): number {
  if (yFrom === -Infinity) return 0;
  // A grid slab takes band b for z in (bandZ0 + (b - 0.5) * bandMm, bandZ0 + (b + 1.5) * bandMm), and reads the
  // curve at the nearest 1 mm; a mm either way to spare.
  const last = bg.curveY.length - 1;
  const k0 = Math.max(0, Math.floor(bg.bandZ0 + (b - 0.5) * bg.bandMm - bg.curveZ0) - 2);
  const k1 = Math.min(last, Math.ceil(bg.bandZ0 + (b + 1.5) * bg.bandMm - bg.curveZ0) + 2);
  let row = bg.rows;
  for (let k = k0; k <= k1; k++) row = Math.min(row, Math.floor(yFrom - bg.curveY[k] - bg.y0) - 1);
  return Math.max(0, row);
}

/**
 * The rows of one strip still to paint out of lo..hi, given its painted run: into rowLo[col], rowHi[col]; the
 * painted run grows to cover them (or is replaced by them where they do not touch it and are longer).
 */
function rowsToPaint(strips: BowelStrips, k: number, col: number, lo: number, hi: number): void {
  const pl = strips.paintLo[k];
  const ph = strips.paintHi[k];
  let nl = lo;
  let nh = hi;
  if (lo <= hi && pl <= ph) {
    if (lo >= pl && hi <= ph) [lo, hi] = [1, 0];
    else if (lo >= pl && lo <= ph + 1) [lo, nl] = [ph + 1, pl];
    else if (hi <= ph && hi >= pl - 1) [hi, nh] = [pl - 1, ph];
    else if (!(lo < pl && hi > ph) && ph - pl > hi - lo) [nl, nh] = [pl, ph];
  }
  strips.rowLo[col] = lo;
  strips.rowHi[col] = hi;
  if (lo > hi) return;
  strips.paintLo[k] = nl;
  strips.paintHi[k] = nh;
}

/** Paint band b's bowel into rows rowFrom..rowTo of columns c0..c1 (filled) where not painted yet. */
export function ensureBowel(
  bg: BackgroundMap,
  b: number,
  c0: number,
  c1: number,
  rowFrom: number,
  rowTo: number,
): void {
  const strips = bg.lazy.bowel;
  const { markLo, markHi, rowLo, rowHi } = strips;
  let r0 = bg.rows;
  let r1 = -1;
  let col0 = c1 + 1;
  let col1 = c0 - 1;
  for (let col = c0; col <= c1; col++) {
    const k = b * bg.cols + col;
    rowsToPaint(strips, k, col, Math.max(rowFrom, markLo[k]), Math.min(rowTo, markHi[k]));
    const lo = rowLo[col];
    const hi = rowHi[col];
    if (lo > hi) continue;
    r0 = Math.min(r0, lo);
    r1 = Math.max(r1, hi);
    col0 = Math.min(col0, col);
    col1 = col;
  }
  if (r0 > r1) return;
  const z = bg.bandZ0 + (b + 0.5) * bg.bandMm;
  const tubes = strips.tubes[b] ?? (strips.tubes[b] = tubesAt(bg.lazy.plan.bowel, z));
  const plan = bg.lazy.plan;
  const mes = mesenteryBand(plan, z);
  const { rows } = bg;
  // The band's cells are contiguous (col * rows + row): painted in place.
  const out = bg.labels.subarray(b * bg.cols * rows, (b + 1) * bg.cols * rows);
  const g = { cols: bg.cols, rows, x0: bg.x0, y0: bg.y0, out, band: 0, bands: 1 };
  paintBowel(tubes, z, { ...g, col0, col1, row0: r0, row1: r1, rowLo, rowHi }, mes);
}

/**
 * The mesentery's root at body z: from left of L2 (x +15 mm) to the right iliac fossa at S1 (x -45 mm), ~3 cm
 * wide, in the back half of the cavity (in front of the great vessels).
 */
export function mesenteryBand(plan: TrunkPlan, z: number): MesenteryBand {
  const l2 = plan.levelZ.find((l) => l.name === 'L2');
  const s1 = plan.levelZ.find((l) => l.name === 'S1');
  const z0 = l2 ? l2.z : z;
  const z1 = s1 ? s1.z : z - 1;
  const t = Math.min(1.2, Math.max(-0.2, (z0 - z) / (z0 - z1)));
  return {
    z,
    ph: plan.septaPhase[1],
    vesselPh: plan.septaPhase[1] + z * 0.01,
    rootX: 15 - 60 * t,
    rootHalfMm: 14,
    rootFrontY: -0.5 * plan.frontMm,
  };
}
