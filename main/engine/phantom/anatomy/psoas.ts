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
  /** y' behind which the psoas does not reach (the transverse processes, in front of the back muscles). */
  psoasBackY: number;
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

/** Fat plane (mm) between the psoas and the vertebral body or disc it lies against (v4: 4, about an ellipse). */
const PSOAS_FAT_MM = 3;

/**
 * Direction of the psoas' lateral corner (x lateral, y posterior): ~6 degrees behind lateral, so the other two
 * corners point anteromedially and posteromedially and the flat sides face the body (medially), the front
 * (anterolaterally) and the quadratus (posterolaterally).
 */
const CORNER_COS = 0.995;
const CORNER_SIN = 0.1;

/** |x| (mm) of the psoas' lateral corner at level index li beside a body of half width vHalf (0 above L1). */
export function psoasLateralMm(li: number, vHalf: number): number {
  const g = smooth01((li - 2.6) / 4.4);
  if (g <= 0.01) return vHalf;
  const r0 = 6 + 17.5 * g;
  return vHalf + 1.63 * r0 + 14 * smooth01(li - 7.2);
}

/**
 * Psoas beside the body, or -1 outside it (phantom v5): a rounded triangle with smooth edges (corners
 * anteromedial, posteromedial at the transverse process' root and lateral), its medial side carved by a thin
 * fat plane to follow the vertebral body and disc; small at L1, growing to its largest at L4/L5, moving
 * anterolaterally in the pelvis; a few fat streaks run in it.
 */
export function psoasLabel(c: PsoasSection, x: number, y: number): number {
  const g = smooth01((c.li - 2.6) / 4.4);
  if (g <= 0.01) return -1;
  const pelvis = smooth01(c.li - 7.2);
  const r0 = 6 + 17.5 * g;
  const cx = c.vHalf + 0.5 * r0 + 14 * pelvis;
  const cy = -4 + 5 * g - 16 * pelvis;
  const dx = (x < 0 ? -x : x) - cx;
  const dy = y - cy;
  const d2 = dx * dx + dy * dy;
  const reach = r0 * 1.45;
  if (d2 >= reach * reach) return -1;
  const d = Math.sqrt(d2);
  // cos(3 (theta - corner)) from cos(theta - corner) (Chebyshev): three rounded corners 120 degrees apart.
  const k = d > 1e-6 ? (dx * CORNER_COS + dy * CORNER_SIN) / d : 1;
  const rim = r0 * (1 + 0.13 * (4 * k * k * k - 3 * k) + 0.05 * noise2(0.1 * x, 0.1 * y, 7.7));
  if (d >= rim + 1.5) return -1;
  // The back: rounded (bulging back in the middle, receding at the corners), not a straight cut (v6).
  const cut = Math.min(
    c.psoasBackY,
    c.psoasBackY - 3 + 3.2 * Math.max(0, 1 - (dx * dx) / (r0 * r0)) + 0.8 * noise2(0.07 * x, 0.03 * c.z, 6.1),
  );
  if (y > cut) return y > cut + 1.5 ? -1 : Tissue.Fat;
  // Fat plane against the body and disc (a superellipse of the body's half width and depth, flat-sided like
  // the body, grown by the plane).
  const bx = Math.abs(x) / (c.vHalf + PSOAS_FAT_MM);
  const by = Math.abs(y) / (c.vDepth + PSOAS_FAT_MM);
  if (d >= rim || bx * bx * bx + by * by * by < 1) return Tissue.Fat;
  const n = streak(x, y, 0.42, 0.9, 3.1 + c.z * 0.004);
  return n > 2.3 ? Tissue.Fat : n > 1.9 ? Tissue.MuscleMarbled : Tissue.Muscle;
}
