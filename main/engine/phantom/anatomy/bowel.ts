/**
 * Bowel loops of the trunk cross-sections: colon and small-bowel loops drawn per study (irregular,
 * obliquely cut tubes with a wall; gas, fluid, gas over fluid, faeces with gas bubbles, or collapsed with
 * mucosal folds), painted into the peritoneal cavity of one band. Plain TypeScript; never imports electron.
 */
import type { Rng } from '../../rng';
import { noise2 as bilinearNoise, noiseCell as cellNoise } from './noiseField';
import { Tissue as TissueLabels } from './tissues';

const Tissue = TissueLabels;
const noiseCell = cellNoise;
const noise2 = bilinearNoise;

/** Label that cellLabel leaves in the peritoneal cavity; bowel loops paint over it, the rest becomes fat. */
export const CAVITY = 255;

/** One bowel loop: a tube whose centre drifts with z (x, y' in mm of the cross-section). */
export interface BowelLoop {
  x: number;
  y: number;
  ax: number;
  ay: number;
  phase: number;
  periodMm: number;
  radiusMm: number;
  zTop: number;
  zBottom: number;
  /** 0 gas, 1 fluid, 2 faeces, 3 gas over fluid (air-fluid level), 4 collapsed. */
  content: 0 | 1 | 2 | 3 | 4;
  /** Oblique cut: long/short axis ratio of the section, its angle, and lobulation (2nd, 3rd harmonics). */
  elong: number;
  angle: number;
  lobes: [number, number, number, number];
  wallMm: number;
}

export interface CavitySize {
  frontMm: number;
  halfWidthMm: number;
}

function loop(
  rng: Rng,
  x: number,
  y: number,
  z: [number, number],
  r: number,
  content: BowelLoop['content'],
): BowelLoop {
  return {
    x,
    y,
    ax: rng.uniform(2, 10),
    ay: rng.uniform(2, 8),
    phase: rng.uniform(0, 6.28),
    periodMm: rng.uniform(30, 90),
    radiusMm: r,
    zTop: z[0],
    zBottom: z[1],
    content,
    elong: 1 + rng.uniform(0, 1) ** 2 * 1.6,
    angle: rng.uniform(0, Math.PI),
    lobes: [rng.uniform(0, 0.14), rng.uniform(0, 6.28), rng.uniform(0, 0.1), rng.uniform(0, 6.28)],
    wallMm: rng.uniform(1.6, 3),
  };
}

/** Colon (ascending, descending, transverse) and 220-380 small-bowel loops for one study. */
export function planBowel(rng: Rng, s: CavitySize, l3z: number): BowelLoop[] {
  const loops: BowelLoop[] = [];
  const colonContent = (): BowelLoop['content'] => rng.pick([0, 2, 2, 2, 3] as const);
  for (let z = l3z + 100; z > l3z - 120; z -= rng.uniform(25, 40)) {
    for (const side of [-1, 1]) {
      const c = loop(
        rng,
        side * s.halfWidthMm * rng.uniform(0.55, 0.66),
        -s.frontMm * rng.uniform(0.2, 0.4),
        [z + 24, z - 24],
        rng.uniform(13, 22),
        colonContent(),
      );
      loops.push({
        ...c,
        elong: 1 + rng.uniform(0, 0.4),
        lobes: [0.1, rng.uniform(0, 6), 0.12, rng.uniform(0, 6)],
      });
    }
  }
  for (let x = -0.6; x <= 0.6; x += rng.uniform(0.25, 0.4)) {
    const zt = l3z + rng.uniform(30, 70);
    loops.push(
      loop(
        rng,
        x * s.halfWidthMm,
        -s.frontMm * rng.uniform(0.65, 0.8),
        [zt + 18, zt - 18],
        rng.uniform(14, 20),
        colonContent(),
      ),
    );
  }
  const count = rng.int(220, 380);
  for (let i = 0; i < count; i++) {
    const zc = l3z + rng.uniform(-150, 70);
    const hz = rng.uniform(12, 40);
    loops.push(
      loop(
        rng,
        rng.uniform(-0.7, 0.7) * s.halfWidthMm,
        -s.frontMm * rng.uniform(0.2, 0.85),
        [zc + hz, zc - hz],
        rng.uniform(9, 17),
        rng.pick([1, 3, 4, 4, 4, 4, 4, 0, 2] as const),
      ),
    );
  }
  return loops;
}

/** A loop cut by band z: centre, radius (0 outside its z range), shape. */
interface LoopAt {
  loop: BowelLoop;
  bx: number;
  by: number;
  r: number;
}

