import { describe, expect, it } from 'vitest';
import {
  constantPrior,
  constantPriorBaseline,
  reweightForScoring,
  scoreStudies,
  uniformProbs,
  type ScoredStudy,
  type StudyLabels,
  type StudyProbs,
} from '../../../../main/engine/model/metric';
import {
  conditionStats,
  expectedCalibrationError,
  reliabilityBins,
} from '../../../../main/engine/model/metricReport';
import type { Probabilities } from '../../../../main/shared/findings';
import { CONDITIONS, LEVELS, type Condition, type Level } from '../../../../main/shared/targets';

type Cell = [Condition, Level, 0 | 1 | 2 | undefined, Probabilities];

/** A study whose unlisted targets are unlabelled and predicted uniform. */
function study(id: string, cells: Cell[]): ScoredStudy {
  const probs = uniformProbs() as Record<Condition, Record<Level, Probabilities>>;
  const labels: StudyLabels = {};
  for (const [c, l, y, p] of cells) {
    probs[c][l] = p;
    if (y !== undefined) labels[c] = { ...labels[c], [l]: y };
  }
  return { studyId: id, labels, probs: probs as StudyProbs };
}

const ln = Math.log;

describe('scoreStudies (RSNA 2024 metric)', () => {
  it('weights a Severe row 4, not 3 (the public-code pitfall)', () => {
    const s = study('1', [
      ['spinal_canal_stenosis', 'l1_l2', 2, [0.2, 0.3, 0.5]],
      ['spinal_canal_stenosis', 'l2_l3', 0, [0.8, 0.1, 0.1]],
    ]);
    const r = scoreStudies([s]);
    const withFour = (4 * -ln(0.5) + 1 * -ln(0.8)) / 5; // 0.599147
    const withThree = (3 * -ln(0.5) + 1 * -ln(0.8)) / 4; // 0.575647
    expect(r.terms.spinal).toBeCloseTo(withFour, 10);
    expect(Math.abs(r.terms.spinal - withThree)).toBeGreaterThan(0.02);
    expect(r.rows.spinal).toBe(2);
    // any_severe: y = 1, weight 4, p = max severe over labelled levels = 0.5
    expect(r.terms.any_severe_spinal).toBeCloseTo(-ln(0.5), 10);
  });

  it('drops missing labels and pools left and right in one group', () => {
    const s = study('1', [
      ['left_neural_foraminal_narrowing', 'l4_l5', 1, [0.5, 0.25, 0.25]],
      ['right_neural_foraminal_narrowing', 'l4_l5', undefined, [1, 0, 0]],
      ['right_neural_foraminal_narrowing', 'l5_s1', 0, [0.9, 0.05, 0.05]],
      ['left_subarticular_stenosis', 'l1_l2', undefined, [0, 0, 1]],
      ['right_subarticular_stenosis', 'l3_l4', 2, [0.25, 0.25, 0.5]],
    ]);
    const r = scoreStudies([s]);
    expect(r.rows.foraminal).toBe(2);
    expect(r.terms.foraminal).toBeCloseTo((2 * -ln(0.25) + 1 * -ln(0.9)) / 3, 10);
    expect(r.rows.subarticular).toBe(1);
    expect(r.terms.subarticular).toBeCloseTo(-ln(0.5), 10);
    expect(r.rows.spinal).toBe(0);
    expect(r.rows.any_severe_spinal).toBe(0);
    expect(Number.isNaN(r.score)).toBe(true);
  });

  it('normalises rows to sum 1, then clips to [1e-7, 1 - 1e-7]', () => {
    const s = study('1', [
      ['spinal_canal_stenosis', 'l1_l2', 0, [2, 1, 1]],
      ['spinal_canal_stenosis', 'l2_l3', 2, [1, 0, 0]],
      ['left_neural_foraminal_narrowing', 'l1_l2', 0, [1, 0, 0]],
      ['left_subarticular_stenosis', 'l1_l2', 1, [3, 1, 0]],
    ]);
    const r = scoreStudies([s]);
    expect(r.terms.spinal).toBeCloseTo((1 * -ln(0.5) + 4 * -ln(1e-7)) / 5, 9);
    expect(r.terms.foraminal).toBeCloseTo(-ln(1 - 1e-7), 12);
    expect(r.terms.subarticular).toBeCloseTo(-ln(0.25), 10);
    // any_severe: y = 1, p = max(0.25, clip(0)) = 0.25
    expect(r.terms.any_severe_spinal).toBeCloseTo(-ln(0.25), 10);
  });

  it('any_severe_spinal: weight 4 / 2 / 1 from the worst level, p = max severe over levels', () => {
    const a = study('a', [
      ['spinal_canal_stenosis', 'l3_l4', 2, [0.3, 0.2, 0.5]],
      ['spinal_canal_stenosis', 'l4_l5', 0, [0.2, 0.2, 0.6]],
    ]);
    const b = study('b', [
      ['spinal_canal_stenosis', 'l1_l2', 1, [0.5, 0.2, 0.3]],
      ['spinal_canal_stenosis', 'l2_l3', 0, [0.8, 0.1, 0.1]],
    ]);
    const c = study('c', [['spinal_canal_stenosis', 'l5_s1', 0, [0.9, 0.0, 0.1]]]);
    const r = scoreStudies([a, b, c]);
    const expected = (4 * -ln(0.6) + 2 * -ln(1 - 0.3) + 1 * -ln(1 - 0.1)) / 7;
    expect(r.terms.any_severe_spinal).toBeCloseTo(expected, 10);
    expect(r.rows.any_severe_spinal).toBe(3);
  });

  it('score is the plain mean of the four terms', () => {
    const s = study('1', [
      ['spinal_canal_stenosis', 'l1_l2', 0, [0.5, 0.3, 0.2]],
      ['left_neural_foraminal_narrowing', 'l1_l2', 1, [0.5, 0.4, 0.1]],
      ['right_subarticular_stenosis', 'l1_l2', 2, [0.1, 0.1, 0.8]],
    ]);
    const r = scoreStudies([s]);
    const terms = [-ln(0.5), -ln(0.4), -ln(0.8), -ln(0.8)];
    expect(r.score).toBeCloseTo(terms.reduce((x, y) => x + y) / 4, 10);
  });

  it('uniform predictions score ln 3 on every term', () => {
    const labels: Cell[] = CONDITIONS.flatMap((c) =>
      LEVELS.map((l, i): Cell => [c, l, (i % 3) as 0 | 1 | 2, [1, 1, 1]]),
    );
    expect(scoreStudies([study('1', labels)]).score).toBeCloseTo(ln(3), 10);
  });
});

