/**
 * Bowel of the trunk map: colon (caecum and ascending colon at the right flank, a transverse colon sagging in
 * front, descending and sigmoid colon at the left) with haustral folds, and small-bowel loops of varied
 * calibre (most collapsed, some distended with fluid, a few with gas or an air-fluid level), each loop a chain
 * of 3D tubes that wanders through the peritoneal cavity, painted into each 2 mm band of the trunk map at the
 * band's own z (so loops run continuously on sagittal slices); mesenteric fat fills the cavity between them.
 * Plain TypeScript; never imports electron.
 */
import type { Rng } from '../../rng';
import { noiseCell as cellNoise, NOISE_FIELD_MAX_ABS } from './noiseField';
import { cavityFill as fillCavity, type MesenteryBand } from './mesentery';
import { Tissue as TissueLabels } from './tissues';

const Tissue = TissueLabels;
const noiseCell = cellNoise;
const NOISE_MAX = NOISE_FIELD_MAX_ABS;
const cavityFill = fillCavity;

/** Bowel content: 0 gas (a gas-filled transverse colon), 1 fluid, 2 faeces, 3 gas over fluid (air-fluid level), 4 collapsed. */
export type BowelContent = 0 | 1 | 2 | 3 | 4;

/** One straight piece of a bowel loop: a tube from a to b (x, y', body z; mm), radius r0 at a to r1 at b. */
export interface BowelSegment {
  a: readonly [number, number, number];
  b: readonly [number, number, number];
  r0: number;
  r1: number;
  content: BowelContent;
  wallMm: number;
  /** Lobulation of the cross-section: amplitudes and phases of the 2nd and 3rd harmonics. */
  lobes: readonly [number, number, number, number];
  /** Haustral folds (colon): depth (0: none) and spacing along the tube (mm); arc length at a (mm). */
  haustra: number;
  haustraMm: number;
  arcMm: number;
  phase: number;
  /** z range the tube can reach (radius included). */
  zLo: number;
  zHi: number;
  /** Derived once: axis a->b (d, its length), unit vectors across it (e1, e2), lobe phases, outer reach. */
  geo: TubeGeometry;
}

interface TubeGeometry {
  dx: number;
  dy: number;
  dz: number;
  len: number;
  len2: number;
  ux: number;
  uy: number;
  uz: number;
  e1x: number;
  e1y: number;
  e1z: number;
  e2x: number;
  e2y: number;
  e2z: number;
  c2: number;
  s2: number;
  c3: number;
  s3: number;
  /** Outer radius / axial radius at most (lobes and edge jitter), and at least. */
  out: number;
  inner: number;
  reach: number;
  /** Haustral folds per mm along the tube (0: none) and their phase (turns). */
  fold: number;
  foldPhase: number;
}

/** Depth profile of a haustral fold over one period: ((1 + cos) / 2)^6, tabulated (no cos per cell). */
const FOLD_STEPS = 512;
const FOLD = Float64Array.from(
  { length: FOLD_STEPS },
  (_, i) => ((1 + Math.cos((2 * Math.PI * i) / FOLD_STEPS)) / 2) ** 6,
);

/** Edge jitter of a tube's outer radius: at most this share (an uneven serosal edge, no perfect circles). */
const EDGE_JITTER = 0.12;

function tubeGeometry(
  a: readonly number[],
  b: readonly number[],
  rMax: number,
  lobes: readonly number[],
  haustra: number,
  haustraMm: number,
  phase: number,
): TubeGeometry {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const dz = b[2] - a[2];
  const len2 = dx * dx + dy * dy + dz * dz;
  const len = Math.sqrt(len2);
  const [ux, uy, uz] = [dx / len, dy / len, dz / len];
  const [e1x, e1y, e1z, e2x, e2y, e2z] = across([ux, uy, uz]);
  return {
    dx,
    dy,
    dz,
    len,
    len2,
    ux,
    uy,
    uz,
    e1x,
    e1y,
    e1z,
    e2x,
    e2y,
    e2z,
    c2: Math.cos(lobes[1]),
    s2: Math.sin(lobes[1]),
    c3: Math.cos(lobes[3]),
    s3: Math.sin(lobes[3]),
    out: (1 + lobes[0] + lobes[2]) * (1 + EDGE_JITTER),
    inner: (1 - lobes[0] - lobes[2]) * (1 - EDGE_JITTER),
    reach: rMax * (1 + lobes[0] + lobes[2]) * (1 + EDGE_JITTER) + 0.01,
    fold: haustra > 0 ? 1 / haustraMm : 0,
    foldPhase: phase / (2 * Math.PI),
  };
}

