/**
 * Confounding anatomy drawn per study: transitional lumbosacral anatomy (about 1 in 7: sacralised L5 or
 * lumbarised S1) and degenerative spondylolisthesis (mostly L4/L5, likelier where the canal is narrowed),
 * and the rigid anterior slip of the column above a slipped disc. Level labels stay RSNA's: the five graded
 * discs are counted down from the first vertebra below the last rib-bearing one (T12), so a transitional
 * segment changes how the lumbosacral junction looks, not which disc carries which label.
 * Plain TypeScript; never imports electron or render code.
 */
import type { Level } from '../../../shared/targets';
import type { AnatomyVariant, StudyGrades, Transitional } from '../anatomyTypes';
import type { Rng } from '../../rng';
import type { SpineLayout } from './spineLayout';

/** Share of studies with transitional lumbosacral anatomy (half sacralised L5, half lumbarised S1). */
export const TRANSITIONAL_RATE = 1 / 7;

export function drawVariant(rng: Rng, grades: StudyGrades): AnatomyVariant {
  const t = rng.next();
  const transitional: Transitional =
    t < TRANSITIONAL_RATE / 2 ? 'sacralised-l5' : t < TRANSITIONAL_RATE ? 'lumbarised-s1' : null;
  const r = rng.next();
  const level: Level = r < 0.72 ? 'l4_l5' : r < 0.9 ? 'l3_l4' : 'l5_s1';
  const narrowed = grades.spinal_canal_stenosis[level] > 0;
  const slip = rng.bool(narrowed ? 0.2 : 0.04);
  return {
    transitional,
    spondylolisthesis: slip ? { level, slipMm: rng.uniform(3, narrowed ? 9 : 5) } : null,
  };
}

/**
 * Translate every vertebra and disc above the slipped disc anteriorly (along its -w axis) by slipMm, and the
 * slipped disc itself by half (it is sheared between the two). Frames and planes are moved in place.
 */
export function applySlip(layout: SpineLayout, level: Level, slipMm: number): void {
  const di = layout.discs.findIndex((d) => d.level === level);
  if (di < 0) return;
  const f = layout.discs[di].frame;
  const dy = -slipMm * f.wy;
  const dz = -slipMm * f.wz;
  const upperIndex = layout.vertebrae.indexOf(layout.discs[di].upper);
  for (let i = 0; i <= upperIndex; i++) {
    const v = layout.vertebrae[i];
    for (const o of [v.frame, v.upper, v.lower]) {
      if ('oy' in o) {
        o.oy += dy;
        o.oz += dz;
      } else {
        o.py += dy;
        o.pz += dz;
      }
    }
  }
  for (let i = 0; i <= di; i++) {
    const k = i === di ? 0.5 : 1;
    layout.discs[i].frame.oy += dy * k;
    layout.discs[i].frame.oz += dz * k;
  }
}