describe('constant-prior baseline and re-weighting', () => {
  const studies = [
    study('1', [['spinal_canal_stenosis', 'l1_l2', 0, [1, 1, 1]]]),
    study('2', [['spinal_canal_stenosis', 'l1_l2', 0, [1, 1, 1]]]),
    study('3', [['spinal_canal_stenosis', 'l1_l2', 2, [1, 1, 1]]]),
  ];

  it('is p ∝ [1,2,4] ⊙ class counts per condition x level', () => {
    const prior = constantPrior(studies.map((s) => s.labels));
    const p = prior.spinal_canal_stenosis.l1_l2;
    expect(p[0]).toBeCloseTo(1 / 3, 12);
    expect(p[1]).toBe(0);
    expect(p[2]).toBeCloseTo(2 / 3, 12);
    expect(prior.left_subarticular_stenosis.l2_l3).toEqual([1 / 3, 1 / 3, 1 / 3]);
    const r = constantPriorBaseline(studies);
    expect(r.terms.spinal).toBeCloseTo((2 * ln(3) + 4 * -ln(2 / 3)) / 6, 10);
  });

  it('is the minimum of the weighted row loss among nearby constants', () => {
    const base = constantPriorBaseline(studies).terms.spinal;
    for (const d of [-0.05, 0.05]) {
      const p: Probabilities = [1 / 3 + d, 0, 2 / 3 - d];
      const moved = scoreStudies(
        studies.map((s) => ({
          ...s,
          probs: { ...s.probs, spinal_canal_stenosis: { ...s.probs.spinal_canal_stenosis, l1_l2: p } },
        })),
      );
      expect(moved.terms.spinal).toBeGreaterThan(base);
    }
  });

  it('re-weights p ∝ [1,2,4] ⊙ q', () => {
    const p = reweightForScoring([0.7, 0.2, 0.1]);
    expect(p[0]).toBeCloseTo(0.7 / 1.5, 12);
    expect(p[1]).toBeCloseTo(0.4 / 1.5, 12);
    expect(p[2]).toBeCloseTo(0.4 / 1.5, 12);
  });
});

describe('metric report', () => {
  const s = study('1', [
    ['spinal_canal_stenosis', 'l1_l2', 0, [0.7, 0.2, 0.1]],
    ['spinal_canal_stenosis', 'l2_l3', 2, [0.6, 0.1, 0.3]],
    ['spinal_canal_stenosis', 'l3_l4', 1, [0.1, 0.8, 0.1]],
    ['spinal_canal_stenosis', 'l4_l5', undefined, [0.1, 0.1, 0.8]],
  ]);

  it('counts a confusion matrix of true x argmax and per-condition losses', () => {
    const scs = conditionStats([s])[0];
    expect(scs.rows).toBe(3);
    expect(scs.trueCounts).toEqual([1, 1, 1]);
    expect(scs.confusion).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [1, 0, 0],
    ]);
    expect(scs.accuracy).toBeCloseTo(2 / 3, 12);
    expect(scs.weightedLogLoss).toBeCloseTo((-ln(0.7) - 2 * ln(0.8) - 4 * ln(0.3)) / 7, 10);
    expect(scs.logLoss).toBeCloseTo((-ln(0.7) - ln(0.8) - ln(0.3)) / 3, 10);
  });

  it('bins (row, class) pairs one-vs-rest for the reliability plot', () => {
    const bins = reliabilityBins([s], 10);
    expect(bins.reduce((a, b) => a + b.count, 0)).toBe(9);
    const b7 = bins[7]; // p = 0.7 (l1_l2 class 0, a hit)
    expect(b7.count).toBe(1);
    expect(b7.observedRate).toBe(1);
    const b1 = bins[1]; // 0.1 x3 (l1_l2 c2, l3_l4 c0, c2) and 0.1 (l2_l3 c1): no hits
    expect(b1.count).toBe(4);
    expect(b1.observedRate).toBe(0);
    expect(b1.meanPredicted).toBeCloseTo(0.1, 12);
    expect(expectedCalibrationError(bins)).toBeGreaterThan(0);
  });
});
