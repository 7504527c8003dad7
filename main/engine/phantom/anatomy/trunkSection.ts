/**
 * One cross-section band of the trunk (x lateral, y' = y - curveY(z) posterior, 1 mm cells): skin,
 * subcutaneous fat with septa, abdominal wall layers, back muscles with fascial planes and fatty streaks,
 * quadratus lumborum, kidneys, liver, spleen, lung bases, iliac wings with iliacus and glutei, bladder,
 * bowel loops and mesentery. Plain TypeScript; never imports electron or render code.
 */
import { Tissue as TissueLabels } from './tissues';
import { levelIndexAt, type TrunkPlan } from './trunkPlan';

/** Local alias: module-namespace getters (as emitted by esbuild/tsx) are slow in per-cell loops. */
const Tissue = TissueLabels;

export interface SectionGrid {
  cols: number;
  rows: number;
  x0: number;
  y0: number;
}

/** Profile of the body outline's width with the level (index: T10 = 0 ... L1 = 3 ... S1 = 8). */
function widthFactor(li: number): number {
  if (li < 5) return 1 - 0.012 * (li - 2);
  if (li < 7) return 0.964 + 0.03 * (li - 5);
  return Math.min(1.14, 1.024 + 0.06 * (li - 7));
}

function smooth01(t: number): number {
  const c = t < 0 ? 0 : t > 1 ? 1 : t;
  return c * c * (3 - 2 * c);
}

interface Ctx {
  p: TrunkPlan;
  z: number;
  li: number;
  halfW: number;
  front: number;
  back: number;
  yMid: number;
  bulk: number;
  iliacDepth: number;
  iliacHalf: number;
  loops: LoopAt[];
}

const FIELD = 128;

/**
 * A zero-mean quasi-random field (three non-parallel waves: organic curves, no lattice), tabulated once
 * on a periodic 128 x 128 grid of 1 mm cells; {@link waves} reads it shifted with z.
 */
const FIELD_TABLE: Float32Array = (() => {
  const t = new Float32Array(FIELD * FIELD);
  const k = (2 * Math.PI) / FIELD;
  for (let y = 0; y < FIELD; y++)
    for (let x = 0; x < FIELD; x++)
      t[y * FIELD + x] =
        Math.sin(k * (3 * x + 2 * y)) +
        Math.sin(k * (-2 * x + 4 * y) + 1.7) +
        Math.sin(k * (3 * x - 3 * y) + 2.9);
  return t;
})();

/** The field at (x, y) mm for band z and phase ph (shifts the table per band and per use). */
function waves(x: number, y: number, z: number, ph: number): number {
  const ox = ((z * 0.31 + ph * 17) | 0) & (FIELD - 1);
  const oy = ((z * 0.23 + ph * 29) | 0) & (FIELD - 1);
  return FIELD_TABLE[(((y | 0) + oy) & (FIELD - 1)) * FIELD + (((x | 0) + ox) & (FIELD - 1))];
}

function backMuscle(c: Ctx, ax: number, y: number): number {
  const yb = y - c.p.muscleBack;
  if (ax < 1.1) return Tissue.Septum;
  const sacral = smooth01((c.li - 6.8) / 1.2);
  const b = c.bulk;
  // Multifidus (medial), longissimus and iliocostalis overlap into one mass; the rim of each is a fascial plane.
  const em = ((ax - 14) / (13 + 5 * sacral)) ** 2 + ((yb - 30) / (26 + 4 * sacral)) ** 2;
  const el = ((ax - 36) / (17 * b * (1 - 0.4 * sacral))) ** 2 + ((yb - 34) / 27) ** 2;
  const ei = ((ax - 57) / (14 * b * (1 - 0.8 * sacral) + 0.1)) ** 2 + ((yb - 28) / 20) ** 2;
  let muscle = false;
  if (em < 0.95) muscle = true;
  else if (em < 1) return Tissue.Fat;
  else if (el < 0.95) muscle = true;
  else if (el < 1) return Tissue.Fat;
  else if (ei < 0.95) muscle = true;
  if (!muscle) return Tissue.Fat;
  // Fatty streaks along the fibres, more in multifidus and caudally.
  const f = c.p.muscleFat * (em < 1 ? 1.3 : 0.8) * (0.6 + 0.5 * sacral);
  const n = waves(1.9 * ax, 1.9 * yb, c.z, c.p.septaPhase[0] + 1);
  return n > 2.75 - 0.9 * f ? Tissue.Fat : Tissue.Muscle;
}

function kidneyLabel(c: Ctx, x: number, y: number): number {
  const k = x > 0 ? c.p.kidney.left : c.p.kidney.right;
  const ez = (c.z - k.zc) / k.halfLenMm;
  if (ez * ez >= 1) return -1;
  const s = Math.sqrt(1 - ez * ez);
  const dx = (x - k.x) * Math.sign(k.x);
  const dy = y - k.y;
  // Long axis turned ~30 degrees: the hilum faces antero-medially.
  const u = 0.87 * dx - 0.5 * dy;
  const v = 0.5 * dx + 0.87 * dy;
  const e = (u / (k.semiX * s + 0.5)) ** 2 + (v / (k.semiY * s + 0.5)) ** 2;
  if (e >= 1.9) return -1;
  if (e >= 1) return Tissue.Fat;
  if (u < -0.35 * k.semiX && e < 0.55) return Tissue.Fat;
  return Tissue.Kidney;
}

