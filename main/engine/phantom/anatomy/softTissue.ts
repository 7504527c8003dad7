/**
 * Soft tissue around the spine: a cross-section map of the trunk (skin, subcutaneous fat, abdominal
 * wall, paraspinal and quadratus muscles, retroperitoneal fat, viscera) that follows the lordotic
 * curve, plus psoas muscles and the great vessels as primitives.
 * Plain TypeScript; never imports electron or render code.
 */
import type { Rng } from '../../rng';
import { emptyBox, frameAt, growBox, toBody, type Box } from './geometry';
import type { Primitive } from './primitive';
import { rod } from './shapes';
import type { SpineLayout, VertebraLayout } from './spineLayout';
import { Tissue as TissueLabels } from './tissues';
import { planTrunk, type TrunkPlan } from './trunkPlan';
import { planProfile, profileIndex } from './trunkProfile';
import { noise2 as bilinearNoise, NOISE_FIELD_MAX_ABS } from './noiseField';
import { CAVITY_MARK as MARK, paintBowel as paintTubes, tubesAt, type BowelSegment } from './bowel';
import type { MesenteryBand } from './mesentery';
import {
  fillSection,
  frontFatMm,
  outlineColumn,
  outlineHalfWidth,
  outlineShape,
  plainFrontAt,
  sectionOutline,
  SKIN_MM,
  wallMmAt,
  type OutlineShape,
  type SectionGrid,
  type SectionOutline,
} from './trunkSection';

/** Local alias: module-namespace getters (as emitted by esbuild/tsx) are slow in per-voxel loops. */
const Tissue = TissueLabels;
const noise2 = bilinearNoise;
const paintBowel = paintTubes;
const CAVITY_MARK = MARK;

/**
 * The trunk around the spine in (x, y' = y - curveY(z)), 1 mm cells, in thin bands of {@link BAND_MM} along
 * body z (band k covers z in [bandZ0 + k * BAND_MM, ... + BAND_MM)), plus the curve table. Each band's body
 * outline is evaluated at the band's own z, so skin, fat and wall run as smooth curves on sagittal slices; what
 * lies inside is copied from the two nearest full cross-sections ({@link SECTION_MM} apart), each warped so its
 * outline meets the band's (see {@link copyBand}). Renderers pick the band with a dither.
 */
export interface BackgroundMap {
  /**
   * cols * rows * bands labels: index (band * cols + col) * rows + row (each band's cells contiguous, so a
   * slice reading a band along x or y stays in a few kB of it). Filled lazily, one (band, column)
   * strip at a time: call {@link ensureBackground} for the bands and columns you read before reading them.
   */
  labels: Uint8Array;
  cols: number;
  rows: number;
  x0: number;
  y0: number;
  bands: number;
  bandZ0: number;
  bandMm: number;
  /** curveY[k] = body y of the vertebral column at z = curveZ0 + k (mm). */
  curveY: Float32Array;
  curveZ0: number;
  /** What the strips not yet filled need: the trunk plan, the filled mask (band * cols + col), the sections. */
  lazy: {
    plan: TrunkPlan;
    done: Uint8Array;
    sections: Sections;
    pick: PickField;
    bandOutlines: Array<BandOutline | undefined>;
    /** Per strip (band * cols + col): the bowel's rows (see {@link BowelStrips}). */
    bowel: BowelStrips;
    /** Per-column scratch of the band outline (front, back y', front fat). */
    columnScratch: { yFront: Float32Array; yBack: Float32Array; fat: Float32Array };
  };
}

/** Thickness (mm) of the thin bands renderers read. */
export const BAND_MM = 2;
/** Spacing (mm) of the full cross-sections the bands copy their inside from (a multiple of BAND_MM). */
export const SECTION_MM = 10;

