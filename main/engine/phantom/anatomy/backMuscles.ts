/**
 * The back muscles of the trunk cross-sections (phantom v6): each side of the spinous process a paraspinal mass
 * (ax 1 mm to its lateral edge, from the laminae and transverse processes back to the thoracolumbar fascia under
 * the fat) whose front curves back laterally (the quadratus lumborum lies in front of its lateral part) and whose
 * lateral edge is rounded behind and tapers in front; split by a thin, curved partial-volume fat plane into
 * multifidus (medial, against the laminae and spinous process, larger caudally) and the erector spinae
 * (longissimus and iliocostalis, with a fainter plane between them above L5), with faint marbling, fat streaks
 * along the fibres (more at L4-S1 and with the study's fatty infiltration) and, in some studies, patchy fatty
 * atrophy of the multifidus. Plain TypeScript; never imports electron or render code.
 */
import { noise2 as bilinearNoise } from './noiseField';
import { streak as fibreField } from './psoas';
import { Tissue as TissueLabels } from './tissues';

/** Local aliases: module-namespace getters (as emitted by esbuild/tsx) are slow in per-cell loops. */
const Tissue = TissueLabels;
const noise2 = bilinearNoise;
const streak = fibreField;

/** What the back muscles need of a cross-section. */
export interface BackSection {
  /** Fractional level index (T10 = 0 ... L1 = 3 ... S1 = 8) and body z. */
  li: number;
  z: number;
  /** Muscle bulk of the study at this level. */
  bulk: number;
  /** y' of the back outline (midline) and the back's subcutaneous fat (mm). */
  back: number;
  backFatMm: number;
  /** y' of the posterior wall of the vertebral body + 2 mm (the plan's muscleBack). */
  muscleBack: number;
  /** Fatty infiltration 0..1 and the study's phase. */
  muscleFat: number;
  /** 0..1: fatty atrophy of the multifidus (patchy fat replacing muscle; more in degenerated spines, v6). */
  atrophy: number;
  phase: number;
}

function smooth01(t: number): number {
  const c = t < 0 ? 0 : t > 1 ? 1 : t;
  return c * c * (3 - 2 * c);
}

/** Front of the paraspinal block at the midline (mm behind muscleBack: about the transverse processes' roots). */
const BLOCK_FRONT = 3;

/** Lateral extent (mm from the midline) of the paraspinal block at a section. */
export function backBlockWidth(c: BackSection): number {
  const sacral = smooth01((c.li - 6.8) / 1.2);
  return (58 + 10 * (1 - smooth01((c.li - 4) / 3))) * c.bulk * (1 - 0.4 * sacral);
}

/**
 * Front of the block (mm behind muscleBack) at ax: flat over the laminae and transverse processes, curving
 * back over the lateral half (where the quadratus lumborum lies in front of it), with a slow wobble.
 */
export function backFrontYb(c: BackSection, ax: number, w: number): number {
  const m = ax / (0.45 * w);
  const bulge = m < 1 ? Math.sin(Math.PI * m) : 0;
  const yb =
    BLOCK_FRONT -
    1.2 * bulge +
    4.5 * smooth01((ax - 0.45 * w) / (0.55 * w)) +
    1.2 * noise2(0.04 * ax, 0.015 * c.z, c.phase + 0.9);
  // Never in front of 1.5 mm behind muscleBack: the psoas' back and its fat plane lie there.
  return yb < 1.5 ? 1.5 : yb;
}

/**
 * Back muscle label at (x, y') or -1 outside the paraspinal blocks. ax = |x|, yb = y' - muscleBack. Across
 * the block v runs 0 (front, {@link backFrontYb}) to 1 (yP, a few mm past the fat's inner edge, so the fat cuts
 * its back parallel to the skin); over the lateral 55 % the block closes as a superellipse (rounded behind,
 * tapering in front).
 */