function iliacLabel(c: Ctx, x: number, y: number): number {
  if (c.iliacDepth <= 0) return -1;
  const ax = Math.abs(x);
  const mx = c.iliacHalf;
  const my = 32;
  const lx = c.halfW * 0.64;
  const ly = -22;
  const dx = lx - mx;
  const dy = ly - my;
  const len2 = dx * dx + dy * dy;
  const t = ((ax - mx) * dx + (y - my) * dy) / len2;
  const tMin = 0.55 - 0.55 * smooth01(c.iliacDepth / 30);
  if (t < tMin - 0.05 || t > 1.02) return -1;
  const len = Math.sqrt(len2);
  const d = ((ax - mx) * dy - (y - my) * dx) / len - 9 * 4 * t * (1 - t);
  const half = (3 + 4 * (1 - t)) * smooth01(c.iliacDepth / 12);
  const ad = Math.abs(d);
  if (t >= tMin && ad < half) return ad > half - 1.3 || t > 0.99 ? Tissue.Cortex : Tissue.Marrow;
  if (t < tMin) return -1;
  // d < 0 faces the pelvis (iliacus), d > 0 the buttock (glutei).
  if (d < 0 && d > -half - 13) return Tissue.Muscle;
  if (d > 0 && d < half + 16 + 14 * smooth01(c.iliacDepth / 60)) return Tissue.Muscle;
  return -1;
}

/** Bowel loops crossing this band: centre and radius at the band's z. */
interface LoopAt {
  bx: number;
  by: number;
  r: number;
  content: number;
}

function loopsAt(p: TrunkPlan, z: number): LoopAt[] {
  const out: LoopAt[] = [];
  for (const b of p.bowel) {
    if (z > b.zTop || z < b.zBottom) continue;
    const ph = (z / b.periodMm) * 6.283 + b.phase;
    const taper = Math.sqrt(Math.min(1, (b.zTop - z) / 8, (z - b.zBottom) / 8));
    const r = b.radiusMm * (b.content === 4 ? 0.55 : 1) * (0.6 + 0.4 * taper);
    out.push({ bx: b.x + b.ax * Math.sin(ph), by: b.y + b.ay * Math.cos(ph * 1.3), r, content: b.content });
  }
  return out;
}

function bowelLabel(c: Ctx, x: number, y: number): number {
  for (const b of c.loops) {
    const dx = x - b.bx;
    const r = b.r;
    if (dx > r || dx < -r) continue;
    const dy = y - b.by;
    const d2 = dx * dx + dy * dy;
    if (d2 > r * r) continue;
    const ri = r - 1.6;
    if (d2 > ri * ri) return Tissue.Muscle;
    if (b.content === 0) return Tissue.BowelGas;
    if (b.content === 1) return Tissue.BowelFluid;
    if (b.content === 2) return Tissue.Faeces;
    if (b.content === 3) return dy < -0.25 * r ? Tissue.BowelGas : Tissue.BowelFluid;
    return Tissue.Viscera;
  }
  return -1;
}

function organLabel(c: Ctx, x: number, y: number): number {
  const p = c.p;
  const ax = Math.abs(x);
  const kid = kidneyLabel(c, x, y);
  if (kid >= 0) return kid;
  const qlScale = smooth01((c.li - 2.5) / 1.5) * (1 - smooth01((c.li - 6.3) / 0.8));
  if (qlScale > 0.05) {
    const e = ((ax - 57) / (7 + 9 * qlScale)) ** 2 + ((y - 11) / (5 + 5 * qlScale)) ** 2;
    if (e < 1) return Tissue.Muscle;
  }
  const il = iliacLabel(c, x, y);
  if (il >= 0) return il;
  if ((x / 85) ** 2 + ((y + 6) / 38) ** 2 <= 1) return Tissue.Fat;
  if (c.z > p.lungLowZ && y > -25) {
    const s = smooth01((c.z - p.lungLowZ) / 40);
    if (((ax - 72) / (50 * s + 1)) ** 2 + (y / (30 * s + 1)) ** 2 < 1) return Tissue.Air;
  }
  if (x < 0 && c.z > p.liverLowZ) {
    const s = Math.sqrt(smooth01((c.z - p.liverLowZ) / 70));
    const e =
      ((x + c.halfW * 0.42) / (c.halfW * 0.5 * s + 1)) ** 2 + ((y - c.yMid * 0.6) / (45 * s + 1)) ** 2;
    if (e < 1) return Tissue.Liver;
  }
  if (x > 0 && c.z > p.spleenLowZ) {
    const s = Math.sqrt(smooth01((c.z - p.spleenLowZ) / 50));
    if (((x - c.halfW * 0.6) / (22 * s + 1)) ** 2 + ((y + 5) / (38 * s + 1)) ** 2 < 1) return Tissue.Spleen;
  }
  if (c.z < p.bladderZ + 35) {
    const e = (x / 42) ** 2 + ((y + c.front * 0.45) / 32) ** 2 + ((c.z - p.bladderZ) / 35) ** 2;
    if (e < 1) return e > 0.86 ? Tissue.Muscle : Tissue.Bladder;
  }
  const bw = bowelLabel(c, x, y);
  if (bw >= 0) return bw;
  if (y > -18 && c.li < 7.6) return Tissue.Fat;
  return waves(x, y, c.z, p.septaPhase[1]) > 0.9 ? Tissue.Fat : Tissue.Viscera;
}

