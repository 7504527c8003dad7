/**
 * Turns the 3-class ground-truth grades into continuous "amounts" of narrowing (0 healthy .. 1 worst),
 * drawn within overlapping ranges so noise blurs class boundaries the way readers disagree.
 * Plain TypeScript; never imports electron or render code.
 */
import type { Level, SeverityIndex } from '../../../shared/targets';
import type { StudyGrades } from '../anatomyTypes';
import type { Rng } from '../../rng';
import { clamp } from './geometry';

/** Amount range of each grade; neighbours overlap by a few hundredths. */
export const AMOUNT_RANGES: readonly (readonly [number, number])[] = [
  [0, 0.4],
  [0.36, 0.68],
  [0.64, 1],
];

/** Continuous narrowing amounts of one disc level (0 healthy .. 1 worst). */
export interface LevelSeverity {
  canal: number;
  foramen: { left: number; right: number };
  recess: { left: number; right: number };
  /** Disc degeneration (height loss, dehydration, bulge, facet arthropathy) driven by all of the above. */
  degeneration: number;
}

/** Draw an amount inside the grade's range, skewed toward the range's centre. */
export function severityAmount(rng: Rng, grade: SeverityIndex): number {
  const [lo, hi] = AMOUNT_RANGES[grade];
  const t = (rng.next() + rng.next()) / 2;
  return lo + (hi - lo) * t;
}

/** Age-related background degeneration per level: lower levels degenerate more. */
const LEVEL_WEAR: Record<Level, number> = { l1_l2: 0.08, l2_l3: 0.1, l3_l4: 0.14, l4_l5: 0.22, l5_s1: 0.22 };

/** Amounts of one level from the study's grades. */
export function levelSeverity(rng: Rng, grades: StudyGrades, level: Level): LevelSeverity {
  const canal = severityAmount(rng, grades.spinal_canal_stenosis[level]);
  const foramen = {
    left: severityAmount(rng, grades.left_neural_foraminal_narrowing[level]),
    right: severityAmount(rng, grades.right_neural_foraminal_narrowing[level]),
  };
  const recess = {
    left: severityAmount(rng, grades.left_subarticular_stenosis[level]),
    right: severityAmount(rng, grades.right_subarticular_stenosis[level]),
  };
  // One-sided foraminal narrowing comes mostly from that side's bulge and facet, so it drives the
  // whole disc's degeneration (height loss, which narrows both foramina) only half as much.
  const all = [canal, foramen.left * 0.5, foramen.right * 0.5, recess.left, recess.right];
  const worst = Math.max(...all);
  const mean = all.reduce((a, b) => a + b, 0) / all.length;
  const wear = rng.uniform(0, 1) * LEVEL_WEAR[level] * 1.6;
  const degeneration = clamp(0.6 * worst + 0.4 * mean - 0.1 + wear, 0, 1);
  return { canal, foramen, recess, degeneration };
}