export function backMuscleLabel(c: BackSection, x: number, y: number): number {
  const ax = x < 0 ? -x : x;
  const yb = y - c.muscleBack;
  if (yb < BLOCK_FRONT - 5) return -1;
  if (ax < 1.1) return Tissue.Septum;
  const w = backBlockWidth(c);
  if (ax > w + 2) return -1;
  const sacral = smooth01((c.li - 6.8) / 1.2);
  const yF = backFrontYb(c, ax, w);
  const yP = c.back - c.muscleBack - c.backFatMm + 3;
  if (yb < yF || yb > yP) return -1;
  const ph = c.phase;
  const v = (yb - yF) / (yP - yF);
  const uu = (ax - 1) / (w - 1);
  const ul = uu > 0.45 ? (uu - 0.45) / 0.55 : 0;
  // Rounded behind (v -> 1), a squarer front corner (v -> 0).
  const vv = Math.abs(v - 0.55) / (v > 0.55 ? 0.45 : 0.55);
  const vv2 = vv * vv;
  const e =
    ul * ul * ul +
    (v > 0.55 ? vv2 * vv2 : vv2 * vv2 * vv2) +
    0.05 * noise2(0.08 * ax, 0.08 * yb, ph + 0.4 + c.z * 0.003);
  if (e > 1) return -1;
  // Multifidus / erector spinae: a curved plane from the facet (about 0.55 of the multifidus' width) running
  // posterolaterally to the fascia, bowed laterally; multifidus larger caudally, nearly all of it at S1.
  const mw = w * (0.26 + 0.28 * smooth01((c.li - 4) / 3) + 0.3 * sacral);
  const s = smooth01((yb - 8) / (yP - 8));
  const axb =
    mw * (0.55 + 0.45 * s) + 5 * Math.sin(Math.PI * s) + 1.5 * noise2(0.06 * yb, 0.05 * c.z, ph + 1.3);
  const db = ax - axb;
  // The plane: continuous, sub-voxel (a partial-volume line), its fat core seen only in stretches.
  if (db > -1 && db < 1) {
    const core = noise2(0.15 * yb, 0.1 * ax + 0.02 * c.z, ph + 2.1);
    if (db > -0.45 && db < 0.45 && core > -0.6) return Tissue.Fat;
    if (db > -0.75 && db < 0.75) return Tissue.FatPlane;
  }
  const medial = db < 0;
  // Longissimus / iliocostalis (above L5): a fainter partial-volume plane.
  if (!medial && c.li < 6.6) {
    const axl =
      axb + 0.55 * (w - axb) - 4 * Math.sin(Math.PI * s) + 2 * noise2(0.06 * yb, 0.05 * c.z, ph + 1.9);
    const dl = ax - axl;
    if (dl > -0.6 && dl < 0.6)
      return noise2(0.12 * yb, 0.1 * ax, ph + 2.7) > -0.4 ? Tissue.FatPlane : Tissue.MuscleMarbled;
  }
  // Fat streaks along the fascicles, more in multifidus, at L4-S1 and with the study's fatty infiltration.
  const low = smooth01((c.li - 5) / 2.5);
  const f = c.muscleFat * (medial ? 1.3 : 0.8) * (0.55 + 0.45 * low);
  // Fatty atrophy: fat replacing the multifidus (and a little of the erector) along its fascicles and in a
  // few patches, low levels first; muscle strands stay between.
  const a = c.atrophy > 0 ? Math.min(0.6, c.atrophy * (0.35 + 0.65 * low) * (medial ? 1 : 0.4)) : 0;
  if (a > 0 && streak(ax, yb, 0.45, 0.89, ph + 4.4 + c.z * 0.004) > 2.6 - 1.6 * a) return Tissue.Fat;
  // Streaks run along the fascicles: obliquely (posteromedial) in multifidus, nearly sagittal laterally.
  const side = x < 0 ? 1.9 : 0;
  const n = medial
    ? streak(ax, yb, 0.45, 0.89, ph + 2 + side + c.z * 0.004)
    : streak(ax, yb, 0.2, 0.98, ph + 2.5 + side + c.z * 0.004);
  const thr = 2.3 - 0.9 * f - 0.8 * a;
  if (n > thr) return Tissue.Fat;
  // Haloes of the streaks and slow patches of fine marbling: muscle signal that is not uniform.
  if (n > thr - 0.45) return Tissue.MuscleMarbled;
  return noise2(0.09 * ax, 0.09 * yb, ph + 3 + c.z * 0.002) > 1.55 - 0.8 * f
    ? Tissue.MuscleMarbled
    : Tissue.Muscle;
}