/** Full cross-sections, centre of section s at bandZ0 + (s + 0.5) * SECTION_MM, filled lazily like the bands. */
interface Sections {
  /** cols * rows * count labels: index (col * rows + row) * count + s. */
  labels: Uint8Array;
  count: number;
  /** Filled mask, s * cols + col. */
  done: Uint8Array;
  outlines: Array<SectionOutline | undefined>;
}

/**
 * Which of its two sections a band cell copies: a smooth per-cell threshold (0..255) against the band's
 * fraction of the way from the one section to the next, so the change from one section to the next happens at
 * a different z in each patch of ~1-2 cm (no flat step across the body). Filled per column on first use.
 */
interface PickField {
  thr: Uint8Array;
  done: Uint8Array;
}

/**
 * The bowel of the bands: the sections leave the peritoneal cavity as CAVITY_MARK, a band copies those marks,
 * and its bowel and mesentery are painted into them at the band's own z (so loops run continuously along z).
 * Per strip (band * cols + col): the rows holding marks after the copy (markLo..markHi; markLo > markHi: none)
 * and a run of rows known to be painted (paintLo..paintHi): a reader of fewer rows (the label grid, an oblique
 * axial slice) leaves the other rows for later. A cell painted is no longer a mark, so painting rows again
 * changes nothing: the run only saves work.
 */
