/**
 * One cross-section band of the trunk (x lateral, y' = y - curveY(z) posterior, 1 mm cells): skin,
 * subcutaneous fat with septa, abdominal wall layers, back muscles with fascial planes and fatty streaks,
 * quadratus lumborum, kidneys, liver, spleen, lung bases, iliac wings with iliacus and glutei, bladder,
 * bowel loops and mesentery. Plain TypeScript; never imports electron or render code.
 */
import { CAVITY_MARK } from './bowel';
import { backMuscleLabel as backMuscles, type BackSection } from './backMuscles';
import { smooth01 as smoothRamp } from './geometry';
import { iliacLabel as iliac, iliacSection, type IliacSection } from './iliac';
import { kidneyLabel as kidney } from './kidney';
import { noise2 as bilinearNoise, noiseCell as cellNoise } from './noiseField';
import { psoasLabel as psoas } from './psoas';
import { quadratusLabel as quadratus, type QuadratusSection } from './quadratus';
import { Tissue as TissueLabels } from './tissues';
import { levelIndexAt, type TrunkPlan } from './trunkPlan';
import { profileIndex } from './trunkProfile';

/** Local aliases: module-namespace getters (as emitted by esbuild/tsx) are slow in per-cell loops. */
const Tissue = TissueLabels;
const noise2 = bilinearNoise;
const noiseCell = cellNoise;

/**
 * What cellLabel returns for the peritoneal cavity: the sections keep it, and the map's bands paint the bowel
 * and mesentery into it at their own z (softTissue.ts, bowel.ts).
 */
const CAVITY = CAVITY_MARK;
const kidneyLabel = kidney;
const backMuscleLabel = backMuscles;
const psoasLabel = psoas;
const iliacLabel = iliac;
const quadratusLabel = quadratus;
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
  /** What the iliac wings and the quadratus lumborum need of this section. */
  iliac: IliacSection;
  ql: QuadratusSection;
  /** Half width and anterior half depth of the vertebral body at this z. */
  vHalf: number;
  vDepth: number;
  /** What the back muscles need of this section. */
  back5: BackSection;
  /** y' behind which the psoas does not reach. */
  psoasBackY: number;
  /** Per-section terms of organLabel (the same values it worked out per cell before). */
  organs: SectionOrgans;
}

/** What organLabel needs that depends on the section's z only. */
interface SectionOrgans {
  /** Whether the left (x > 0) and right kidney reach this z (kidneyLabel is -1 elsewhere). */
  kidneyLeft: boolean;
  kidneyRight: boolean;
  lungS: number;
  liverS: number;
  spleenS: number;
  /** The bladder ellipsoid's z term. */
  bladderZ2: number;
}

/** Presence of the quadratus lumborum at level index li: from T12 down to the iliac crest. */
function qlScaleAt(li: number): number {
  return smooth01((li - 2.5) / 1.5) * (1 - smooth01((li - 6.3) / 0.8));
}

function sectionOrgans(p: TrunkPlan, z: number): SectionOrgans {
  const reaches = (k: TrunkPlan['kidney']['left']): boolean => {
    const ez = (z - k.zc) / k.halfLenMm;
    return ez * ez < 1;
  };
  return {
    kidneyLeft: reaches(p.kidney.left),
    kidneyRight: reaches(p.kidney.right),
    lungS: smooth01((z - p.lungLowZ) / 40),
    liverS: Math.sqrt(smooth01((z - p.liverLowZ) / 70)),
    spleenS: Math.sqrt(smooth01((z - p.spleenLowZ) / 50)),
    bladderZ2: ((z - p.bladderZ) / 35) ** 2,
  };
}

/** Posterior parietal peritoneum: y' of the line behind which the retroperitoneum lies. */
function peritoneumY(c: Ctx, x: number): number {
  // Deeper in front of the great vessels, so periaortic / pericaval fat lies between them and the bowel.
  const dx = x - 4;
  const vessels = 15 / (1 + (dx * dx) / 700);
  // v6: closer to the psoas and kidneys (v5's -36 left a thicker band of bright fat in front of them).
  return Math.min(4, -33 + 0.0021 * x * x) - vessels + 3 * noise2(0.4 * x, 0.5 * c.z, c.p.septaPhase[1]);
}

