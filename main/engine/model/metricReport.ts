/**
 * Diagnostics beside the competition metric: per-condition weighted log loss, confusion matrices and
 * reliability (calibration) bins, on rows clipped then normalised as the metric does. Pure maths; never
 * imports electron or node.
 */
import { CONDITIONS, LEVELS, SEVERITY_WEIGHTS, type Condition } from '../../shared/targets';
import { clipAndNormalize, type ScoredStudy } from './metric';

export interface ConditionStats {
  condition: Condition;
  /** Labelled rows and their counts by true class [normal_mild, moderate, severe]. */
  rows: number;
  trueCounts: [number, number, number];
  /** Weighted (1/2/4 by true class) mean log loss of this condition alone. */
  weightedLogLoss: number;
  /** Unweighted mean log loss. */
  logLoss: number;
  /** Fraction of rows whose argmax equals the true class. */
  accuracy: number;
  /** confusion[true][predicted argmax]. */
  confusion: [[number, number, number], [number, number, number], [number, number, number]];
}

function argmax(p: readonly number[]): 0 | 1 | 2 {
  return p[2] > p[1] && p[2] > p[0] ? 2 : p[1] > p[0] ? 1 : 0;
}

/** Per-condition numbers and confusion matrix (argmax of the given probabilities), labelled rows only. */
export function conditionStats(studies: readonly ScoredStudy[]): ConditionStats[] {
  return CONDITIONS.map((condition) => {
    const confusion: ConditionStats['confusion'] = [
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ];
    const trueCounts: [number, number, number] = [0, 0, 0];
    let wl = 0;
    let w = 0;
    let l = 0;
    let rows = 0;
    let correct = 0;
    for (const s of studies) {
      for (const level of LEVELS) {
        const y = s.labels[condition]?.[level];
        if (y === undefined) continue;
        const p = clipAndNormalize(s.probs[condition][level]);
        const loss = -Math.log(p[y]);
        wl += SEVERITY_WEIGHTS[y] * loss;
        w += SEVERITY_WEIGHTS[y];
        l += loss;
        rows += 1;
        trueCounts[y] += 1;
        const k = argmax(p);
        confusion[y][k] += 1;
        if (k === y) correct += 1;
      }
    }
    return {
      condition,
      rows,
      trueCounts,
      weightedLogLoss: w > 0 ? wl / w : Number.NaN,
      logLoss: rows > 0 ? l / rows : Number.NaN,
      accuracy: rows > 0 ? correct / rows : Number.NaN,
      confusion,
    };
  });
}

export interface ReliabilityBin {
  lo: number;
  hi: number;
  count: number;
  /** Mean predicted probability of the (row, class) pairs in the bin; NaN when empty. */
  meanPredicted: number;
  /** Fraction of those pairs whose class is the true class; NaN when empty. */
  observedRate: number;
}

/**
 * Reliability bins over every labelled (row, class) pair, one-vs-rest: for each class k of each labelled
 * row, the predicted p[k] falls in a bin and counts as a hit when y = k. A calibrated model lies on the
 * diagonal. `classes` restricts the pairs (e.g. [2] for severe only).
 */
export function reliabilityBins(
  studies: readonly ScoredStudy[],
  nBins = 10,
  classes: ReadonlyArray<0 | 1 | 2> = [0, 1, 2],
): ReliabilityBin[] {
  const sumP = new Array<number>(nBins).fill(0);
  const hits = new Array<number>(nBins).fill(0);
  const count = new Array<number>(nBins).fill(0);
  for (const s of studies) {
    for (const c of CONDITIONS) {
      for (const level of LEVELS) {
        const y = s.labels[c]?.[level];
        if (y === undefined) continue;
        const p = clipAndNormalize(s.probs[c][level]);
        for (const k of classes) {
          const q = p[k];
          const b = Math.min(nBins - 1, Math.floor(q * nBins));
          sumP[b] += q;
          count[b] += 1;
          if (y === k) hits[b] += 1;
        }
      }
    }
  }
  return count.map((n, b) => ({
    lo: b / nBins,
    hi: (b + 1) / nBins,
    count: n,
    meanPredicted: n > 0 ? sumP[b] / n : Number.NaN,
    observedRate: n > 0 ? hits[b] / n : Number.NaN,
  }));
}

/** Expected calibration error of bins: count-weighted mean |observed - predicted|. */
export function expectedCalibrationError(bins: readonly ReliabilityBin[]): number {
  const total = bins.reduce((a, b) => a + b.count, 0);
  if (total === 0) return Number.NaN;
  return bins.reduce(
    (a, b) => (b.count > 0 ? a + (b.count / total) * Math.abs(b.observedRate - b.meanPredicted) : a),
    0,
  );
}