/** Subcutaneous fat, its septa, then wall or back muscles or organs, at depth `depth` below the skin. */
function cellLabel(c: Ctx, x: number, y: number, depth: number): number {
  if (depth < 1.6) return Tissue.Skin;
  const p = c.p;
  const anterior = y < c.yMid;
  const fatLocal = p.fatMm * (anterior ? 1 + (p.bellyFat - 1) * smooth01((c.yMid - y) / 60) : 0.75);
  const inFat = depth - 1.6;
  if (inFat < fatLocal) {
    if (Math.abs(inFat - 0.45 * fatLocal) < 0.4) return Tissue.Septum;
    const s = waves(0.8 * x, 0.8 * y, c.z, p.septaPhase[2]);
    return s > -0.07 && s < 0.07 ? Tissue.Septum : Tissue.Fat;
  }
  const inWall = inFat - fatLocal;
  if (y > p.muscleBack) {
    if (inWall < 1) return Tissue.Septum;
    return backMuscle(c, Math.abs(x), y);
  }
  if (inWall < p.wallMm && y < p.muscleBack + 5) {
    const ax = Math.abs(x);
    if (anterior && ax < 48) return ax < 1.2 ? Tissue.Septum : Tissue.Muscle;
    const layer = inWall / p.wallMm;
    if ((layer > 0.33 && layer < 0.39) || (layer > 0.64 && layer < 0.7)) return Tissue.Fat;
    return Tissue.Muscle;
  }
  return organLabel(c, x, y);
}

/**
 * Fill band `band` of `bands` for body z into `out`, laid out column-major with the bands innermost:
 * index (col * rows + row) * bands + band (a sagittal plane reads a few kB per slice).
 */
export function fillSection(
  p: TrunkPlan,
  z: number,
  g: SectionGrid,
  out: Uint8Array,
  band: number,
  bands: number,
): void {
  const li = levelIndexAt(p, z);
  const halfW = p.halfWidthMm * widthFactor(li);
  const front = -p.frontMm * (li > 8 ? 0.85 : li < 3 ? 0.92 : 1);
  const back = p.backMm;
  const yMid = (back + front) / 2;
  const semiY = (back - front) / 2;
  const iliacDepth = p.iliacTopZ - z;
  const s1 = p.levelZ.find((l) => l.name === 'S1');
  const c: Ctx = {
    p,
    z,
    li,
    halfW: halfW * (1 + 0.06 * smooth01(iliacDepth / 40)),
    front,
    back,
    yMid,
    bulk: p.muscleBulk * (1 - 0.2 * smooth01((li - 6) / 2)),
    iliacDepth: s1 && z < s1.z - 75 ? 0 : iliacDepth,
    iliacHalf: 50,
    loops: loopsAt(p, z),
  };
  const cols = g.cols;
  const yFront = new Float32Array(cols);
  const yBack = new Float32Array(cols);
  for (let col = 0; col < cols; col++) {
    const dxN = Math.min(1, Math.abs(g.x0 + col) / c.halfW);
    const groove = 5 * Math.exp(-((g.x0 + col) ** 2) / 160);
    yFront[col] = yMid - semiY * Math.sqrt(1 - dxN * dxN);
    yBack[col] = yMid + semiY * Math.pow(1 - dxN ** 3, 1 / 3) - groove;
  }
  for (let r = 0; r < g.rows; r++) {
    const y = g.y0 + r;
    const dyN = (y - yMid) / semiY;
    if (dyN <= -1 || dyN >= 1) continue;
    const xHalf = c.halfW * (y < yMid ? Math.sqrt(1 - dyN * dyN) : Math.pow(1 - Math.abs(dyN) ** 3, 1 / 3));
    const c0 = Math.max(0, Math.ceil(-xHalf - g.x0));
    const c1 = Math.min(cols - 1, Math.floor(xHalf - g.x0));
    for (let col = c0; col <= c1; col++) {
      const x = g.x0 + col;
      const depth = Math.min(xHalf - Math.abs(x), y - yFront[col], yBack[col] - y);
      if (depth < 0) continue;
      out[(col * g.rows + r) * bands + band] = cellLabel(c, x, y, depth);
    }
  }
}
