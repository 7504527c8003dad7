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
import { fillSection } from './trunkSection';

/** Local alias: module-namespace getters (as emitted by esbuild/tsx) are slow in per-voxel loops. */
const Tissue = TissueLabels;

/**
 * Trunk cross-sections in (x, y' = y - curveY(z)), 1 mm cells, in bands of {@link BAND_MM} along body z
 * (band k covers z in [bandZ0 + k * BAND_MM, ... + BAND_MM)), plus the curve table. Renderers pick the band
 * with a dither so band edges blend instead of stepping.
 */
export interface BackgroundMap {
  /**
   * cols * rows * bands labels: index (col * rows + row) * bands + band. Filled lazily, one (band, column)
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
  /** What the strips not yet filled need: the trunk plan, the filled mask (band * cols + col), scratch. */
  lazy: { plan: TrunkPlan; done: Uint8Array; cavity: Uint8Array };
}

export const BAND_MM = 10;

const STRIP_BLOCK = 8;

/**
 * Fill every strip (band, column) of bands b0..b1 and columns c0..c1 (clamped to the map) that is not filled
 * yet. Each cell of a strip is a pure function of its band, column and row (the bowel loops are painted
 * first-wins per cell), so the map reads the same whichever strips were filled first, and in what runs.
 */
export function ensureBackground(bg: BackgroundMap, b0: number, b1: number, c0: number, c1: number): void {
  // Whole blocks of STRIP_BLOCK columns: fewer, longer runs (each run re-derives the band's outline).
  const lo = Math.max(0, c0 - (((c0 % STRIP_BLOCK) + STRIP_BLOCK) % STRIP_BLOCK));
  const hi = Math.min(bg.cols - 1, c1 + STRIP_BLOCK - 1 - (((c1 % STRIP_BLOCK) + STRIP_BLOCK) % STRIP_BLOCK));
  const { plan, done, cavity } = bg.lazy;
  const grid = { cols: bg.cols, rows: bg.rows, x0: bg.x0, y0: bg.y0 };
  for (let b = Math.max(0, b0); b <= Math.min(bg.bands - 1, b1); b++) {
    const base = b * bg.cols;
    for (let col = lo; col <= hi; col++) {
      if (done[base + col]) continue;
      let end = col;
      while (end < hi && !done[base + end + 1]) end++;
      cavity.fill(0, col * bg.rows, (end + 1) * bg.rows);
      const target = { out: bg.labels, band: b, bands: bg.bands, cavity, col0: col, col1: end };
      fillSection(plan, bg.bandZ0 + (b + 0.5) * bg.bandMm, grid, target);
      done.fill(1, base + col, base + end + 1);
      col = end;
    }
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
  return bg.labels[(c * bg.rows + r) * bg.bands + b];
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
 * Plan the trunk cross-section bands for this study (sizes drawn from rng), T11 to S3. The bands' cells are
 * filled on first use ({@link ensureBackground}): a study's slices read about half of them.
 */
export function buildBackground(rng: Rng, layout: SpineLayout): BackgroundMap {
  const plan = planTrunk(rng, layout);
  const zOf = (name: string): number =>
    (layout.vertebrae.find((v) => v.name === name) as VertebraLayout).frame.oz;
  const bandZ0 = Math.floor(zOf('S3') - 20);
  const bands = Math.ceil((zOf('T11') + 20 - bandZ0) / BAND_MM);
  const half = 230;
  const grid = { cols: 2 * half + 1, rows: 441, x0: -half, y0: -240 };
  const labels = new Uint8Array(bands * grid.cols * grid.rows);
  const lazy = {
    plan,
    done: new Uint8Array(bands * grid.cols),
    cavity: new Uint8Array(grid.cols * grid.rows),
  };
  return { labels, ...grid, bands, bandZ0, bandMm: BAND_MM, ...curveTable(rng.fork('curve'), layout), lazy };
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