function organLabel(c: Ctx, x: number, y: number): number {
  const p = c.p;
  const ax = Math.abs(x);
  const o = c.organs;
  const kid = (x > 0 ? o.kidneyLeft : o.kidneyRight) ? kidneyLabel(c, x, y) : -1;
  if (kid >= 0) return kid;
  const il = iliacLabel(c.iliac, x, y);
  if (il >= 0) return il;
  const ps = psoasLabel(c, x, y);
  if (ps >= 0) return ps;
  const ql = quadratusLabel(c.ql, x, y);
  if (ql >= 0) return ql;
  if (c.z > p.lungLowZ && y > -25) {
    const s = o.lungS;
    if (((ax - 72) / (50 * s + 1)) ** 2 + (y / (30 * s + 1)) ** 2 < 1) return Tissue.Air;
  }
  if (x < 0 && c.z > p.liverLowZ) {
    const s = o.liverS;
    const e =
      ((x + c.halfW * 0.42) / (c.halfW * 0.5 * s + 1)) ** 2 + ((y - c.yMid * 0.6) / (45 * s + 1)) ** 2;
    if (e < 1) return Tissue.Liver;
  }
  if (x > 0 && c.z > p.spleenLowZ) {
    const s = o.spleenS;
    if (((x - c.halfW * 0.6) / (22 * s + 1)) ** 2 + ((y + 5) / (38 * s + 1)) ** 2 < 1) return Tissue.Spleen;
  }
  if (c.z < p.bladderZ + 35) {
    const e = (x / 42) ** 2 + ((y + c.front * 0.45) / 32) ** 2 + o.bladderZ2;
    if (e < 1) return e > 0.86 ? Tissue.Muscle : Tissue.Bladder;
  }
  if (y > peritoneumY(c, x)) {
    // Retroperitoneal fat: homogeneous, thin septa only in scattered patches (v5; v4 drew them everywhere).
    if (noise2(0.04 * x, 0.04 * y, p.septaPhase[1] + 7) < 0.9) return Tissue.Fat;
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

/** Thickness (mm) of the skin. */
export const SKIN_MM = 1.6;

/**
 * Subcutaneous fat (mm) at y': thicker over the belly (up to bellyFat times fatMm), the patient's backFat
 * fraction of it over the back, blended smoothly over +-25 mm about yMid (the flanks).
 */
function fatAt(p: TrunkPlan, yMid: number, y: number): number {
  const front = 1 + (p.bellyFat - 1) * smooth01((yMid - y) / 60);
  return p.fatMm * (p.backFat + (front - p.backFat) * smooth01((yMid + 25 - y) / 50));
}

/**
 * The subcutaneous fat (mm) a column shows under its front skin at y' = yFront: the F with
 * F = fatAt(yFront + SKIN_MM + F) (the cells' rule, solved along the column by bisection), so copies of a
 * section can keep the fat's inner edge where the cells put it.
 */
export function frontFatMm(p: TrunkPlan, o: OutlineShape, yFront: number): number {
  let lo = 0;
  let hi = p.fatMm * Math.max(1, p.bellyFat) + 1;
  for (let i = 0; i < 14; i++) {
    const f = (lo + hi) / 2;
    if (f < fatAt(p, o.yMid, yFront + SKIN_MM + f)) lo = f;
    else hi = f;
  }
  return (lo + hi) / 2;
}

/** Thickness (mm) of the abdominal wall at y' (thinning toward the back muscles). */
export function wallMmAt(p: TrunkPlan, y: number): number {
  return p.wallMm * (1 - smooth01((y - p.muscleBack + 10) / 30));
}

/** Spacing (mm, along the skin) of the oblique strands of the subcutaneous fat. */
const STRAND_MM = 20;

/**
 * Subcutaneous fat (phantom v5): homogeneous, with the superficial fascia (one smooth, thin layer parallel to
 * the skin at 35-55 % of the fat's depth where the fat is over 14 mm, broken in places) and thin oblique strands
 * (retinacula cutis, about 35 degrees off the depth) only in scattered patches, not a network over all the fat.
 */
function subcutaneousFat(c: Ctx, x: number, y: number, inFat: number, fatLocal: number): number {
  const ph = c.p.septaPhase[2] + c.z * 0.004;
  if (fatLocal > 14) {
    const d = inFat - (0.45 + 0.1 * noise2(0.03 * x, 0.03 * y, ph)) * fatLocal;
    // A sub-voxel plane: a faint partial-volume line all along, its darker core seen in stretches.
    if (d > -0.8 && d < 0.8) {
      const vis = noise2(0.06 * x, 0.06 * y, ph + 3);
      if (d > -0.3 && d < 0.3 && vis > 0.2) return Tissue.Septum;
      return vis > -1.8 ? Tissue.FasciaPartial : Tissue.Fat;
    }
  }
  if (inFat < 1.5 || noise2(0.07 * x, 0.07 * y, ph + 5) < 1.6) return Tissue.Fat;
  // Along the outline: arc length about the section's centre; the strands' spacing wanders (not a ladder).
  const s = Math.atan2(y - c.yMid, x) * (c.halfW + 0.5 * (c.back - c.front)) * 0.5;
  const u = (s + 0.7 * inFat) / STRAND_MM + 0.3 * noise2(0.03 * x, 0.03 * y, ph + 6);
  const f = u - Math.floor(u) - 0.5;
  return f > -0.5 / STRAND_MM && f < 0.5 / STRAND_MM ? Tissue.Septum : Tissue.Fat;
}

/** Subcutaneous fat, its septa, then wall or back muscles or organs, at depth CELL_DEPTH[0] below the skin. */
function cellLabel(c: Ctx, x: number, y: number): number {
  const depth = CELL_DEPTH[0];
  if (depth < SKIN_MM) return Tissue.Skin;
  const p = c.p;
  const anterior = y < c.yMid;
  const fatLocal = fatAt(p, c.yMid, y);
  const inFat = depth - SKIN_MM;
  if (inFat < fatLocal) return subcutaneousFat(c, x, y, inFat, fatLocal);
  const inWall = inFat - fatLocal;
  if (y > p.muscleBack - 6) {
    // The posterior layer of the thoracolumbar fascia: a sub-voxel plane, its dark core seen in stretches.
    if (inWall < 1.1 && y > p.muscleBack + 10) {
      if (inWall < 0.45 && noise2(0.08 * x, 0.02 * c.z, p.septaPhase[0] + 8.2) > -0.3) return Tissue.Septum;
      return Tissue.FasciaPartial;
    }
    const bm = backMuscleLabel(c.back5, x, y);
    if (bm >= 0) return bm;
  }
  const wall = wallMmAt(p, y);
  if (inWall < wall) {
    const ax = Math.abs(x);
    if (anterior && ax < 48) {
      // Rectus abdominis: a lens each side of a thin linea alba (a sub-voxel line, not a seam), thinning
      // laterally toward the obliques; its sheath's back a faint line.
      if (ax < 0.7) return Tissue.FasciaPartial;
      const rect = wall * (0.8 + 0.25 * Math.sin((Math.PI * ax) / 48)) * (ax < 4 ? 0.75 + 0.0625 * ax : 1);
      if (inWall > rect) return Tissue.Fat;
      return inWall > rect - 0.7 ? Tissue.FasciaPartial : Tissue.Muscle;
    }
    // Fat planes between the obliques and transversus: sub-voxel, continuous, fading in and out.
    const d1 = inWall - 0.36 * wall;
    const d2 = inWall - 0.67 * wall;
    const dm = Math.min(d1 < 0 ? -d1 : d1, d2 < 0 ? -d2 : d2);
    if (dm < 0.7) {
      const vis = noiseCell(0.06 * x, 0.06 * y, p.septaPhase[2] + 3.3);
      if (dm < 0.35 && vis > 0.3) return Tissue.Fat;
      return vis > -1.2 ? Tissue.FatPlane : Tissue.Muscle;
    }
    return Tissue.Muscle;
  }
  return organLabel(c, x, y);
}

/** y' of the front outline before the sagittal profile (v4's: deepest between L3 and L4). */
function plainFrontY(p: TrunkPlan, li: number): number {
  return -p.frontMm * Math.max(0.78, 1 - 0.1 * ((li - 5.8) / 2.5) ** 2);
}

/** y' of the front outline at body z before the sagittal profile (what {@link planProfile} starts from). */
export function plainFrontAt(p: TrunkPlan, z: number): number {
  return plainFrontY(p, levelIndexAt(p, z));
}

/** Per-band context: level, outline sizes, muscle bulk, iliac depth. */
function sectionContext(p: TrunkPlan, z: number): Ctx {
  const li = levelIndexAt(p, z);
  const halfW = p.halfWidthMm * widthFactor(li);
  const k = profileIndex(p.profile, z);
  const front = plainFrontY(p, li) + p.profile.front[k];
  const back = p.backMm + p.profile.back[k];
  const iliacDepth = p.iliacTopZ - z;
  const s1 = p.levelZ.find((l) => l.name === 'S1');
  const bulk = p.muscleBulk * (1 - 0.2 * smooth01((li - 6) / 2));
  const back5: BackSection = {
    li,
    z,
    bulk,
    back,
    backFatMm: p.fatMm * p.backFat,
    muscleBack: p.muscleBack,
    muscleFat: p.muscleFat,
    atrophy: p.muscleAtrophy,
    phase: p.septaPhase[0],
  };
  return {
    p,
    z,
    li,
    halfW: halfW * (1 + 0.06 * smooth01(iliacDepth / 40)),
    front,
    back,
    yMid: (back + front) / 2,
    bulk,
    back5,
    iliacDepth: s1 && z < s1.z - 75 ? 0 : iliacDepth,
    iliac: iliacSection(
      z,
      s1 && z < s1.z - 75 ? 0 : iliacDepth,
      halfW * (1 + 0.06 * smooth01(iliacDepth / 40)),
      p.septaPhase[0] + 3.7,
    ),
    ql: {
      li,
      z,
      qlScale: qlScaleAt(li),
      vHalf: vertebraSize(p, li, 'halfWidthMm'),
      muscleBack: p.muscleBack,
      bulk,
      phase: p.septaPhase[0] + 5.9,
      back: back5,
    },
    psoasBackY: p.muscleBack - 1,
    vHalf: vertebraSize(p, li, 'halfWidthMm'),
    vDepth: vertebraSize(p, li, 'ellipseMm'),
    organs: sectionOrgans(p, z),
  };
}

/** The scalars of one cross-section's body outline (an oval, squarer at the back) at body z. */
export interface OutlineShape {
  z: number;
  /** Half width of the outline at its widest (mm). */
  halfW: number;
  yMid: number;
  semiY: number;
}

/**
 * The body outline of one cross-section (y' = y - curveY(z), 1 mm cells): per column the front and back y',
 * per row the half width. A cell (x, y) is inside when |x| <= xHalf[row], y >= yFront[col] and y <= yBack[col].
 */
export interface SectionOutline extends OutlineShape {
  yFront: Float32Array;
  yBack: Float32Array;
  /** Per column: the front fat ({@link frontFatMm}). */
  fat: Float32Array;
  /** Per row: half width of the outline, -1 where the row lies outside it. */
  xHalf: Float32Array;
}

/** The outline's scalars at body z. */
export function outlineShape(p: TrunkPlan, z: number): OutlineShape {
  const c = sectionContext(p, z);
  return { z, halfW: c.halfW, yMid: c.yMid, semiY: (c.back - c.front) / 2 };
}

/** Front and back y' of the outline at x (an oval, the spinal groove, a slow wobble) into yFront[i], yBack[i]. */
export function outlineColumn(
  o: OutlineShape,
  x: number,
  yFront: Float32Array,
  yBack: Float32Array,
  i: number,
): void {
  const k = BACK_EXPONENT;
  const dxN = Math.min(1, Math.abs(x) / o.halfW);
  const groove = 6 * Math.exp(-(x * x) / 110) - 1.5 * Math.exp(-((Math.abs(x) - 45) ** 2) / 1800);
  yFront[i] = o.yMid - o.semiY * Math.sqrt(1 - dxN * dxN) + 2 * noise2(0.05 * x, 0.1 * o.z, 1.9);
  yBack[i] =
    o.yMid + o.semiY * Math.pow(1 - dxN ** k, 1 / k) - groove + 1.5 * noise2(0.05 * x, 0.1 * o.z, 4.3);
}

/** Half width of the outline in row y', or -1 where the row lies outside it. */
export function outlineHalfWidth(o: OutlineShape, y: number): number {
  const k = BACK_EXPONENT;
  const dyN = (y - o.yMid) / o.semiY;
  if (dyN <= -1 || dyN >= 1) return -1;
  return o.halfW * (y < o.yMid ? Math.sqrt(1 - dyN * dyN) : Math.pow(1 - Math.abs(dyN) ** k, 1 / k));
}

/** The whole outline of the cross-section at body z (the one {@link fillSection} fills inside). */
export function sectionOutline(p: TrunkPlan, z: number, g: SectionGrid): SectionOutline {
  const shape = outlineShape(p, z);
  const yFront = new Float32Array(g.cols);
  const yBack = new Float32Array(g.cols);
  const fat = new Float32Array(g.cols);
  const xHalf = new Float32Array(g.rows);
  for (let col = 0; col < g.cols; col++) {
    outlineColumn(shape, g.x0 + col, yFront, yBack, col);
    fat[col] = frontFatMm(p, shape, yFront[col]);
  }
  for (let r = 0; r < g.rows; r++) xHalf[r] = outlineHalfWidth(shape, g.y0 + r);
  return { ...shape, yFront, yBack, fat, xHalf };
}

/** Where fillSection writes: section `band` of `bands` in `out`, columns col0..col1. */
export interface SectionTarget {
  out: Uint8Array;
  band: number;
  bands: number;
  col0: number;
  col1: number;
}

/**
 * The cell pass of one section: every cell inside the outline gets its label (cavity cells keep
 * {@link CAVITY_MARK}). Its own function, so the hot loop's optimised code is reused from section to section.
 */
function fillCells(c: Ctx, g: SectionGrid, target: SectionTarget, o: SectionOutline): void {
  const { out, band, bands } = target;
  const { yFront, yBack } = o;
  for (let r = 0; r < g.rows; r++) {
    const y = g.y0 + r;
    const xHalf = o.xHalf[r];
    if (xHalf < 0) continue;
    const c0 = Math.max(target.col0, Math.ceil(-xHalf - g.x0));
    const c1 = Math.min(target.col1, Math.floor(xHalf - g.x0));
    for (let col = c0; col <= c1; col++) {
      const x = g.x0 + col;
      const depth = Math.min(xHalf - Math.abs(x), y - yFront[col], yBack[col] - y);
      if (depth < 0) continue;
      CELL_DEPTH[0] = depth;
      out[(col * g.rows + r) * bands + band] = cellLabel(c, x, y);
    }
  }
}

/**
 * Fill columns col0..col1 of section `band` of `bands` (outline `o`, at body z o.z) into `out`, laid out
 * column-major with the sections innermost: index (col * rows + row) * bands + band. Every cell's label depends
 * only on its section, column and row, so a section filled in several column runs reads as one filled at once.
 * The peritoneal cavity is left as {@link CAVITY_MARK}: the bands paint their bowel into it at their own z.
 */
export function fillSection(p: TrunkPlan, o: SectionOutline, g: SectionGrid, target: SectionTarget): void {
  fillCells(sectionContext(p, o.z), g, target, o);
}