interface BowelStrips {
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

/** A band's outline: its scalars, the half width per row (made on first use), front/back scratch per column. */
interface BandOutline {
  shape: OutlineShape;
  xHalf: Float32Array;
}

const STRIP_BLOCK = 8;

/** Whole blocks of STRIP_BLOCK columns around c0..c1, clamped to the map: fewer, longer runs. */
function blockRange(cols: number, c0: number, c1: number): [number, number] {
  const lo = Math.max(0, c0 - (((c0 % STRIP_BLOCK) + STRIP_BLOCK) % STRIP_BLOCK));
  const hi = Math.min(cols - 1, c1 + STRIP_BLOCK - 1 - (((c1 % STRIP_BLOCK) + STRIP_BLOCK) % STRIP_BLOCK));
  return [lo, hi];
}

function gridOfMap(bg: BackgroundMap): SectionGrid {
  return { cols: bg.cols, rows: bg.rows, x0: bg.x0, y0: bg.y0 };
}

function sectionOutlineAt(bg: BackgroundMap, s: number): SectionOutline {
  const sec = bg.lazy.sections;
  let o = sec.outlines[s];
  if (!o) {
    o = sectionOutline(bg.lazy.plan, bg.bandZ0 + (s + 0.5) * SECTION_MM, gridOfMap(bg));
    sec.outlines[s] = o;
  }
  return o;
}

function bandOutlineAt(bg: BackgroundMap, b: number): BandOutline {
  const cache = bg.lazy.bandOutlines;
  let o = cache[b];
  if (!o) {
    const shape = outlineShape(bg.lazy.plan, bg.bandZ0 + (b + 0.5) * bg.bandMm);
    const xHalf = new Float32Array(bg.rows);
    for (let r = 0; r < bg.rows; r++) xHalf[r] = outlineHalfWidth(shape, bg.y0 + r);
    o = { shape, xHalf };
    cache[b] = o;
  }
  return o;
}

/** Fill the strips (section s, column) of columns c0..c1 that are not filled yet. */
function ensureSection(bg: BackgroundMap, s: number, c0: number, c1: number): void {
  const [lo, hi] = blockRange(bg.cols, c0, c1);
  const sec = bg.lazy.sections;
  const base = s * bg.cols;
  for (let col = lo; col <= hi; col++) {
    if (sec.done[base + col]) continue;
    let end = col;
    while (end < hi && !sec.done[base + end + 1]) end++;
    const o = sectionOutlineAt(bg, s);
    const target = { out: sec.labels, band: s, bands: sec.count, col0: col, col1: end };
    fillSection(bg.lazy.plan, o, gridOfMap(bg), target);
    sec.done.fill(1, base + col, base + end + 1);
    col = end;
  }
}

/** The pick thresholds of columns c0..c1 (a smooth field made uniform in 0..255). */
function ensurePick(bg: BackgroundMap, c0: number, c1: number): void {
  const { thr, done } = bg.lazy.pick;
  const ph = bg.lazy.plan.septaPhase[2] + 11;
  for (let col = c0; col <= c1; col++) {
    if (done[col]) continue;
    const x = bg.x0 + col;
    for (let r = 0; r < bg.rows; r++) {
      const n = noise2(0.3 * x, 0.3 * (bg.y0 + r), ph);
      thr[col * bg.rows + r] = Math.min(255, Math.floor(256 / (1 + Math.exp(-1.7 * n))));
    }
    done[col] = 1;
  }
}

/** The anchor of a column's row map: y' = 0 (the spine's curve), kept 10 mm inside the outline. */
function anchorY(yFront: number, yBack: number): number {
  if (yBack - yFront < 20) return (yFront + yBack) / 2;
  return yFront + 10 > 0 ? yFront + 10 : yBack - 10 < 0 ? yBack - 10 : 0;
}

/**
 * The knots of a column's row map (y'): front skin, inner edge of the front fat, inner edge of the wall,
 * anchor, back skin; `n` = 5, or 3 (front, anchor, back) where the wall would reach the anchor.
 */
function columnKnots(
  p: TrunkPlan,
  yF: number,
  fat: number,
  yB: number,
  out: Float64Array,
  at: number,
  layers = true,
): number {
  const anc = anchorY(yF, yB);
  const fatEnd = yF + SKIN_MM + fat;
  const wallEnd = fatEnd + wallMmAt(p, fatEnd);
  out[at] = yF;
  if (layers && wallEnd < anc - 1) {
    out[at + 1] = fatEnd;
    out[at + 2] = wallEnd;
    out[at + 3] = anc;
    out[at + 4] = yB;
    return 5;
  }
  out[at + 1] = anc;
  out[at + 2] = yB;
  return 3;
}

/** Knots of the band column (0..4) and of its matching columns in sections A (5..9) and B (10..14). */
const KNOTS = new Float64Array(15);

/** The part of a band the column copy needs: its z, outline and per-column front fat. */
interface BandColumns {
  b: number;
  xHalf: Float32Array;
  yFront: Float32Array;
  yBack: Float32Array;
  fat: Float32Array;
}

/**
 * Fill band b's columns c0..c1 (not filled yet): inside the band's own outline (at the band's z), each cell
 * takes the label of the matching cell of section A or B (the sections either side of the band's z; B where the
 * cell's pick threshold is under the band's fraction of the way from A to B). The match keeps the outlines and
 * the layers under the skin on each other: x scaled by the ratio of the half widths, y' mapped piecewise
 * linearly per column, knot to knot (front skin, inner edges of the fat and of the wall, the anchor near the
 * spine, back skin), so the skin, fat and wall follow the band's own outline and the spine's surroundings stay put.
 */
function copyBand(bg: BackgroundMap, b: number, c0: number, c1: number): void {
  const z = bg.bandZ0 + (b + 0.5) * bg.bandMm;
  const sec = bg.lazy.sections;
  const f = (z - bg.bandZ0) / SECTION_MM - 0.5;
  let sa = Math.floor(f);
  let t = f - sa;
  if (sa < 0) [sa, t] = [0, 0];
  if (sa >= sec.count - 1) [sa, t] = [sec.count - 1, 0];
  const sb = t > 1e-6 ? sa + 1 : sa;
  const band = bandOutlineAt(bg, b);
  const oa = sectionOutlineAt(bg, sa);
  const ob = sectionOutlineAt(bg, sb);
  const scaleA = oa.halfW / band.shape.halfW;
  const scaleB = ob.halfW / band.shape.halfW;
  const colIn = (c: number, k: number): number => Math.round((bg.x0 + c) * k) - bg.x0;
  ensureSection(bg, sa, colIn(c0, scaleA) - 1, colIn(c1, scaleA) + 1);
  if (sb !== sa) {
    ensureSection(bg, sb, colIn(c0, scaleB) - 1, colIn(c1, scaleB) + 1);
    ensurePick(bg, c0, c1);
  }
  const cols = bg.lazy.columnScratch;
  const plan = bg.lazy.plan;
  for (let col = c0; col <= c1; col++) {
    outlineColumn(band.shape, bg.x0 + col, cols.yFront, cols.yBack, col);
    cols.fat[col] = frontFatMm(plan, band.shape, cols.yFront[col]);
  }
  const tq = sb === sa ? 0 : Math.round(t * 256);
  const bandCols: BandColumns = { b, xHalf: band.xHalf, ...cols };
  const lastCol = bg.cols - 1;
  for (let col = c0; col <= c1; col++) {
    const x = bg.x0 + col;
    const csA = Math.min(lastCol, Math.max(0, Math.round(x * scaleA) - bg.x0));
    const csB = Math.min(lastCol, Math.max(0, Math.round(x * scaleB) - bg.x0));
    copyColumn(bg, bandCols, col, oa, csA, sa, ob, csB, sb, tq);
  }
}

/** One column of {@link copyBand}: column col of the band from column csA of section sa, csB of sb. */
function copyColumn(
  bg: BackgroundMap,
  band: BandColumns,
  col: number,
  oa: SectionOutline,
  csA: number,
  sa: number,
  ob: SectionOutline,
  csB: number,
  sb: number,
  tq: number,
): void {
  const { rows, y0 } = bg;
  const plan = bg.lazy.plan;
  const yF = band.yFront[col];
  const yB = band.yBack[col];
  const r0 = Math.max(0, Math.ceil(yF - y0));
  const r1 = Math.min(rows - 1, Math.floor(yB - y0));
  if (r0 > r1) return;
  const k = KNOTS;
  let n = columnKnots(plan, yF, band.fat[col], yB, k, 0);
  n = Math.min(n, columnKnots(plan, oa.yFront[csA], oa.fat[csA], oa.yBack[csA], k, 5));
  n = Math.min(n, columnKnots(plan, ob.yFront[csB], ob.fat[csB], ob.yBack[csB], k, 10));
  if (n === 3) {
    columnKnots(plan, yF, 0, yB, k, 0, false);
    columnKnots(plan, oa.yFront[csA], 0, oa.yBack[csA], k, 5, false);
    columnKnots(plan, ob.yFront[csB], 0, ob.yBack[csB], k, 10, false);
  }
  const count = bg.lazy.sections.count;
  const baseA = csA * rows * count + sa;
  const baseB = csB * rows * count + sb;
  for (let i = 0; i + 1 < n; i++) {
    const lo = Math.max(r0, Math.ceil(k[i] - y0));
    const hi = i + 2 === n ? r1 : Math.min(r1, Math.ceil(k[i + 1] - y0) - 1);
    if (lo > hi) continue;
    const span = k[i + 1] - k[i];
    const ka = span > 1e-3 ? (k[i + 6] - k[i + 5]) / span : 1;
    const kb = span > 1e-3 ? (k[i + 11] - k[i + 10]) / span : 1;
    // Source row + 0.5 of band row r: a + r * k (rounded by flooring).
    const aa = k[i + 5] + (y0 - k[i]) * ka - y0 + 0.5;
    const ab = k[i + 10] + (y0 - k[i]) * kb - y0 + 0.5;
    copyRun(bg, band, col, lo, hi, baseA, aa, ka, baseB, ab, kb, tq);
  }
}

/** Rows lo..hi of one band column: each from section A (row aa + r * ka) or B (ab + r * kb) by its pick. */
function copyRun(
  bg: BackgroundMap,
  band: BandColumns,
  col: number,
  lo: number,
  hi: number,
  baseA: number,
  aa: number,
  ka: number,
  baseB: number,
  ab: number,
  kb: number,
  tq: number,
): void {
  const { rows, labels: out } = bg;
  const src = bg.lazy.sections.labels;
  const count = bg.lazy.sections.count;
  const thr = bg.lazy.pick.thr;
  const xHalf = band.xHalf;
  const x = bg.x0 + col;
  const ax = x < 0 ? -x : x;
  const lastRow = rows - 1;
  const skin = Tissue.Skin;
  const cell0 = col * rows;
  const b = band.b;
  const at = b * bg.cols * rows + cell0;
  const strip = b * bg.cols + col;
  const { markLo, markHi } = bg.lazy.bowel;
  let mLo = markLo[strip];
  let mHi = markHi[strip];
  for (let r = lo; r <= hi; r++) {
    if (xHalf[r] < ax) continue;
    let rs: number;
    let base: number;
    if (thr[cell0 + r] < tq) {
      rs = Math.floor(ab + r * kb);
      base = baseB;
    } else {
      rs = Math.floor(aa + r * ka);
      base = baseA;
    }
    rs = rs < 0 ? 0 : rs > lastRow ? lastRow : rs;
    const label = src[base + rs * count];
    out[at + r] = label === 0 ? skin : label;
    if (label === CAVITY_MARK) {
      if (r < mLo) mLo = r;
      if (r > mHi) mHi = r;
    }
  }
  markLo[strip] = mLo;
  markHi[strip] = mHi;
}

/**
 * Fill every strip (band, column) of bands b0..b1 and columns c0..c1 (clamped to the map) that is not filled
 * yet. Each cell of a strip is a pure function of its band, column and row (the bowel is painted first-wins per
 * cell), so the map reads the same whichever strips were filled first, and in what runs. `yFrom` (body y, mm):
 * the caller reads only cells at body y >= yFrom (the label grid); the bowel in front of them may be left
 * unpainted (CAVITY_MARK) until a later call asks for the whole strip.
 */
export function ensureBackground(
  bg: BackgroundMap,
  b0: number,
  b1: number,
  c0: number,
  c1: number,
  yFrom = -Infinity,
  bowelRows?: BowelRows,
): void {
  const [lo, hi] = blockRange(bg.cols, c0, c1);
  const done = bg.lazy.done;
  // Block by block, every band of a block before the next block.
  for (let block = lo; block <= hi; block += STRIP_BLOCK) {
    const blockEnd = Math.min(hi, block + STRIP_BLOCK - 1);
    for (let b = Math.max(0, b0); b <= Math.min(bg.bands - 1, b1); b++) {
      const base = b * bg.cols;
      for (let col = block; col <= blockEnd; col++) {
        if (done[base + col]) continue;
        let end = col;
        while (end < blockEnd && !done[base + end + 1]) end++;
        copyBand(bg, b, col, end);
        done.fill(1, base + col, base + end + 1);
        col = end;
      }
    }
  }
  // Then each band's bowel over the whole run of columns (one pass over the tubes per band).
  for (let b = Math.max(0, b0); b <= Math.min(bg.bands - 1, b1); b++) {
    const i = bowelRows ? b - bowelRows.b0 : -1;
    const inRows = bowelRows && i >= 0 && i < bowelRows.lo.length;
    const rowFrom = Math.max(firstRowFrom(bg, b, yFrom), inRows ? bowelRows.lo[i] : bowelRows ? bg.rows : 0);
    const rowTo = inRows ? bowelRows.hi[i] : bowelRows ? -1 : bg.rows - 1;
    ensureBowel(bg, b, lo, hi, rowFrom, rowTo);
  }
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
function firstRowFrom(bg: BackgroundMap, b: number, yFrom: number): number {
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
function ensureBowel(
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

/** Background label at a body-frame point (nearest 1 mm cell, band without dither; air outside the map). */
export function backgroundLabel(bg: BackgroundMap, x: number, y: number, z: number): number {
  let k = Math.round(z - bg.curveZ0);
  k = k < 0 ? 0 : k >= bg.curveY.length ? bg.curveY.length - 1 : k;
  const c = Math.round(x - bg.x0);
  const r = Math.round(y - bg.curveY[k] - bg.y0);
  if (c < 0 || r < 0 || c >= bg.cols || r >= bg.rows) return Tissue.Air;
  let b = Math.floor((z - bg.bandZ0) / bg.bandMm);
  b = b < 0 ? 0 : b >= bg.bands ? bg.bands - 1 : b;
  ensureBackground(bg, b, b, c, c);
  return bg.labels[(b * bg.cols + c) * bg.rows + r];
}

/** Running mean of radius r (clamped at the ends), in place. */
function smoothInPlace(a: Float32Array, r: number): void {
  const src = Float32Array.from(a);
  const n = a.length;
  for (let k = 0; k < n; k++) {
    let sum = 0;
    for (let d = -r; d <= r; d++) sum += src[Math.min(n - 1, Math.max(0, k + d))];
    a[k] = sum / (2 * r + 1);
  }
}

/**
 * The column's curve (vertebral centres, smoothed so the trunk has no kinks at each vertebra) plus a slow
 * wobble of 1-2 mm, so the trunk's planes run along the lordosis without being drawn parallel to it.
 */
function curveTable(rng: Rng, layout: SpineLayout): { curveY: Float32Array; curveZ0: number } {
  const pts = layout.vertebrae
    .filter((v) => v.kind !== 'sacral' || v.name === 'S1')
    .map((v) => [v.frame.oz, v.frame.oy] as const)
    .sort((a, b) => a[0] - b[0]);
  const curveZ0 = Math.floor(pts[0][0] - 400);
  const n = Math.ceil(pts[pts.length - 1][0] + 400 - curveZ0);
  const curveY = new Float32Array(n);
  let j = 0;
  for (let k = 0; k < n; k++) {
    const z = curveZ0 + k;
    while (j < pts.length - 2 && z > pts[j + 1][0]) j++;
    const [za, ya] = pts[j];
    const [zb, yb] = pts[j + 1];
    const t = Math.min(1, Math.max(0, (z - za) / (zb - za)));
    curveY[k] = ya + (yb - ya) * t;
  }
  smoothInPlace(curveY, 12);
  smoothInPlace(curveY, 12);
  const waves = [0, 1].map(() => ({
    a: rng.uniform(0.6, 1.4),
    p: rng.uniform(40, 110),
    ph: rng.uniform(0, 6.28),
  }));
  for (let k = 0; k < n; k++) for (const w of waves) curveY[k] += w.a * Math.sin((k / w.p) * 6.283 + w.ph);
  return { curveY, curveZ0 };
}

/**
 * Plan the trunk for this study (sizes drawn from rng), T11 to S3: the map's bands and sections are filled on
 * first use ({@link ensureBackground}). The map spans the study's largest outline (plus its wobble) and no more.
 */
export function buildBackground(rng: Rng, layout: SpineLayout): BackgroundMap {
  const plan = planTrunk(rng, layout);
  const zOf = (name: string): number =>
    (layout.vertebrae.find((v) => v.name === name) as VertebraLayout).frame.oz;
  const bandZ0 = Math.floor(zOf('S3') - 20);
  const count = Math.ceil((zOf('T11') + 20 - bandZ0) / SECTION_MM);
  const bands = (count * SECTION_MM) / BAND_MM;
  const curve = curveTable(rng.fork('curve'), layout);
  plan.profile = planProfile(rng.fork('profile'), {
    ...curve,
    frontAt: (z) => plainFrontAt(plan, z),
    fitLo: zOf('S2'),
    fitHi: zOf('T12'),
    bellyFat: plan.bellyFat,
  });
  // The profile's largest offsets over the map's z range (front forward, back backward).
  let frontOut = 0;
  let backOut = 0;
  for (let z = bandZ0; z <= bandZ0 + count * SECTION_MM; z++) {
    const k = profileIndex(plan.profile, z);
    frontOut = Math.min(frontOut, plan.profile.front[k]);
    backOut = Math.max(backOut, plan.profile.back[k]);
  }
  // Outline bounds: half width up to 1.14 * 1.06 of the plan's (level and iliac flare), front up to frontMm and
  // back at backMm (plus the profile's offsets), each with its wobble (2 and 1.5 times the field) and the
  // spinal groove's 1.5 mm.
  const half = Math.ceil(plan.halfWidthMm * 1.14 * 1.06 + 3);
  const y0 = Math.floor(-plan.frontMm + frontOut - 2 * NOISE_FIELD_MAX_ABS - 3);
  const y1 = Math.ceil(plan.backMm + backOut + 1.5 * NOISE_FIELD_MAX_ABS + 5);
  const grid = { cols: 2 * half + 1, rows: y1 - y0 + 1, x0: -half, y0 };
  const cells = grid.cols * grid.rows;
  const lazy = {
    plan,
    done: new Uint8Array(bands * grid.cols),
    sections: {
      labels: new Uint8Array(count * cells),
      count,
      done: new Uint8Array(count * grid.cols),
      outlines: new Array<SectionOutline | undefined>(count),
    },
    pick: { thr: new Uint8Array(cells), done: new Uint8Array(grid.cols) },
    bowel: {
      markLo: new Int16Array(bands * grid.cols).fill(grid.rows),
      markHi: new Int16Array(bands * grid.cols).fill(-1),
      paintLo: new Int16Array(bands * grid.cols).fill(grid.rows),
      paintHi: new Int16Array(bands * grid.cols).fill(-1),
      tubes: new Array<BowelSegment[] | undefined>(bands),
      rowLo: new Int16Array(grid.cols),
      rowHi: new Int16Array(grid.cols),
    },
    bandOutlines: new Array<BandOutline | undefined>(bands),
    columnScratch: {
      yFront: new Float32Array(grid.cols),
      yBack: new Float32Array(grid.cols),
      fat: new Float32Array(grid.cols),
    },
  };
  const labels = new Uint8Array(bands * cells);
  return { labels, ...grid, bands, bandZ0, bandMm: BAND_MM, ...curve, lazy };
}

/** v2's psoas rod radii per vertebra: they still set the label grid's extent (so the spine rasterises as in v2). */
const PSOAS_RADIUS: Partial<Record<string, number>> = {
  T12: 3,
  L1: 6,
  L2: 9.5,
  L3: 13,
  L4: 16,
  L5: 18,
  S1: 17,
};

/** A primitive that paints nothing and spans v2's psoas rods: keeps the label grid's box (origin, size) as in v2. */
function gridExtent(layout: SpineLayout, ivcR: number): Primitive {
  const box = emptyBox();
  const vs = layout.vertebrae.filter((v) => v.kind !== 'sacral' || v.name === 'S1');
  const s1 = vs[vs.length - 1];
  for (const s of [1, -1]) {
    const nodes = vs
      .filter((v) => PSOAS_RADIUS[v.name])
      .map((v) => {
        const r = PSOAS_RADIUS[v.name] ?? 0;
        return { p: toBody(v.frame, s * (v.halfWidthMm + r * 0.55), -r * 0.15, 0), r };
      });
    nodes.push({ p: toBody(s1.frame, s * (s1.halfWidthMm + 32), -28, -35), r: 15 });
    for (let i = 0; i + 1 < nodes.length; i++) {
      const rm = Math.max(nodes[i].r, nodes[i + 1].r);
      growBox(box, nodes[i].p, rm);
      growBox(box, nodes[i + 1].p, rm);
    }
  }
  // v2's IVC: one round tube of radius ivcR, 5 mm in front of the bodies down to L5.
  for (const v of vs.slice(0, vs.findIndex((x) => x.name === 'L5') + 1))
    growBox(box, toBody(v.frame, -15, -v.ellipseMm - ivcR - 5, 0), ivcR);
  return { name: 'grid extent', box, paintRow: (): void => undefined };
}

/** Shrink `box` to its overlap with `limit` (so a primitive never grows the label grid's box). */
function clipBox(box: Box, limit: Box): void {
  for (let i = 0; i < 3; i++) {
    box.min[i] = Math.max(box.min[i], limit.min[i]);
    box.max[i] = Math.min(box.max[i], limit.max[i]);
  }
}

/** The aorta, IVC (a flattened oval: two overlapping tubes) and iliac vessels; the psoas is in the trunk map. */
export function psoasAndVessels(rng: Rng, layout: SpineLayout): Primitive[] {
  const body = frameAt(0, 0, 0, 0);
  const vs = layout.vertebrae.filter((v) => v.kind !== 'sacral' || v.name === 'S1');
  const aortaR = rng.uniform(8.5, 11.5);
  const ivcR = rng.uniform(8, 10.5);
  const extent = gridExtent(layout, ivcR);
  const out: Primitive[] = [extent];
  const upTo = (name: string): VertebraLayout[] => vs.slice(0, vs.findIndex((v) => v.name === name) + 1);
  const chain = (
    list: VertebraLayout[],
    u: number,
    r: number,
    gap: number,
    label: number = Tissue.Vessel,
  ): void => {
    for (let i = 0; i + 1 < list.length; i++) {
      const a = toBody(list[i].frame, u, -list[i].ellipseMm - r - gap, 0);
      const b = toBody(list[i + 1].frame, u, -list[i + 1].ellipseMm - r - gap, 0);
      out.push(rod('great vessel', body, a, b, r, r, label));
    }
  };
  // Aorta: a rim of periaortic fat, the wall (~1.5-2 mm, intermediate signal), then the lumen (flow void).
  const wallMm = rng.uniform(1.5, 2);
  const aorta = (r: number, label: number): void => {
    const from = out.length;
    chain(upTo('L4'), 9, r, 2 + aortaR - r, label);
    for (const p of out.slice(from)) clipBox(p.box, extent.box);
  };
  aorta(aortaR + wallMm + 2.5, Tissue.Fat);
  aorta(aortaR + wallMm, Tissue.VesselWall);
  aorta(aortaR, Tissue.Vessel);
  const slow = rng.bool(0.7) ? Tissue.SlowFlow : Tissue.Vessel;
  chain(upTo('L5'), -15 - ivcR * 0.35, ivcR * 0.72, 5 + ivcR * 0.28, slow);
  chain(upTo('L5'), -15 + ivcR * 0.35, ivcR * 0.72, 5 + ivcR * 0.28, slow);
  const l4 = vs.find((v) => v.name === 'L4') as VertebraLayout;
  const l5 = vs.find((v) => v.name === 'L5') as VertebraLayout;
  const s1 = vs[vs.length - 1];
  for (const s of [1, -1]) {
    const art0 = toBody(l4.frame, 9, -l4.ellipseMm - aortaR - 2, 0);
    const art1 = toBody(s1.frame, s * 38, -s1.ellipseMm - 14, -10);
    out.push(rod('iliac artery', body, art0, art1, 6, 5.5, Tissue.Vessel));
    const vein0 = toBody(l5.frame, -15, -l5.ellipseMm - ivcR - 5, 0);
    const vein1 = toBody(s1.frame, s * 34, -s1.ellipseMm - 6, -14);
    out.push(rod('iliac vein', body, vein0, vein1, 7.5, 7, slow));
  }
  return out;
}
