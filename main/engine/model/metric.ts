/**
 * The official RSNA 2024 lumbar competition metric (shared/reference/rsna-lumbar.md "The scoring rule"),
 * the constant-prior baseline and the score-time re-weighting. Pure maths; never imports electron or node.
 */
import { AppError } from '../../shared/errors';
import type { Probabilities } from '../../shared/findings';
import {
  CONDITION_INFO,
  CONDITIONS,
  LEVELS,
  SEVERITY_WEIGHTS,
  type Condition,
  type ConditionGroup,
  type Level,
  type SeverityIndex,
} from '../../shared/targets';

/**
 * Clip bound of the metric: float64 machine epsilon, as the official scorer's sklearn `log_loss`
 * (`np.finfo(float64).eps`, sklearn >= 1.2). Each submitted value is clipped to [EPS, 1 - EPS] BEFORE its
 * row is divided by the row sum.
 */
export const EPS = Number.EPSILON;

/** True labels of one study; a missing target (empty train.csv cell) is absent. */
export type StudyLabels = Partial<Record<Condition, Partial<Record<Level, SeverityIndex>>>>;
/** Submitted probabilities [normal_mild, moderate, severe] of every target of one study. */
export type StudyProbs = Record<Condition, Record<Level, Probabilities>>;

export interface ScoredStudy {
  studyId: string;
  labels: StudyLabels;
  probs: StudyProbs;
}

export interface MetricTerms {
  spinal: number;
  foraminal: number;
  subarticular: number;
  any_severe_spinal: number;
}

export interface MetricResult {
  /** Plain mean of the 4 terms. */
  score: number;
  terms: MetricTerms;
  /** Labelled rows per group (and studies for any_severe_spinal). */
  rows: Record<keyof MetricTerms, number>;
}

const clip = (v: number): number => Math.min(1 - EPS, Math.max(EPS, v));

/**
 * Refuse what the official scorer refuses: a non-finite or negative submitted value (AppError
 * INVALID_ARGUMENT naming the row).
 */
export function checkSubmittedRow(p: readonly number[], rowId: string): void {
  for (const v of p) {
    if (!Number.isFinite(v))
      throw new AppError('INVALID_ARGUMENT', `submission row ${rowId}: value ${v} is not a finite number`);
    if (v < 0)
      throw new AppError(
        'INVALID_ARGUMENT',
        `submission row ${rowId}: value ${v} is negative; predictions must be >= 0`,
      );
  }
}

/** The official row rule: each value clipped to [EPS, 1 - EPS], then the row divided by its sum. */
export function clipAndNormalize(p: readonly number[]): number[] {
  const c = p.map(clip);
  const s = c.reduce((a, b) => a + b, 0);
  return c.map((v) => v / s);
}

/** Weighted mean log loss accumulator. */
class WeightedLoss {
  private num = 0;
  private den = 0;
  n = 0;
  add(weight: number, loss: number): void {
    this.num += weight * loss;
    this.den += weight;
    this.n += 1;
  }
  value(term: string): number {
    if (this.n === 0)
      throw new AppError(
        'DATASET_INVALID',
        `metric: the ${term} term has no labelled rows, so it cannot be scored (the official scorer raises); ` +
          'score studies that label it',
      );
    return this.num / this.den;
  }
}

/** -ln p[y] of one labelled row, after clipping and normalising. */
export function rowLoss(p: readonly number[], y: SeverityIndex): number {
  return -Math.log(clipAndNormalize(p)[y]);
}

/**
 * any_severe_spinal of one study: label (any labelled spinal level Severe), weight (1/2/4 of the worst
 * labelled level) and p = the largest submitted spinal severe value over the labelled levels, as given
 * (not renormalised, not yet clipped); undefined without spinal labels.
 */
export function anySevereSpinal(s: ScoredStudy): { y: 0 | 1; weight: number; p: number } | undefined {
  const spinal = s.labels.spinal_canal_stenosis ?? {};
  const levels = LEVELS.filter((l) => spinal[l] !== undefined);
  if (levels.length === 0) return undefined;
  const worst = Math.max(...levels.map((l) => spinal[l] as number));
  const p = Math.max(...levels.map((l) => s.probs.spinal_canal_stenosis[l][2]));
  return { y: worst === 2 ? 1 : 0, weight: SEVERITY_WEIGHTS[worst], p };
}

/** Binary weighted log loss of the any_severe_spinal term; AppError when the labels are all one class. */
function anySevereTerm(items: ReadonlyArray<{ y: 0 | 1; weight: number; p: number }>): WeightedLoss {
  const any = new WeightedLoss();
  const positives = items.filter((a) => a.y === 1).length;
  if (items.length > 0 && (positives === 0 || positives === items.length))
    throw new AppError(
      'DATASET_INVALID',
      `metric: any_severe_spinal labels are all ${positives === 0 ? 'not severe' : 'severe'} over ` +
        `${items.length} studies; the official scorer (sklearn log_loss) raises on a single class. ` +
        'Score a set with and without severe spinal stenosis (more studies)',
    );
  for (const a of items) {
    const p = clip(a.p);
    any.add(a.weight, -(a.y === 1 ? Math.log(p) : Math.log(1 - p)));
  }
  return any;
}

