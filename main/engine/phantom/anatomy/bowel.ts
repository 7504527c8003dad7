/**
 * Bowel of the trunk map (the tubes' planning: bowelPlan.ts): colon (caecum and ascending colon at the right flank, a transverse colon sagging in
 * front, descending and sigmoid colon at the left) with haustral folds, and small-bowel loops of varied
 * calibre (most collapsed, some distended with fluid, a few with gas or an air-fluid level), each loop a chain
 * of 3D tubes that wanders through the peritoneal cavity, painted into each 2 mm band of the trunk map at the
 * band's own z (so loops run continuously on sagittal slices); packed loops and the mesentery's root fill the
 * cavity between them (mesentery.ts).
 * Plain TypeScript; never imports electron.
 */
import { EDGE_JITTER, type BowelSegment } from './bowelPlan';
import { noiseCell as cellNoise, NOISE_FIELD_MAX_ABS } from './noiseField';
import { cavityFill as fillCavity, type MesenteryBand } from './mesentery';
import { Tissue as TissueLabels } from './tissues';

const Tissue = TissueLabels;
const noiseCell = cellNoise;
const NOISE_MAX = NOISE_FIELD_MAX_ABS;
const cavityFill = fillCavity;

/** Depth profile of a haustral fold over one period: ((1 + cos) / 2)^6, tabulated (no cos per cell). */
const FOLD_STEPS = 512;
const FOLD = Float64Array.from(
  { length: FOLD_STEPS },
  (_, i) => ((1 + Math.cos((2 * Math.PI * i) / FOLD_STEPS)) / 2) ** 6,
);

/**
 * Label of a point in a tube at distance rho from its axis, inside the outer radius rb; yc: the axis' y'; (c, s):
 * the unit direction of the point from the axis (across the tube).
 */
function contentLabel(
  b: BowelSegment,
  x: number,
  y: number,
  z: number,
  yc: number,
  rho: number,
  rb: number,
  c: number,
  s: number,
): number {
  // The wall: intermediate signal all round (v6: 2-3 mm; most of a collapsed loop), a little uneven.
  if (rho > rb - b.wallMm * (1 + (0.15 / NOISE_MAX) * noiseCell(3 * c, 3 * s, b.phase + 0.015 * z)))
    return Tissue.Viscera;
  // The contents' pattern drifts with z (no straight streaks along a tube).
  const u = x + 0.6 * z;
  const v = y - 0.4 * z;
  switch (b.content) {
    case 0:
      return Tissue.BowelGas;
    case 1:
      // Fluid with a little intermediate chyme, settled at the back (larger y').
      return noiseCell(u * 1.3, v * 1.3, b.phase) + (1.1 * (y - yc)) / rb > 1.7
        ? Tissue.Viscera
        : Tissue.BowelFluid;
    case 2:
      // Faeces, mottled with gas bubbles, more of them at the front (non-dependent).
      return noiseCell(u * 2.1, v * 2.1, b.phase) - (0.9 * (y - yc)) / rb > 1.2
        ? Tissue.BowelGas
        : Tissue.Faeces;
    case 3:
      // Supine: gas rises to the front (smaller y'), over a flat level of fluid (small bowel) or faeces (colon).
      if (y < yc - 0.2 * rb) return Tissue.BowelGas;
      return b.haustra > 0 ? Tissue.Faeces : Tissue.BowelFluid;
    default:
      // Collapsed: feathery mucosal folds, thin lines of fluid between them.
      return Math.abs(noiseCell(u * 2.2, v * 2.2, b.phase)) < 0.24 ? Tissue.BowelFluid : Tissue.Viscera;
  }
}

/**
 * Label the cross-sections and the map's bands hold for a peritoneal-cavity cell no bowel has been painted
 * into yet (never read by a renderer: {@link paintBowel} turns every such cell of the rows it paints into
 * bowel or mesentery).
 */
export const CAVITY_MARK = 255;

