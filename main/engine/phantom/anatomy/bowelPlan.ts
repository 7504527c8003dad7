/**
 * Planning of the bowel's tubes (split out of bowel.ts, phantom v6): colon with haustra, small-bowel loops as
 * random walks of tubes, each tube's geometry worked out once. Plain TypeScript; never imports electron.
 */
import type { Rng } from '../../rng';

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

export interface TubeGeometry {
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

/** Edge jitter of a tube's outer radius: at most this share (an uneven serosal edge, no perfect circles). */
export const EDGE_JITTER = 0.12;

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