/**
 * Score studies with the official competition metric: sample weight 1/2/4 by TRUE class, groups spinal /
 * foraminal (left+right pooled) / subarticular (left+right pooled), missing labels dropped, each row clipped
 * then normalised, plus any_severe_spinal over studies. Throws AppError where the official scorer raises:
 * a negative or non-finite submitted value, any_severe_spinal labels of one class only, a term without rows.
 */
export function scoreStudies(studies: readonly ScoredStudy[]): MetricResult {
  const groups: Record<ConditionGroup, WeightedLoss> = {
    spinal: new WeightedLoss(),
    foraminal: new WeightedLoss(),
    subarticular: new WeightedLoss(),
  };
  const anyItems: Array<{ y: 0 | 1; weight: number; p: number }> = [];
  for (const s of studies) {
    for (const c of CONDITIONS) {
      for (const l of LEVELS) {
        checkSubmittedRow(s.probs[c][l], `${s.studyId}_${c}_${l}`);
        const y = s.labels[c]?.[l];
        if (y === undefined) continue;
        groups[CONDITION_INFO[c].group].add(SEVERITY_WEIGHTS[y], rowLoss(s.probs[c][l], y));
      }
    }
    const a = anySevereSpinal(s);
    if (a) anyItems.push(a);
  }
  const any = anySevereTerm(anyItems);
  const terms: MetricTerms = {
    spinal: groups.spinal.value('spinal'),
    foraminal: groups.foraminal.value('foraminal'),
    subarticular: groups.subarticular.value('subarticular'),
    any_severe_spinal: any.value('any_severe_spinal'),
  };
  const score = (terms.spinal + terms.foraminal + terms.subarticular + terms.any_severe_spinal) / 4;
  return {
    score,
    terms,
    rows: {
      spinal: groups.spinal.n,
      foraminal: groups.foraminal.n,
      subarticular: groups.subarticular.n,
      any_severe_spinal: any.n,
    },
  };
}

/** Score-time re-weighting of calibrated probabilities: p ∝ [1, 2, 4] ⊙ q, renormalised. */
export function reweightForScoring(q: Probabilities): Probabilities {
  const w = [q[0] * SEVERITY_WEIGHTS[0], q[1] * SEVERITY_WEIGHTS[1], q[2] * SEVERITY_WEIGHTS[2]];
  const s = w[0] + w[1] + w[2];
  if (!(s > 0)) throw new Error('reweightForScoring: all-zero probabilities');
  return [w[0] / s, w[1] / s, w[2] / s];
}

/** Apply {@link reweightForScoring} to every target of a study. */
export function reweightStudy(p: StudyProbs): StudyProbs {
  return mapTargets((c, l) => reweightForScoring(p[c][l]));
}

function mapTargets(f: (c: Condition, l: Level) => Probabilities): StudyProbs {
  const out = {} as Record<Condition, Record<Level, Probabilities>>;
  for (const c of CONDITIONS) {
    out[c] = {} as Record<Level, Probabilities>;
    for (const l of LEVELS) out[c][l] = f(c, l);
  }
  return out;
}

/**
 * The best constant prediction per condition x level on these studies under the weighted log loss:
 * p ∝ w ⊙ class counts (w = [1, 2, 4]); uniform for a target with no labels.
 */
export function constantPrior(labels: readonly StudyLabels[]): StudyProbs {
  return mapTargets((c, l) => {
    const counts = [0, 0, 0];
    for (const s of labels) {
      const y = s[c]?.[l];
      if (y !== undefined) counts[y] += 1;
    }
    const w = counts.map((n, k) => n * SEVERITY_WEIGHTS[k]);
    const sum = w[0] + w[1] + w[2];
    return sum > 0 ? [w[0] / sum, w[1] / sum, w[2] / sum] : [1 / 3, 1 / 3, 1 / 3];
  });
}

/** Metric of the constant-prior baseline fitted and scored on the same studies. */
export function constantPriorBaseline(
  labels: ReadonlyArray<{ studyId: string; labels: StudyLabels }>,
): MetricResult {
  const prior = constantPrior(labels.map((s) => s.labels));
  return scoreStudies(labels.map((s) => ({ studyId: s.studyId, labels: s.labels, probs: prior })));
}

/** Uniform 1/3 predictions for every target (reference score 0.999 on RSNA). */
export function uniformProbs(): StudyProbs {
  return mapTargets(() => [1 / 3, 1 / 3, 1 / 3]);
}