/**
 * A band of the trunk map (same layout as the map's): in columns col0..col1, rows rowLo[col]..rowHi[col] are
 * painted (row0..row1: their union).
 */
export interface BandGrid {
  cols: number;
  rows: number;
  x0: number;
  y0: number;
  out: Uint8Array;
  band: number;
  bands: number;
  col0: number;
  col1: number;
  row0: number;
  row1: number;
  rowLo: Int16Array;
  rowHi: Int16Array;
}

/**
 * Paint the cells of one tube cut by band z (cavity marks only; a painted cell is no longer one). Per column
 * only the rows within reach of the tube's axis line are visited (a quadratic in y'), not the whole box.
 */
function paintTube(g: BandGrid, b: BowelSegment, z: number): void {
  const a = b.a;
  const ax = a[0];
  const ay = a[1];
  const az = a[2];
  const t = b.geo;
  const { dx, dy, dz, len2, reach } = t;
  // The part of the axis within reach of the plane: u in [u0, u1].
  let u0 = 0;
  let u1 = 1;
  if (Math.abs(dz) > 1e-6) {
    const ua = (z - reach - az) / dz;
    const ub = (z + reach - az) / dz;
    u0 = Math.max(0, Math.min(ua, ub));
    u1 = Math.min(1, Math.max(ua, ub));
    if (u0 > u1) return;
  } else if (Math.abs(z - az) > reach) return;
  const xLo = ax + Math.min(u0 * dx, u1 * dx) - reach;
  const xHi = ax + Math.max(u0 * dx, u1 * dx) + reach;
  const yLo = ay + Math.min(u0 * dy, u1 * dy) - reach;
  const yHi = ay + Math.max(u0 * dy, u1 * dy) + reach;
  const c0 = Math.max(g.col0, Math.floor(xLo - g.x0));
  const c1 = Math.min(g.col1, Math.ceil(xHi - g.x0));
  const rLo = Math.max(g.row0, Math.floor(yLo - g.y0));
  const rHi = Math.min(g.row1, Math.ceil(yHi - g.y0));
  if (c0 > c1 || rLo > rHi) return;
  const qz = z - az;
  const { ux, uy, uz } = t;
  const A = 1 - uy * uy;
  const invA = A > 1e-6 ? 1 / A : 0;
  const rest = qz * qz - reach * reach;
  const yOff = ay - g.y0;
  const { rowLo, rowHi } = g;
  const x0 = g.x0 - ax;
  for (let col = c0; col <= c1; col++) {
    // The column's rows still to paint first (often none), then the rows within reach of the infinite axis
    // line: |q|^2 - (q.u)^2 <= reach^2, a quadratic in qy.
    let r0 = rowLo[col] > rLo ? rowLo[col] : rLo;
    let r1 = rowHi[col] < rHi ? rowHi[col] : rHi;
    if (r0 > r1) continue;
    const qx = x0 + col;
    if (invA > 0) {
      const p = qx * ux + qz * uz;
      const B = -uy * p;
      const disc = B * B - A * (qx * qx + rest - p * p);
      if (disc < 0) continue;
      const sq = Math.sqrt(disc);
      const lo = Math.floor((-B - sq) * invA + yOff);
      const hi = Math.ceil((-B + sq) * invA + yOff);
      if (lo > r0) r0 = lo;
      if (hi < r1) r1 = hi;
    }
    if (r0 <= r1) paintTubeColumn(g, b, z, col, r0, r1, qx, qz, len2);
  }
}

