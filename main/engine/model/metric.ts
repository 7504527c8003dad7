/**
 * The exact RSNA 2024 lumbar competition metric (shared/reference/rsna-lumbar.md "The scoring rule"),
 * the constant-prior baseline and the score-time re-weighting. Pure maths; never imports electron or node.
 */
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

/** Clip bounds of the metric, applied after each row is normalised to sum 1. */
export const EPS = 1e-7;

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
  /** Plain mean of the 4 terms; NaN when a term has no labelled rows. */
  score: number;
  terms: MetricTerms;
  /** Labelled rows per group (and studies for any_severe_spinal). */
  rows: Record<keyof MetricTerms, number>;
}

/** A row normalised to sum 1, then clipped to [EPS, 1 - EPS] (not renormalised after clipping). */
export function normalizeAndClip(p: readonly number[]): number[] {
  const s = p.reduce((a, b) => a + b, 0);
  if (!(s > 0) || !Number.isFinite(s))
    throw new Error(`metric: probability row ${JSON.stringify(p)} cannot be normalised`);
  return p.map((v) => Math.min(1 - EPS, Math.max(EPS, v / s)));
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
  value(): number {
    return this.den > 0 ? this.num / this.den : Number.NaN;
  }
}

/** -ln p[y] of one labelled row, after normalising and clipping. */
export function rowLoss(p: readonly number[], y: SeverityIndex): number {
  return -Math.log(normalizeAndClip(p)[y]);
}

/** any_severe_spinal of one study: label, weight and predicted probability; undefined without spinal labels. */
export function anySevereSpinal(s: ScoredStudy): { y: 0 | 1; weight: number; p: number } | undefined {
  const spinal = s.labels.spinal_canal_stenosis ?? {};
  const levels = LEVELS.filter((l) => spinal[l] !== undefined);
  if (levels.length === 0) return undefined;
  const worst = Math.max(...levels.map((l) => spinal[l] as number));
  const p = Math.max(...levels.map((l) => normalizeAndClip(s.probs.spinal_canal_stenosis[l])[2]));
  return { y: worst === 2 ? 1 : 0, weight: SEVERITY_WEIGHTS[worst], p };
}

/**
 * Score studies with the competition metric: sample weight 1/2/4 by TRUE class, groups spinal /
 * foraminal (left+right pooled) / subarticular (left+right pooled), missing labels dropped, plus
 * any_severe_spinal over studies (max spinal severe probability over the study's labelled levels).
 */
export function scoreStudies(studies: readonly ScoredStudy[]): MetricResult {
  const groups: Record<ConditionGroup, WeightedLoss> = {
    spinal: new WeightedLoss(),
    foraminal: new WeightedLoss(),
    subarticular: new WeightedLoss(),
  };
  const any = new WeightedLoss();
  for (const s of studies) {
    for (const c of CONDITIONS) {
      for (const l of LEVELS) {
        const y = s.labels[c]?.[l];
        if (y === undefined) continue;
        groups[CONDITION_INFO[c].group].add(SEVERITY_WEIGHTS[y], rowLoss(s.probs[c][l], y));
      }
    }
    const a = anySevereSpinal(s);
    if (a) {
      const p = Math.min(1 - EPS, Math.max(EPS, a.p));
      any.add(a.weight, -(a.y === 1 ? Math.log(p) : Math.log(1 - p)));
    }
  }
  const terms: MetricTerms = {
    spinal: groups.spinal.value(),
    foraminal: groups.foraminal.value(),
    subarticular: groups.subarticular.value(),
    any_severe_spinal: any.value(),
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