function loopAt(b: BowelLoop, z: number): LoopAt | null {
  if (z >= b.zTop || z <= b.zBottom) return null;
  const ph = (z / b.periodMm) * 6.283 + b.phase;
  const t = (2 * z - b.zTop - b.zBottom) / (b.zTop - b.zBottom);
  const r = b.radiusMm * (b.content === 4 ? 0.6 : 1) * Math.sqrt(1 - t * t * 0.85);
  return { loop: b, bx: b.x + b.ax * Math.sin(ph), by: b.y + b.ay * Math.cos(ph * 1.3), r };
}

/** Label of a point at (u, v) in the loop's own frame (v = 0 at the centre), inside radius `rb`. */
function contentLabel(l: LoopAt, x: number, y: number, rho: number, rb: number): number {
  const b = l.loop;
  if (rho > rb - b.wallMm) return Tissue.Muscle;
  switch (b.content) {
    case 0:
      return Tissue.BowelGas;
    case 1:
      return noiseCell(x * 1.3, y * 1.3, b.phase) > 1.9 ? Tissue.Viscera : Tissue.BowelFluid;
    case 2:
      return noiseCell(x * 2.1, y * 2.1, b.phase) > 1.1 ? Tissue.BowelGas : Tissue.Faeces;
    case 3:
      return y < l.by - 0.15 * l.r ? Tissue.BowelGas : Tissue.BowelFluid;
    default:
      return Math.abs(noiseCell(x * 1.6, y * 1.6, b.phase)) < 0.22 ? Tissue.BowelFluid : Tissue.Viscera;
  }
}

/** Cross-section grid of one band (same layout as trunkSection's) and its cavity mask (col * rows + row). */
export interface BandGrid {
  cols: number;
  rows: number;
  x0: number;
  y0: number;
  out: Uint8Array;
  band: number;
  bands: number;
  /** 1 where the cell is peritoneal cavity not yet taken by a loop. */
  cavity: Uint8Array;
  /** Columns to paint (the rest of the band is left as it is). */
  col0: number;
  col1: number;
}

/** Mesenteric fat with its thin vessels, for a cavity cell that no loop takes. */
export function mesenteryLabel(x: number, y: number, ph: number): number {
  const n = noise2(x * 0.45, y * 0.45, ph);
  return n > -0.02 && n < 0.02 ? Tissue.Vessel : Tissue.Fat;
}

function paintLoop(g: BandGrid, l: LoopAt): void {
  const b = l.loop;
  const ca = Math.cos(b.angle);
  const sa = Math.sin(b.angle);
  const [a2, p2, a3, p3] = b.lobes;
  const [c2, s2, c3, s3] = [Math.cos(p2), Math.sin(p2), Math.cos(p3), Math.sin(p3)];
  const reach = l.r * (1 + a2 + a3) + 1;
  const box = reach * b.elong;
  const c0 = Math.max(g.col0, Math.floor(l.bx - box - g.x0));
  const c1 = Math.min(g.col1, Math.ceil(l.bx + box - g.x0));
  const r0 = Math.max(0, Math.floor(l.by - box - g.y0));
  const r1 = Math.min(g.rows - 1, Math.ceil(l.by + box - g.y0));
  const inv = 1 / b.elong;
  for (let col = c0; col <= c1; col++) {
    const dx = g.x0 + col - l.bx;
    for (let row = r0; row <= r1; row++) {
      const k = col * g.rows + row;
      if (g.cavity[k] !== 1) continue;
      const dy = g.y0 + row - l.by;
      const u = (dx * ca + dy * sa) * inv;
      const v = -dx * sa + dy * ca;
      const rho2 = u * u + v * v;
      if (rho2 > reach * reach) continue;
      const rho = Math.sqrt(rho2) + 1e-6;
      const c = u / rho;
      const s = v / rho;
      // cos(2t + p2) and cos(3t + p3) from the unit vector (c, s), without atan2.
      const cos2 = (c * c - s * s) * c2 - 2 * c * s * s2;
      const cos3 = c * (4 * c * c - 3) * c3 - s * (3 - 4 * s * s) * s3;
      const rb = l.r * (1 + a2 * cos2 + a3 * cos3);
      if (rho > rb) continue;
      g.out[k * g.bands + g.band] = contentLabel(l, dx + l.bx, dy + l.by, rho, rb);
      g.cavity[k] = 0;
    }
  }
}

/** Paint the loops crossing band z into the cavity cells (first loop wins; the rest stays mesentery). */
export function paintBowel(loops: readonly BowelLoop[], z: number, g: BandGrid): void {
  for (const b of loops) {
    const l = loopAt(b, z);
    if (l && l.r > 1.5) paintLoop(g, l);
  }
}