/** Rows r0..r1 of one column of {@link paintTube}. */
function paintTubeColumn(
  g: BandGrid,
  b: BowelSegment,
  z: number,
  col: number,
  r0: number,
  r1: number,
  qx: number,
  qz: number,
  len2: number,
): void {
  const t = b.geo;
  const ay = b.a[1];
  const { dx, dy, dz, reach } = t;
  const a2 = b.lobes[0];
  const a3 = b.lobes[2];
  const reach2 = reach * reach;
  const rows = g.rows;
  const { out, bands, band } = g;
  const inv = 1 / len2;
  const pxz = qx * dx + qz * dz;
  for (let row = r0; row <= r1; row++) {
    const k = (col * rows + row) * bands + band;
    if (out[k] !== CAVITY_MARK) continue;
    const qy = g.y0 + row - ay;
    let u = (pxz + qy * dy) * inv;
    u = u < 0 ? 0 : u > 1 ? 1 : u;
    const ox = qx - u * dx;
    const oy = qy - u * dy;
    const oz = qz - u * dz;
    const rho2 = ox * ox + oy * oy + oz * oz;
    if (rho2 > reach2) continue;
    let r = b.r0 + (b.r1 - b.r0) * u;
    const rOut = r * t.out;
    if (rho2 > rOut * rOut) continue;
    if (t.fold > 0) {
      // Haustral folds: narrow constrictions every haustraMm along the colon, sacculations between.
      const f = (b.arcMm + u * t.len) * t.fold + t.foldPhase;
      r *= 1 - b.haustra * FOLD[((f - Math.floor(f)) * FOLD_STEPS) | 0];
    }
    // Well inside the lumen (inside the smallest outline the lobes and jitter can make, less the wall): contents.
    const rIn = r * t.inner - 1.15 * b.wallMm;
    if (rIn > 0 && rho2 < rIn * rIn) {
      out[k] = contentLabel(b, g.x0 + col, g.y0 + row, z, ay + u * dy, 0, r, 0, 0);
      continue;
    }
    const rho = Math.sqrt(rho2) + 1e-6;
    const c = (ox * t.e1x + oy * t.e1y + oz * t.e1z) / rho;
    const s = (ox * t.e2x + oy * t.e2y + oz * t.e2z) / rho;
    // cos(2t + p2) and cos(3t + p3) from the unit vector (c, s), without atan2.
    const cos2 = (c * c - s * s) * t.c2 - 2 * c * s * t.s2;
    const cos3 = c * (4 * c * c - 3) * t.c3 - s * (3 - 4 * s * s) * t.s3;
    let rb = r * (1 + a2 * cos2 + a3 * cos3);
    // An uneven serosal edge (no perfect circles), changing along the tube.
    if (rho > 0.8 * rb) rb *= 1 + (EDGE_JITTER / NOISE_MAX) * noiseCell(qx + 0.5 * z, qy - 0.5 * z, b.phase);
    if (rho > rb) continue;
    out[k] = contentLabel(b, g.x0 + col, g.y0 + row, z, ay + u * dy, rho, rb, c, s);
  }
}

/**
 * Paint the tubes crossing band z into the cavity cells ({@link CAVITY_MARK}) of rows row0..row1 of columns
 * col0..col1 (first tube wins), then the rest of those cavity cells with packed loops and the mesentery's root
 * ({@link cavityFill}). Each cell's
 * label depends only on its band, column and row, so a band painted in several row or column runs reads as one
 * painted at once.
 */
export function paintBowel(tubes: readonly BowelSegment[], z: number, g: BandGrid, mes: MesenteryBand): void {
  if (g.row0 > g.row1 || g.col0 > g.col1) return;
  for (const b of tubes) if (z > b.zLo && z < b.zHi) paintTube(g, b, z);
  const { out, rows, bands, band, rowLo, rowHi } = g;
  for (let col = g.col0; col <= g.col1; col++) {
    const x = g.x0 + col;
    const hi = rowHi[col];
    for (let row = rowLo[col], k = (col * rows + row) * bands + band; row <= hi; row++, k += bands)
      if (out[k] === CAVITY_MARK) out[k] = cavityFill(mes, x, g.y0 + row);
  }
}

/** The tubes that can reach band z (in paint order). */
export function tubesAt(tubes: readonly BowelSegment[], z: number): BowelSegment[] {
  return tubes.filter((b) => z > b.zLo && z < b.zHi);
}
