/**
 * One cross-section band of the trunk (x lateral, y' = y - curveY(z) posterior, 1 mm cells): skin,
 * subcutaneous fat with septa, abdominal wall layers, back muscles with fascial planes and fatty streaks,
 * quadratus lumborum, kidneys, liver, spleen, lung bases, iliac wings with iliacus and glutei, bladder,
 * bowel loops and mesentery. Plain TypeScript; never imports electron or render code.
 */
import { CAVITY as CAVITY_LABEL, mesenteryLabel as mesentery, paintBowel, type BandGrid } from './bowel';
import { smooth01 as smoothRamp } from './geometry';
import { kidneyLabel as kidney } from './kidney';
import { noise2 as bilinearNoise, noiseCell as cellNoise } from './noiseField';
import { psoasLabel as psoas, streak as fibreField } from './psoas';
import { Tissue as TissueLabels } from './tissues';
import { levelIndexAt, type TrunkPlan } from './trunkPlan';

/** Local aliases: module-namespace getters (as emitted by esbuild/tsx) are slow in per-cell loops. */
const Tissue = TissueLabels;
const noise2 = bilinearNoise;
const noiseCell = cellNoise;
const mesenteryLabel = mesentery;
const CAVITY = CAVITY_LABEL;
const kidneyLabel = kidney;
const psoasLabel = psoas;
const streak = fibreField;
const smooth01 = smoothRamp;

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

/** Vertebral body half width or anterior half depth at fractional level index li (interpolated). */
function vertebraSize(p: TrunkPlan, li: number, key: 'halfWidthMm' | 'ellipseMm'): number {
  const i = Math.min(p.levelZ.length - 1, Math.max(0, Math.floor(li)));
  const j = Math.min(p.levelZ.length - 1, i + 1);
  const t = Math.min(1, Math.max(0, li - i));
  return p.levelZ[i][key] + (p.levelZ[j][key] - p.levelZ[i][key]) * t;
}

/** Superellipse exponent of the posterior half of the outline (2: an ellipse; larger: squarer). */
const BACK_EXPONENT = 2.4;

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
  /** Half width and anterior half depth of the vertebral body at this z. */
  vHalf: number;
  vDepth: number;
}

/** Wobbling fascial plane: true within `half` mm of ax = at + slope * yb (+ a slow wobble along it). */
function onPlane(
  ax: number,
  yb: number,
  z: number,
  at: number,
  slope: number,
  ph: number,
  half: number,
): boolean {
  return Math.abs(ax - at - slope * yb - 2.2 * noise2(0.5 * yb, 0.12 * z, ph)) < half;
}

/** Compartment of the back muscles (< 1 inside): an oval behind the transverse processes (a few mm of fat in front). */
function backCompartment(ax: number, yb: number, w: number): number {
  return (ax / w) ** 2 + ((yb - 35) / 32) ** 2 + 0.04 * noiseCell(0.3 * ax, 0.3 * yb, 2.2);
}

/**
 * Back muscles each side of the spinous process: multifidus (medial, larger caudally) and the erector spinae
 * (longissimus, iliocostalis) as one mass split by thin fascial planes, with fatty streaks along the fibres.
 */
function backMuscle(c: Ctx, x: number, y: number): number {
  const ax = x < 0 ? -x : x;
  const yb = y - c.p.muscleBack;
  if (ax < 1.1) return Tissue.Septum;
  const sacral = smooth01((c.li - 6.8) / 1.2);
  const w = 68 * c.bulk * (1 - 0.45 * sacral);
  const e = backCompartment(ax, yb, w);
  if (e > 1) return -1;
  if (e > 0.93) return Tissue.Septum;
  const ph = c.p.septaPhase[0];
  if (onPlane(ax, yb, c.z, 19 + 8 * sacral, 0.4, ph, 0.45)) return Tissue.Fat;
  if (sacral < 0.7 && onPlane(ax, yb, c.z, 40 * c.bulk, 0.18, ph + 1.3, 0.45)) return Tissue.Fat;
  // Fatty streaks, more in multifidus, caudally and with the study's fatty infiltration.
  const medial = ax < 19 + 8 * sacral + 0.4 * yb;
  const f = c.p.muscleFat * (medial ? 1.3 : 0.8) * (0.6 + 0.5 * sacral);
  // Streaks run along the fascicles: obliquely (posteromedial) in multifidus, nearly sagittal laterally.
  const side = x < 0 ? 1.9 : 0;
  const n = medial
    ? streak(ax, yb, 0.45, 0.89, ph + 2 + side + c.z * 0.004)
    : streak(ax, yb, 0.2, 0.98, ph + 2.5 + side + c.z * 0.004);
  const thr = 2.3 - 0.9 * f;
  if (n > thr) return Tissue.Fat;
  // Haloes of the streaks and slow patches of fine marbling: muscle signal that is not uniform.
  if (n > thr - 0.45) return Tissue.MuscleMarbled;
  return noise2(0.09 * ax, 0.09 * yb, ph + 3 + c.z * 0.002) > 1.55 - 0.8 * f
    ? Tissue.MuscleMarbled
    : Tissue.Muscle;
}

