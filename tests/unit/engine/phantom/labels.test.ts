import { describe, expect, it } from 'vitest';
import { normalQuantile, sampleStudyGrades } from '../../../../main/engine/phantom/labels';
import { CONDITIONS, LEVELS, type Condition, type Level } from '../../../../main/shared/targets';

/** Moderate%/Severe% per level and condition, copied from shared/reference/rsna-lumbar.md (not from the code). */
const REFERENCE: Record<Level, Record<Condition, [number, number]>> = {
  l1_l2: row([3.4, 1.1], [3.2, 0.1], [3.2, 0.7], [5.1, 1.5], [6.1, 1.3]),
  l2_l3: row([7.6, 2.7], [8.7, 0.6], [8.5, 0.3], [13.5, 4.4], [12.8, 3.9]),
  l3_l4: row([11.7, 6.2], [20.8, 2.0], [21.0, 2.1], [23.0, 9.8], [23.0, 10.0]),
  l4_l5: row([12.0, 12.9], [31.9, 7.1], [32.0, 6.6], [31.6, 23.4], [31.5, 23.3]),
  l5_s1: row([2.6, 1.0], [26.4, 10.4], [25.2, 9.7], [20.8, 7.5], [20.1, 8.8]),
};

function row(...pairs: Array<[number, number]>): Record<Condition, [number, number]> {
  return Object.fromEntries(CONDITIONS.map((c, i) => [c, pairs[i]])) as Record<Condition, [number, number]>;
}

function pearson(a: number[], b: number[]): number {
  const ma = a.reduce((s, x) => s + x, 0) / a.length;
  const mb = b.reduce((s, x) => s + x, 0) / b.length;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - ma) * (b[i] - mb);
    da += (a[i] - ma) ** 2;
    db += (b[i] - mb) ** 2;
  }
  return num / Math.sqrt(da * db);
}

describe('phantom label sampling', () => {
  const N = 2000;
  const studies = Array.from({ length: N }, (_, i) => sampleStudyGrades('label-test', i));

  it('matches every per-level Moderate/Severe prior of the reference within 2 percentage points over 2000 studies', () => {
    const worst: string[] = [];
    for (const level of LEVELS) {
      for (const condition of CONDITIONS) {
        const counts = [0, 0, 0];
        for (const g of studies) counts[g[condition][level]]++;
        const [moderate, severe] = REFERENCE[level][condition];
        const dm = Math.abs((100 * counts[1]) / N - moderate);
        const ds = Math.abs((100 * counts[2]) / N - severe);
        if (dm > 2 || ds > 2)
          worst.push(
            `${condition} ${level}: moderate off ${dm.toFixed(2)} pp, severe off ${ds.toFixed(2)} pp`,
          );
      }
    }
    expect(worst).toEqual([]);
  });

  it('correlates grades of the five conditions at one level, and levels within a patient', () => {
    for (const level of ['l3_l4', 'l4_l5', 'l5_s1'] as const) {
      const scs = studies.map((g) => g.spinal_canal_stenosis[level]);
      const lnfn = studies.map((g) => g.left_neural_foraminal_narrowing[level]);
      const rss = studies.map((g) => g.right_subarticular_stenosis[level]);
      expect(pearson(scs, lnfn)).toBeGreaterThan(0.15);
      expect(pearson(lnfn, rss)).toBeGreaterThan(0.15);
    }
    const l34 = studies.map((g) => g.left_subarticular_stenosis.l3_l4);
    const l45 = studies.map((g) => g.left_subarticular_stenosis.l4_l5);
    expect(pearson(l34, l45)).toBeGreaterThan(0.05);
    const allNormal =
      studies.filter((g) => CONDITIONS.every((c) => LEVELS.every((l) => g[c][l] === 0))).length / N;
    expect(allNormal).toBeGreaterThan(0.08); // reference: 12.9%; independent grades would give about 0.3%
    expect(allNormal).toBeLessThan(0.18);
  });

  it('is a pure function of (seed, study index)', () => {
    expect(sampleStudyGrades('label-test', 17)).toEqual(studies[17]);
    const other = Array.from({ length: 50 }, (_, i) => sampleStudyGrades('another-seed', i));
    expect(other).not.toEqual(studies.slice(0, 50));
  });

  it('inverts the normal CDF', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 8);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
  });
});
