/**
 * Soft tissue around the spine: a cross-section map of the trunk (skin, subcutaneous fat, abdominal
 * wall, paraspinal and quadratus muscles, retroperitoneal fat, viscera) that follows the lordotic
 * curve (the great vessels: vessels.ts; the bowel bookkeeping: bowelStrips.ts; the curve: trunkCurve.ts).
 * Plain TypeScript; never imports electron or render code.
 */
import type { Rng } from '../../rng';
import type { SpineLayout, VertebraLayout } from './spineLayout';
import { Tissue as TissueLabels } from './tissues';
import { planTrunk, type TrunkPlan } from './trunkPlan';
import { planProfile, profileIndex } from './trunkProfile';
import { noise2 as bilinearNoise, NOISE_FIELD_MAX_ABS } from './noiseField';
import { CAVITY_MARK as MARK } from './bowel';
import { ensureBowel, firstRowFrom, newBowelStrips, type BowelRows, type BowelStrips } from './bowelStrips';
import { curveTable } from './trunkCurve';
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

export type { BowelRows };

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
    bowel: newBowelStrips(bands, grid.cols, grid.rows),
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
