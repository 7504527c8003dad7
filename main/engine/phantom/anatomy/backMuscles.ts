/**
 * The back muscles of the trunk cross-sections (phantom v5): each side of the spinous process a rounded-
 * rectangular paraspinal block (ax 1 mm to its lateral edge, from the transverse processes back to the
 * thoracolumbar fascia under the fat), split by a thin, curved fascial plane into multifidus (medial, larger
 * caudally) and the erector spinae (longissimus and iliocostalis, with a fainter plane between them above
 * L5), with faint marbling and a few fat streaks along the fibres (more at L4-S1 and with the study's fatty
 * infiltration). Plain TypeScript; never imports electron or render code.
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
  phase: number;
}

function smooth01(t: number): number {
  const c = t < 0 ? 0 : t > 1 ? 1 : t;
  return c * c * (3 - 2 * c);
}

/** Front of the paraspinal block (mm behind muscleBack: about the transverse processes). */
const BLOCK_FRONT = 3;

/**
 * Back muscle label at (x, y') or -1 outside the paraspinal blocks. ax = |x|, yb = y' - muscleBack.
 * The block: a superellipse (exponents 3.5 across, 3 front to back) over ax in [1, W] and yb in [3, yP], yP a few mm past the fat's
 * inner edge (so the fat cuts its back parallel to the skin, the fascia line lying there).
 */
export function backMuscleLabel(c: BackSection, x: number, y: number): number {
  const ax = x < 0 ? -x : x;
  const yb = y - c.muscleBack;
  if (yb < BLOCK_FRONT - 1) return -1;
  if (ax < 1.1) return Tissue.Septum;
  const sacral = smooth01((c.li - 6.8) / 1.2);
  const w = (58 + 10 * (1 - smooth01((c.li - 4) / 3))) * c.bulk * (1 - 0.4 * sacral);
  const yP = c.back - c.muscleBack - c.backFatMm + 3;
  const hw = (w - 1) / 2;
  const hh = (yP - BLOCK_FRONT) / 2;
  const ph = c.phase;
  // Laterally the block's front steps back (erector spinae on the transverse processes and the quadratus).
  const lat = (ax / w) * (ax / w);
  const u = Math.abs(ax - 1 - hw) / hw;
  const v = Math.abs(yb - BLOCK_FRONT - hh - 2 * lat) / (hh * (1 - 0.06 * lat));
  const u3 = u * u * u;
  const v3 = v * v * v;
  const e = u3 * Math.sqrt(u) + v3 + 0.05 * noise2(0.08 * ax, 0.08 * yb, ph + 0.4 + c.z * 0.003);
  if (e > 1) return -1;
  // Multifidus / erector spinae: a curved plane from the facet (about 0.55 of the multifidus' width) running
  // posterolaterally to the fascia, bowed laterally; multifidus larger caudally, nearly all of it at S1.
  const mw = w * (0.26 + 0.28 * smooth01((c.li - 4) / 3) + 0.3 * sacral);
  const s = smooth01((yb - 8) / (yP - 8));
  const axb =
    mw * (0.55 + 0.45 * s) + 2.5 * Math.sin(Math.PI * s) + 1.2 * noise2(0.12 * yb, 0.05 * c.z, ph + 1.3);
  const db = ax - axb;
  if (db > -0.55 && db < 0.55) return noise2(0.15 * yb, 0.1 * ax, ph + 2.1) > -1 ? Tissue.Fat : Tissue.Muscle;
  const medial = db < 0;
  // Longissimus / iliocostalis (above L5): a fainter plane, marbled muscle with gaps.
  if (!medial && c.li < 6.6) {
    const axl = axb + 0.55 * (w - axb) + 3 * (s - 0.5) + 1.5 * noise2(0.1 * yb, 0.05 * c.z, ph + 1.9);
    const dl = ax - axl;
    if (dl > -0.5 && dl < 0.5 && noise2(0.12 * yb, 0.1 * ax, ph + 2.7) > -0.3) return Tissue.MuscleMarbled;
  }
  // Fat streaks along the fascicles, more in multifidus, at L4-S1 and with the study's fatty infiltration.
  const low = smooth01((c.li - 5) / 2.5);
  const f = c.muscleFat * (medial ? 1.3 : 0.8) * (0.55 + 0.45 * low);
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
