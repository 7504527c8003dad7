/**
 * The psoas of the trunk cross-sections (a teardrop beside the vertebral body, kept off it by a fat plane)
 * and the anisotropic fibre field that draws fat streaks along the fascicles of the psoas and back muscles.
 * Plain TypeScript; never imports electron or render code.
 */
import { smooth01 as smoothRamp } from './geometry';
import { noise2 as bilinearNoise } from './noiseField';
import { Tissue as TissueLabels } from './tissues';

/** Local aliases: module-namespace getters (as emitted by esbuild/tsx) are slow in per-cell loops. */
const Tissue = TissueLabels;
const noise2 = bilinearNoise;
const smooth01 = smoothRamp;

/** What the psoas label needs of a cross-section: level index, body z, vertebral body half width and depth. */
export interface PsoasSection {
  li: number;
  z: number;
  /** Half width and anterior half depth of the vertebral body at this z. */
  vHalf: number;
  vDepth: number;
}

/**
 * Anisotropic smooth field for intramuscular fat: stretched along the fibre direction (cos, sin) in the
 * section (the field's ~3.5-cell smoothing scaled by 1.5 across and 0.3 along: features ~2-3 mm across and
 * ~1-2 cm along), so its peaks are streaks rather than dots; a slow warp bends them.
 */
export function streak(x: number, y: number, cos: number, sin: number, ph: number): number {
  const along = x * cos + y * sin;
  const across = y * cos - x * sin + 1.8 * noise2(0.05 * x, 0.05 * y, ph + 0.7);
  return noise2(0.3 * along, 1.5 * across, ph);
}

/** Fat plane (mm) between the psoas and the vertebral body or disc it lies against. */
const PSOAS_FAT_MM = 4;

/**
 * Psoas beside the body, or -1 outside it: a smooth teardrop (narrow end anteromedial), small at L1 and large
 * at L4/L5, moving anterolaterally in the pelvis; a thin fat plane separates it from the body and the disc,
 * and fat streaks run in it.
 */
export function psoasLabel(c: PsoasSection, x: number, y: number): number {
  const g = smooth01((c.li - 2.6) / 4.4);
  if (g <= 0.01) return -1;
  const pelvis = smooth01(c.li - 7.2);
  const a = 5 + 15 * g;
  const b = 4 + 12 * g;
  const cx = c.vHalf + 0.55 * a - 1 + 14 * pelvis;
  const cy = -7 + 6 * g - 16 * pelvis;
  // Long axis turned ~25 degrees (anteromedial to posterolateral), against the body's side.
  const ox = Math.abs(x) - cx;
  const oy = y - cy;
  const du = 0.9 * ox + 0.42 * oy;
  const dv = -0.42 * ox + 0.9 * oy;
  const un = du / a;
  // Teardrop: narrower toward the anteromedial end (un < 0), fuller posterolaterally.
  const taper = 1 + 0.28 * un;
  const e = un * un + (dv / (b * (taper > 0.45 ? taper : 0.45))) ** 2 + 0.08 * noise2(0.1 * x, 0.1 * y, 7.7);
  if (e >= 1.14) return -1;
  // Fat plane against the body (an ellipse of the body's half width and depth, grown by the plane).
  const bx = Math.abs(x) / (c.vHalf + PSOAS_FAT_MM);
  const by = y / (c.vDepth + PSOAS_FAT_MM);
  if (e >= 1 || bx * bx + by * by < 1) return Tissue.Fat;
  const n = streak(x, y, 0.42, 0.9, 3.1 + c.z * 0.004);
  return n > 2.3 ? Tissue.Fat : n > 1.9 ? Tissue.MuscleMarbled : Tissue.Muscle;
}