/** Posterior parietal peritoneum: y' of the line behind which the retroperitoneum lies. */
function peritoneumY(c: Ctx, x: number): number {
  // Deeper in front of the great vessels, so periaortic / pericaval fat lies between them and the bowel.
  const dx = x - 4;
  const vessels = 15 / (1 + (dx * dx) / 700);
  return Math.min(4, -36 + 0.0021 * x * x) - vessels + 3 * noise2(0.4 * x, 0.5 * c.z, c.p.septaPhase[1]);
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

function organLabel(c: Ctx, x: number, y: number): number {
  const p = c.p;
  const ax = Math.abs(x);
  const kid = kidneyLabel(c, x, y);
  if (kid >= 0) return kid;
  const qlScale = smooth01((c.li - 2.5) / 1.5) * (1 - smooth01((c.li - 6.3) / 0.8));
  if (qlScale > 0.05) {
    const e = ((ax - 57) / (7 + 9 * qlScale)) ** 2 + ((y - 11) / (5 + 5 * qlScale)) ** 2;
    if (e < 1) return Tissue.Muscle;
    // A fat plane keeps the psoas off the quadratus lumborum.
    if (e < 1.35) return Tissue.Fat;
  }
  const il = iliacLabel(c, x, y);
  if (il >= 0) return il;
  const ps = psoasLabel(c, x, y);
  if (ps >= 0) return ps;
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
  if (y > peritoneumY(c, x)) {
    const n = noise2(0.5 * x, 0.5 * y, p.septaPhase[1] + 5);
    return n > -0.035 && n < 0.035 ? Tissue.Septum : Tissue.Fat;
  }
  return CAVITY;
}

/**
 * The depth (mm below the skin) of the cell cellLabel labels next: handed over in a typed slot rather than as
 * an argument, so the call does not box a double for every cell (fewer young-generation collections).
 */
const CELL_DEPTH = new Float64Array(1);

/** Subcutaneous fat, its septa, then wall or back muscles or organs, at depth CELL_DEPTH[0] below the skin. */
function cellLabel(c: Ctx, x: number, y: number): number {
  const depth = CELL_DEPTH[0];
  if (depth < 1.6) return Tissue.Skin;
  const p = c.p;
  const anterior = y < c.yMid;
  const fatLocal = p.fatMm * (anterior ? 1 + (p.bellyFat - 1) * smooth01((c.yMid - y) / 60) : 0.75);
  const inFat = depth - 1.6;
  if (inFat < fatLocal) {
    const ph = p.septaPhase[2] + c.z * 0.02;
    // Superficial fascia: a broken, wavy line about halfway through the fat; septa: contours of a smooth field.
    const fascia = inFat - (0.45 + 0.12 * noiseCell(0.3 * x, 0.3 * y, ph)) * fatLocal;
    if (fatLocal > 9 && fascia > -0.4 && fascia < 0.4 && noiseCell(0.4 * x, 0.4 * y, ph + 3) > -0.3) {
      return Tissue.Septum;
    }
    const s = noise2(0.6 * x, 0.6 * y, ph + 1);
    return s > -0.045 && s < 0.045 ? Tissue.Septum : Tissue.Fat;
  }
  const inWall = inFat - fatLocal;
  if (y > p.muscleBack - 6) {
    if (inWall < 1 && y > p.muscleBack + 10) return Tissue.Septum;
    const bm = backMuscle(c, x, y);
    if (bm >= 0) return bm;
  }
  const wall = p.wallMm * (1 - smooth01((y - p.muscleBack + 10) / 30));
  if (inWall < wall) {
    const ax = Math.abs(x);
    if (anterior && ax < 48) return ax < 1.2 ? Tissue.Septum : Tissue.Muscle;
    const layer = inWall / wall;
    if ((layer > 0.33 && layer < 0.39) || (layer > 0.64 && layer < 0.7)) return Tissue.Fat;
    return Tissue.Muscle;
  }
  return organLabel(c, x, y);
}

/** Per-band context: level, outline sizes, muscle bulk, iliac depth. */
function sectionContext(p: TrunkPlan, z: number): Ctx {
  const li = levelIndexAt(p, z);
  const halfW = p.halfWidthMm * widthFactor(li);
  const front = -p.frontMm * Math.max(0.78, 1 - 0.1 * ((li - 5.8) / 2.5) ** 2);
  const back = p.backMm;
  const iliacDepth = p.iliacTopZ - z;
  const s1 = p.levelZ.find((l) => l.name === 'S1');
  return {
    p,
    z,
    li,
    halfW: halfW * (1 + 0.06 * smooth01(iliacDepth / 40)),
    front,
    back,
    yMid: (back + front) / 2,
    bulk: p.muscleBulk * (1 - 0.2 * smooth01((li - 6) / 2)),
    iliacDepth: s1 && z < s1.z - 75 ? 0 : iliacDepth,
    iliacHalf: 50,
    vHalf: vertebraSize(p, li, 'halfWidthMm'),
    vDepth: vertebraSize(p, li, 'ellipseMm'),
  };
}

/** Front and back outline (y') per column: an oval, the spinal groove, a slow wobble. */
function outlineRows(c: Ctx, g: SectionGrid): { yFront: Float32Array; yBack: Float32Array } {
  const semiY = (c.back - c.front) / 2;
  const yFront = new Float32Array(g.cols);
  const yBack = new Float32Array(g.cols);
  const k = BACK_EXPONENT;
  for (let col = 0; col < g.cols; col++) {
    const x = g.x0 + col;
    const dxN = Math.min(1, Math.abs(x) / c.halfW);
    const groove = 6 * Math.exp(-(x * x) / 110) - 1.5 * Math.exp(-((Math.abs(x) - 45) ** 2) / 1800);
    yFront[col] = c.yMid - semiY * Math.sqrt(1 - dxN * dxN) + 2 * noise2(0.05 * x, 0.1 * c.z, 1.9);
    yBack[col] =
      c.yMid + semiY * Math.pow(1 - dxN ** k, 1 / k) - groove + 1.5 * noise2(0.05 * x, 0.1 * c.z, 4.3);
  }
  return { yFront, yBack };
}

/** Where fillCells writes: band `band` of `bands` in `out`, columns col0..col1, and the cavity scratch mask. */
type BandTarget = Pick<BandGrid, 'out' | 'band' | 'bands' | 'cavity' | 'col0' | 'col1'>;

/**
 * The cell pass of one band: every cell inside the outline gets its label (cavity cells are marked and take
 * mesentery). Its own function, so the hot loop's optimised code is reused from band to band.
 */
function fillCells(c: Ctx, g: SectionGrid, target: BandTarget, mesPhase: number): void {
  const { out, band, bands, cavity } = target;
  const semiY = (c.back - c.front) / 2;
  const { yFront, yBack } = outlineRows(c, g);
  const k = BACK_EXPONENT;
  for (let r = 0; r < g.rows; r++) {
    const y = g.y0 + r;
    const dyN = (y - c.yMid) / semiY;
    if (dyN <= -1 || dyN >= 1) continue;
    const xHalf = c.halfW * (y < c.yMid ? Math.sqrt(1 - dyN * dyN) : Math.pow(1 - Math.abs(dyN) ** k, 1 / k));
    const c0 = Math.max(target.col0, Math.ceil(-xHalf - g.x0));
    const c1 = Math.min(target.col1, Math.floor(xHalf - g.x0));
    for (let col = c0; col <= c1; col++) {
      const x = g.x0 + col;
      const depth = Math.min(xHalf - Math.abs(x), y - yFront[col], yBack[col] - y);
      if (depth < 0) continue;
      CELL_DEPTH[0] = depth;
      let label = cellLabel(c, x, y);
      if (label === CAVITY) {
        cavity[col * g.rows + r] = 1;
        label = mesenteryLabel(x, y, mesPhase);
      }
      out[(col * g.rows + r) * bands + band] = label;
    }
  }
}

/**
 * Fill columns col0..col1 of band `band` of `bands` for body z into `out`, laid out column-major with the
 * bands innermost: index (col * rows + row) * bands + band (a sagittal plane reads a few kB per slice).
 * `cavity` is scratch (cols * rows bytes, 0 in columns col0..col1 on entry; left dirty). Every cell's label
 * depends only on its band, column and row, so a band filled in several column runs reads as one filled at once.
 */
export function fillSection(p: TrunkPlan, z: number, g: SectionGrid, target: BandTarget): void {
  const { out, band, bands, cavity, col0, col1 } = target;
  const c = sectionContext(p, z);
  fillCells(c, g, target, p.septaPhase[1] + z * 0.01);
  paintBowel(p.bowel, z, { ...g, out, band, bands, cavity, col0, col1 });
}
