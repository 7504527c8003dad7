import { describe, expect, it } from 'vitest';
import {
  clipAndNormalize,
  constantPrior,
  constantPriorBaseline,
  EPS,
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
import { AppError } from '../../../../main/shared/errors';
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
const EPS64 = 2.220446049250313e-16; // np.finfo(np.float64).eps, written out independently of the module

/** Adds one uniform-predicted foraminal and subarticular row (each group term then ln 3) where a study has none. */
function withOtherGroups(cells: Cell[]): Cell[] {
  const has = (prefix: string): boolean => cells.some(([c]) => c.includes(prefix));
  return [
    ...cells,
    ...(has('foraminal') ? [] : [['left_neural_foraminal_narrowing', 'l1_l2', 0, [1, 1, 1]] as Cell]),
    ...(has('subarticular') ? [] : [['left_subarticular_stenosis', 'l1_l2', 0, [1, 1, 1]] as Cell]),
  ];
}

/** Two studies, one with a Severe spinal level and one without, so any_severe_spinal has both classes. */
const severeStudy = (): Cell => ['spinal_canal_stenosis', 'l4_l5', 2, [0.2, 0.3, 0.5]];
const normalStudy = (): Cell => ['spinal_canal_stenosis', 'l4_l5', 0, [0.8, 0.1, 0.1]];

describe('scoreStudies (official RSNA 2024 metric)', () => {
  it('weights a Severe row 4, not 3 (the public-code pitfall)', () => {
    const a = study(
      'a',
      withOtherGroups([severeStudy(), ['spinal_canal_stenosis', 'l2_l3', 0, [0.8, 0.1, 0.1]]]),
    );
    const b = study('b', withOtherGroups([normalStudy()]));
    const r = scoreStudies([a, b]);
    const withFour = (4 * -ln(0.5) + 2 * -ln(0.8)) / 6;
    const withThree = (3 * -ln(0.5) + 2 * -ln(0.8)) / 5;
    expect(r.terms.spinal).toBeCloseTo(withFour, 12);
    expect(Math.abs(r.terms.spinal - withThree)).toBeGreaterThan(0.02);
    expect(r.rows.spinal).toBe(3);
    // a: y = 1, weight 4, p = max(0.5, 0.1); b: y = 0, weight 1, p = 0.1
    expect(r.terms.any_severe_spinal).toBeCloseTo((4 * -ln(0.5) + -ln(0.9)) / 5, 12);
    expect(r.terms.foraminal).toBeCloseTo(ln(3), 12);
    expect(r.terms.subarticular).toBeCloseTo(ln(3), 12);
  });

  it('clips each value to [eps, 1 - eps] BEFORE normalising: [5, 3, 2] scores as uniform', () => {
    const a = study(
      'a',
      withOtherGroups([severeStudy(), ['left_neural_foraminal_narrowing', 'l3_l4', 1, [5, 3, 2]]]),
    );
    const r = scoreStudies([a, study('b', withOtherGroups([normalStudy()]))]);
    expect(r.terms.foraminal).toBeCloseTo(ln(3), 12); // normalise-then-clip would give -ln(0.3) = 1.204
    expect(Math.abs(r.terms.foraminal - -ln(0.3))).toBeGreaterThan(0.1);
  });

  it('a confidently wrong one-hot row costs -ln(eps / (1 + eps)) = 36.04, not 16.1', () => {
    const a = study(
      'a',
      withOtherGroups([severeStudy(), ['right_subarticular_stenosis', 'l4_l5', 2, [1, 0, 0]]]),
    );
    const r = scoreStudies([a, study('b', withOtherGroups([normalStudy()]))]);
    const wrong = -ln(EPS64 / (1 + EPS64)); // clipped [1-eps, eps, eps], row sum 1 + eps
    expect(wrong).toBeCloseTo(36.0437, 4);
    expect(r.rows.subarticular).toBe(2); // and study b's uniform row (ln 3, weight 1)
    expect(r.terms.subarticular).toBeCloseTo((4 * wrong + ln(3)) / 5, 9);
    expect(-ln(1e-7)).toBeCloseTo(16.118, 3); // the old normalise-then-clip-at-1e-7 cost
  });

  it('an all-zero row scores as uniform and a right one-hot row costs about eps', () => {
    const a = study(
      'a',
      withOtherGroups([severeStudy(), ['left_subarticular_stenosis', 'l5_s1', 1, [0, 0, 0]]]),
    );
    const b = study(
      'b',
      withOtherGroups([normalStudy(), ['right_subarticular_stenosis', 'l5_s1', 2, [0, 0, 1]]]),
    );
    const r = scoreStudies([a, b]);
    // rows: [0,0,0] y=1 weight 2 -> ln 3; [0,0,1] y=2 weight 4 -> -ln((1-eps)/(1+eps)) ~ 2 eps
    expect(r.terms.subarticular).toBeCloseTo((2 * ln(3)) / 6, 12);
    expect(-ln((1 - EPS64) / (1 + EPS64))).toBeLessThan(1e-15);
  });

  it('takes any_severe_spinal from the submitted severe values as given (not renormalised)', () => {
    const a = study('a', withOtherGroups([['spinal_canal_stenosis', 'l3_l4', 2, [0.1, 0.1, 0.1]]]));
    const b = study('b', withOtherGroups([['spinal_canal_stenosis', 'l3_l4', 0, [0.6, 0.1, 0.3]]]));
    const r = scoreStudies([a, b]);
    expect(r.terms.any_severe_spinal).toBeCloseTo((4 * -ln(0.1) + -ln(0.7)) / 5, 12);
    const renormalised = (4 * -ln(1 / 3) + -ln(0.7)) / 5;
    expect(Math.abs(r.terms.any_severe_spinal - renormalised)).toBeGreaterThan(0.5);
    // the spinal group term does normalise: [0.1,0.1,0.1] is uniform there
    expect(r.terms.spinal).toBeCloseTo((4 * ln(3) + -ln(0.6)) / 5, 12);
    // a submitted severe value above 1 is clipped to 1 - eps (loss ~ eps), still as given
    const c = study('c', withOtherGroups([['spinal_canal_stenosis', 'l3_l4', 2, [0, 0, 3]]]));
    expect(scoreStudies([c, b]).terms.any_severe_spinal).toBeCloseTo(-ln(0.7) / 5, 12);
  });

  it('any_severe_spinal: weight 4 / 2 / 1 from the worst level, p = max severe over labelled levels', () => {
    const a = study(
      'a',
      withOtherGroups([
        ['spinal_canal_stenosis', 'l3_l4', 2, [0.3, 0.2, 0.5]],
        ['spinal_canal_stenosis', 'l4_l5', 0, [0.2, 0.2, 0.6]],
        ['spinal_canal_stenosis', 'l5_s1', undefined, [0, 0, 1]], // unlabelled: not part of the max
      ]),
    );
    const b = study(
      'b',
      withOtherGroups([
        ['spinal_canal_stenosis', 'l1_l2', 1, [0.5, 0.2, 0.3]],
        ['spinal_canal_stenosis', 'l2_l3', 0, [0.8, 0.1, 0.1]],
      ]),
    );
    const c = study('c', withOtherGroups([['spinal_canal_stenosis', 'l5_s1', 0, [0.9, 0.0, 0.1]]]));
    const r = scoreStudies([a, b, c]);
    const expected = (4 * -ln(0.6) + 2 * -ln(1 - 0.3) + 1 * -ln(1 - 0.1)) / 7;
    expect(r.terms.any_severe_spinal).toBeCloseTo(expected, 12);
    expect(r.rows.any_severe_spinal).toBe(3);
  });

  it('drops missing labels and pools left and right in one group', () => {
    const a = study('a', [
      severeStudy(),
      ['left_neural_foraminal_narrowing', 'l4_l5', 1, [0.5, 0.25, 0.25]],
      ['right_neural_foraminal_narrowing', 'l4_l5', undefined, [1, 0, 0]],
      ['right_neural_foraminal_narrowing', 'l5_s1', 0, [0.9, 0.05, 0.05]],
      ['left_subarticular_stenosis', 'l1_l2', undefined, [0, 0, 1]],
      ['right_subarticular_stenosis', 'l3_l4', 2, [0.25, 0.25, 0.5]],
    ]);
    const r = scoreStudies([a, study('b', [normalStudy()])]);
    expect(r.rows.foraminal).toBe(2);
    expect(r.terms.foraminal).toBeCloseTo((2 * -ln(0.25) + 1 * -ln(0.9)) / 3, 12);
    expect(r.rows.subarticular).toBe(1);
    expect(r.terms.subarticular).toBeCloseTo(-ln(0.5), 12);
    expect(r.rows.spinal).toBe(2);
    const terms = [(4 * -ln(0.5) + -ln(0.8)) / 5, r.terms.foraminal, -ln(0.5), (4 * -ln(0.5) + -ln(0.9)) / 5];
    expect(r.score).toBeCloseTo(terms.reduce((x, y) => x + y) / 4, 12);
  });

  it('uniform predictions score ln 3 on each group term', () => {
    const labels: Cell[] = CONDITIONS.flatMap((c) =>
      LEVELS.map((l, i): Cell => [c, l, (i % 3) as 0 | 1 | 2, [1, 1, 1]]),
    );
    const r = scoreStudies([study('1', labels), study('2', withOtherGroups([normalStudy()]))]);
    expect(r.terms.foraminal).toBeCloseTo(ln(3), 12);
    expect(r.terms.subarticular).toBeCloseTo(ln(3), 12);
  });
});

describe('scoreStudies refuses what the official scorer refuses', () => {
  const base = (): ScoredStudy[] => [
    study('a', withOtherGroups([severeStudy()])),
    study('b', withOtherGroups([normalStudy()])),
  ];
  const codeOf = (f: () => unknown): string | undefined => {
    try {
      f();
    } catch (e) {
      return e instanceof AppError ? e.code : `not an AppError: ${String(e)}`;
    }
    return undefined;
  };

  it('a negative value, even in an unlabelled row', () => {
    const s = base();
    s[1].probs.right_subarticular_stenosis.l2_l3 = [1, -0.01, 0];
    expect(codeOf(() => scoreStudies(s))).toBe('INVALID_ARGUMENT');
    expect(() => scoreStudies(s)).toThrow(/b_right_subarticular_stenosis_l2_l3.*negative/);
  });

  it('a non-finite value', () => {
    const s = base();
    s[0].probs.spinal_canal_stenosis.l4_l5 = [Number.NaN, 0, 1];
    expect(codeOf(() => scoreStudies(s))).toBe('INVALID_ARGUMENT');
  });

  it('any_severe_spinal labels all one class', () => {
    const allNormal = [
      study('a', withOtherGroups([normalStudy()])),
      study('b', withOtherGroups([normalStudy()])),
    ];
    expect(codeOf(() => scoreStudies(allNormal))).toBe('DATASET_INVALID');
    expect(() => scoreStudies(allNormal)).toThrow(/any_severe_spinal.*all not severe/);
    const allSevere = [study('a', withOtherGroups([severeStudy()]))];
    expect(() => scoreStudies(allSevere)).toThrow(/all severe/);
  });

  it('a condition group with no labelled rows', () => {
    const s = [
      study('a', [severeStudy(), ['left_neural_foraminal_narrowing', 'l1_l2', 0, [1, 1, 1]]]),
      study('b', [normalStudy()]),
    ];
    expect(codeOf(() => scoreStudies(s))).toBe('DATASET_INVALID');
    expect(() => scoreStudies(s)).toThrow(/subarticular term has no labelled rows/);
    expect(codeOf(() => scoreStudies([]))).toBe('DATASET_INVALID');
  });

  it('clipAndNormalize: the row rule on its own', () => {
    for (const v of clipAndNormalize([5, 3, 2])) expect(v).toBeCloseTo(1 / 3, 15);
    const w = clipAndNormalize([1, 0, 0]);
    expect(w[2]).toBe(EPS64 / (1 - EPS64 + 2 * EPS64));
    expect(EPS).toBe(EPS64);
  });
});

describe('constant-prior baseline and re-weighting', () => {
  const studies = [
    study('1', withOtherGroups([['spinal_canal_stenosis', 'l1_l2', 0, [1, 1, 1]]])),
    study('2', withOtherGroups([['spinal_canal_stenosis', 'l1_l2', 0, [1, 1, 1]]])),
    study('3', withOtherGroups([['spinal_canal_stenosis', 'l1_l2', 2, [1, 1, 1]]])),
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