export interface CavitySize {
  frontMm: number;
  halfWidthMm: number;
}

type Node = readonly [number, number, number, number];

/** A chain of tubes through nodes (x, y', z, radius) sharing one content, wall and lobulation. */
function chain(rng: Rng, nodes: readonly Node[], content: BowelContent, haustra = 0): BowelSegment[] {
  const out: BowelSegment[] = [];
  // Walls: most of a collapsed loop; thin over a distended small-bowel loop (barely seen against fluid and fat);
  // the colon's 1-1.6 mm.
  // v6: 2-3 mm round distended loops and the colon (v5's 1-1.6 mm wall, seen in arcs only, read as no wall).
  const wallMm = rng.uniform(2, 3);
  const lobes = [
    rng.uniform(0, 0.12),
    rng.uniform(0, 6.28),
    rng.uniform(0, 0.08),
    rng.uniform(0, 6.28),
  ] as const;
  const haustraMm = rng.uniform(18, 28);
  const phase = rng.uniform(0, 6.28);
  let arcMm = rng.uniform(0, 30);
  for (let i = 0; i + 1 < nodes.length; i++) {
    const [ax, ay, az, r0] = nodes[i];
    const [bx, by, bz, r1] = nodes[i + 1];
    const geo = tubeGeometry(nodes[i], nodes[i + 1], Math.max(r0, r1), lobes, haustra, haustraMm, phase);
    const reach = geo.reach;
    out.push({
      geo,
      a: [ax, ay, az],
      b: [bx, by, bz],
      r0,
      r1,
      content,
      wallMm,
      lobes,
      haustra,
      haustraMm,
      arcMm,
      phase,
      zLo: Math.min(az, bz) - reach,
      zHi: Math.max(az, bz) + reach,
    });
    arcMm += Math.hypot(bx - ax, by - ay, bz - az);
  }
  return out;
}

/** Colon: caecum and ascending (right, x < 0), transverse (sagging in front), descending and sigmoid (left). */
function colon(rng: Rng, s: CavitySize, l3z: number): BowelSegment[] {
  const w = s.halfWidthMm;
  const f = s.frontMm;
  const j = (a: number): number => rng.uniform(-a, a);
  const r = (lo: number, hi: number): number => rng.uniform(lo, hi);
  const hepatic: Node = [-0.6 * w + j(8), -0.32 * f + j(6), l3z + r(60, 85), r(16, 21)];
  const splenic: Node = [0.62 * w + j(8), -0.28 * f + j(6), l3z + r(85, 110), r(15, 20)];
  const content = (): BowelContent => rng.pick([2, 2, 2, 0, 3] as const);
  const ascending: Node[] = [
    [-0.52 * w + j(6), -0.42 * f + j(6), l3z - r(85, 105), r(22, 28)],
    [-0.6 * w + j(6), -0.34 * f + j(6), l3z - r(40, 60), r(19, 24)],
    [-0.62 * w + j(6), -0.3 * f + j(6), l3z + r(5, 25), r(17, 22)],
    hepatic,
  ];
  const sag = l3z + r(-10, 40);
  const transverse: Node[] = [
    hepatic,
    [-0.3 * w + j(10), -0.62 * f + j(6), sag + r(10, 25), r(15, 20)],
    [0.05 * w + j(10), -0.72 * f + j(6), sag, r(14, 19)],
    [0.35 * w + j(10), -0.6 * f + j(6), sag + r(20, 40), r(14, 19)],
    splenic,
  ];
  const descending: Node[] = [
    splenic,
    [0.64 * w + j(6), -0.24 * f + j(5), l3z + r(20, 40), r(12, 16)],
    [0.62 * w + j(6), -0.26 * f + j(5), l3z - r(40, 60), r(12, 16)],
    [0.48 * w + j(8), -0.4 * f + j(6), l3z - r(100, 115), r(13, 17)],
    [0.12 * w + j(10), -0.45 * f + j(6), l3z - r(125, 140), r(13, 18)],
    [-0.1 * w + j(10), -0.3 * f + j(6), l3z - r(150, 170), r(12, 16)],
  ];
  return [
    ...chain(rng, ascending, rng.pick([2, 2, 3] as const), r(0.14, 0.24)),
    ...chain(rng, transverse, content(), r(0.14, 0.24)),
    ...chain(rng, descending, rng.pick([2, 2, 2, 3] as const), r(0.12, 0.22)),
  ];
}

