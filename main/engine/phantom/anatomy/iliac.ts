/**
 * The iliac wings of the trunk cross-sections (phantom v6): each wing a curved plate from the sacroiliac region
 * (posteromedial, beside the sacrum) to the anterolateral crest, thick posteriorly (the iliac tuberosity, about
 * 2 cm) and thinning to a 3-4 mm plate in the iliac fossa, with a ~1 mm dark cortex round fatty marrow (bright,
 * with a few redder patches), rounded ends, the crest a little thicker at the top of the wing; the iliacus on
 * its pelvic face (thickest over the fossa), gluteus medius on its outer face and gluteus maximus behind the
 * posterior part, a thin fat plane between the two glutei. Plain TypeScript; never imports electron or render code.
 */
import { smooth01 as smoothRamp } from './geometry';
import { noise2 as bilinearNoise } from './noiseField';
import { streak as fibreField } from './psoas';
import { Tissue as TissueLabels } from './tissues';

/** Local aliases: module-namespace getters (as emitted by esbuild/tsx) are slow in per-cell loops. */
const Tissue = TissueLabels;
const noise2 = bilinearNoise;
const smooth01 = smoothRamp;
const streak = fibreField;

/** What the iliac wing needs of a cross-section. */
export interface IliacSection {
  z: number;
  /** mm below the top of the iliac crest (<= 0: above it). */
  iliacDepth: number;
  /** |x| of the wing's posteromedial end (mm) and the outline's half width. */
  iliacHalf: number;
  halfW: number;
  phase: number;
  /** Per section (see {@link iliacSection}): the wing's length, the t its cut starts at, crest and top terms. */
  lenMm: number;
  tMin: number;
  crestMm: number;
  topScale: number;
}

/** The per-section terms of the wing at a section. */
export function iliacSection(z: number, depth: number, halfW: number, phase: number): IliacSection {
  const iliacHalf = 50;
  const lenMm = Math.hypot(halfW * 0.64 - iliacHalf, -22 - 32);
  const tMin = 0.55 - 0.55 * smooth01(depth / 30);
  return { z, iliacDepth: depth, iliacHalf, halfW, phase, lenMm, tMin, ...iliacDepthTerms(depth) };
}

/** Cortex thickness (mm) of the wing: thin, so the marrow shows inside it. */
export const ILIAC_CORTEX_MM = 1.3;

/** The crest's extra half thickness (mm) and the wing's taper at its top, per section (depth below the crest). */
export function iliacDepthTerms(depth: number): { crestMm: number; topScale: number } {
  return { crestMm: 1.6 * Math.exp(-(((depth - 7) / 6) ** 2)), topScale: smooth01(depth / 6) };
}

/**
 * Half thickness (mm) of the wing at t (0 posteromedial, 1 lateral tip): a thick tuberosity tapering to a thin
 * plate, plus the crest's extra over the top ~1.5 cm.
 */
export function iliacHalfMm(t: number, crestMm: number, topScale: number): number {
  const tt = t < 0 ? 0 : t > 1 ? 1 : t;
  const q = 1 - tt;
  return (1.5 + 9 * q * q * (0.85 + 0.15 * tt) + crestMm) * topScale;
}

/** Iliac bone, iliacus, glutei, or -1 (x lateral, y' posterior; the wing of the side x points to). */
export function iliacLabel(c: IliacSection, x: number, y: number): number {
  const depth = c.iliacDepth;
  if (depth <= 0) return -1;
  const ax = x < 0 ? -x : x;
  const mx = c.iliacHalf;
  const my = 32;
  const dx = c.halfW * 0.64 - mx;
  const dy = -22 - my;
  const len = c.lenMm;
  const t = ((ax - mx) * dx + (y - my) * dy) / (len * len);
  // Upper slices cut the wing's lateral part only (its posterior part rises less high).
  const tMin = c.tMin;
  if (t < tMin - 0.3 || t > 1.2) return -1;
  // Signed distance from the mid-surface (bowed laterally), d < 0 toward the pelvis, with a slow wobble.
  const d0 = ((ax - mx) * dy - (y - my) * dx) / len - 36 * t * (1 - t);
  // Far from the wing and its muscles (half <= 12.6, iliacus <= 21, glutei <= 46 mm): nothing to do.
  if (d0 < -36 || d0 > 62) return -1;
  const ph = c.phase;
  const d = d0 + 0.8 * noise2(0.05 * ax, 0.05 * y, ph + c.z * 0.01);
  const half = iliacHalfMm(t, c.crestMm, c.topScale);
  // Rounded ends: past tMin (medially) or the tip, the plate closes as a half disc of its thickness.
  let cap = 1;
  const over = t < tMin ? ((tMin - t) * len) / half : t > 1 ? ((t - 1) * len) / half : 0;
  if (over > 0) cap = over < 1 ? Math.sqrt(1 - over * over) : 0;
  const hc = half * cap;
  const ad = d < 0 ? -d : d;
  if (ad < hc) {
    if (ad > hc - ILIAC_CORTEX_MM || hc < ILIAC_CORTEX_MM * 1.6) return Tissue.Cortex;
    // Fatty marrow: intermediate-bright, with brighter yellow-marrow islands.
    return noise2(0.22 * ax, 0.22 * y, ph + 4.1 + c.z * 0.005) > 0.45 ? Tissue.Fat : Tissue.Marrow;
  }
  if (t < tMin - 0.05 || t > 1.02) return -1;
  const fossa = Math.sin(Math.PI * Math.min(1, Math.max(0, (t - tMin * 0.5) / (1 - tMin * 0.5))));
  const low = smooth01(depth / 25);
  if (d < 0) {
    // Iliacus on the pelvic face: thickest over the fossa, thin at the sacroiliac end and at the crest.
    const il = (4 + 11 * fossa) * low + 2 + 1.2 * noise2(0.08 * ax, 0.08 * y, ph + 5.3);
    if (d > -hc - il) return muscleCell(ax, y, 0.6, -0.8, ph + 6.1 + c.z * 0.004);
    // A fat plane on the iliacus' pelvic face keeps the psoas off it (v5).
    if (d > -hc - il - 2) return Tissue.Fat;
    return -1;
  }
  // Gluteus medius on the outer face, gluteus maximus behind the posterior half, a fat plane between them.
  const gm = hc + 9 + 9 * fossa * low + 1.5 * noise2(0.07 * ax, 0.07 * y, ph + 7.7);
  if (d < gm) return muscleCell(ax, y, 0.8, 0.6, ph + 8.3 + c.z * 0.004);
  const post = 1 - smooth01((t - 0.2) / 0.35);
  const gx = (6 + 16 * smooth01(depth / 50)) * post;
  if (gx < 2) return -1;
  if (d < gm + 0.9) return noise2(0.1 * ax, 0.1 * y, ph + 9.1) > -0.6 ? Tissue.FatPlane : Tissue.Muscle;
  if (d < gm + 0.9 + gx) return muscleCell(ax, y, 0.3, 0.95, ph + 9.9 + c.z * 0.004);
  return -1;
}

/** Muscle with faint striation along (cos, sin) and a few fat streaks. */
function muscleCell(ax: number, y: number, cos: number, sin: number, ph: number): number {
  const n = streak(ax, y, cos, sin, ph);
  return n > 2.2 ? Tissue.Fat : n > 1.7 ? Tissue.MuscleMarbled : Tissue.Muscle;
}