/**
 * One small-bowel loop: a random walk of 5-9 tubes (22-45 mm each) that turns as it goes, kept in the
 * cavity's box; collapsed (radius 5.5-8.5 mm) or distended (8.5-13 mm) with fluid, or gas over fluid.
 */
function smallBowelLoop(rng: Rng, s: CavitySize, l3z: number): BowelSegment[] {
  const w = s.halfWidthMm;
  const f = s.frontMm;
  // Most loops collapsed (1.1-1.7 cm across), some distended with fluid; gas only over fluid, at the front.
  const content = rng.pick([4, 4, 4, 4, 4, 4, 1, 1, 1, 1, 3, 3] as const);
  const radius = content === 4 ? rng.uniform(5.5, 8.5) : rng.uniform(8.5, 13);
  const box = { x: 0.58 * w, yLo: -0.82 * f, yHi: -0.18 * f, zLo: l3z - 150, zHi: l3z + 70 };
  let p = [rng.uniform(-0.5, 0.5) * w, -f * rng.uniform(0.3, 0.72), rng.uniform(box.zLo + 10, box.zHi - 10)];
  const unit = (): number[] => {
    const v = [rng.normal(0, 1), rng.normal(0, 0.7), rng.normal(0, 1)];
    const n = Math.hypot(v[0], v[1], v[2]) || 1;
    return v.map((c) => c / n);
  };
  let dir = unit();
  const nodes: Node[] = [[p[0], p[1], p[2], radius * rng.uniform(0.8, 1.2)]];
  const count = rng.int(5, 9);
  for (let i = 0; i < count; i++) {
    const step = rng.uniform(22, 45);
    const turn = unit();
    dir = dir.map((d, k) => d + 0.9 * turn[k]);
    const n = Math.hypot(dir[0], dir[1], dir[2]) || 1;
    dir = dir.map((d) => d / n);
    const q = p.map((c, k) => c + dir[k] * step);
    // Bounce off the cavity's box.
    if (Math.abs(q[0]) > box.x) [q[0], dir[0]] = [Math.sign(q[0]) * box.x, -dir[0]];
    if (q[1] < box.yLo || q[1] > box.yHi)
      [q[1], dir[1]] = [Math.min(box.yHi, Math.max(box.yLo, q[1])), -dir[1]];
    if (q[2] < box.zLo || q[2] > box.zHi)
      [q[2], dir[2]] = [Math.min(box.zHi, Math.max(box.zLo, q[2])), -dir[2]];
    p = q;
    nodes.push([p[0], p[1], p[2], radius * rng.uniform(0.8, 1.2)]);
  }
  return chain(rng, nodes, content);
}

/** The study's bowel: colon, then up to 44-60 small-bowel loops (painted in this order; the first tube wins a cell). */
export function planBowel(rng: Rng, s: CavitySize, l3z: number): BowelSegment[] {
  const out = colon(rng, s, l3z);
  const loops = rng.int(44, 60);
  // v6: the cavity between the tubes is packed with loops of its own (mesentery.ts), collapsed-looking; of the
  // planned collapsed loops only a third are kept as tubes (the distended ones all are).
  for (let i = 0; i < loops; i++) {
    const loop = smallBowelLoop(rng, s, l3z);
    if (loop[0].content !== 4 || rng.bool(0.34)) out.push(...loop);
  }
  return out;
}

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

/** Unit vectors across the tube's axis d (unit): e1 horizontal where it can be, e2 = d x e1. */
function across(d: readonly number[]): [number, number, number, number, number, number] {
  let e1 = [-d[1], d[0], 0];
  let n = Math.hypot(e1[0], e1[1]);
  if (n < 1e-3) {
    e1 = [1, 0, 0];
    n = 1;
  }
  e1 = e1.map((c) => c / n);
  return [
    e1[0],
    e1[1],
    e1[2],
    d[1] * e1[2] - d[2] * e1[1],
    d[2] * e1[0] - d[0] * e1[2],
    d[0] * e1[1] - d[1] * e1[0],
  ];
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
