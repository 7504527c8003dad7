import { describe, expect, it } from 'vitest';
import { orderStatistics, percentiles, selectInPlace } from '../../../main/shared/percentile';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** numpy's default (linear) percentile by sorting: the reference. */
function sortedPercentile(values: Float32Array, q: number): number {
  const s = Float32Array.from(values).sort();
  const pos = (q / 100) * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

describe('selectInPlace (quickselect)', () => {
  it('finds every order statistic and rejects k outside the array', () => {
    const r = lcg(3);
    const values = Float32Array.from({ length: 257 }, () => Math.floor(r() * 50));
    const sorted = Float32Array.from(values).sort();
    for (let k = 0; k < values.length; k += 16)
      expect(selectInPlace(Float32Array.from(values), k)).toBe(sorted[k]);
    expect(() => selectInPlace([1, 2, 3], 5)).toThrow(RangeError);
  });
});

describe('percentiles and orderStatistics (histogram + select, input left as it is)', () => {
  it('equal sort-then-interpolate exactly on random, constant, sorted, skewed and duplicate-heavy data', () => {
    const r = lcg(11);
    const cases: Float32Array[] = [
      Float32Array.from({ length: 262_144 }, () => r() * 4000),
      // MR-like: most voxels dark background, a long bright tail.
      Float32Array.from({ length: 100_000 }, () => (r() < 0.6 ? Math.floor(r() * 3) : 200 + r() ** 4 * 3000)),
      new Float32Array(500).fill(3),
      Float32Array.from({ length: 4096 }, (_, i) => i),
      Float32Array.from({ length: 4097 }, (_, i) => 4097 - i),
      Float32Array.from({ length: 3000 }, () => Math.floor(r() * 5)),
      // Integers: counted per value (span < 65,536, negative too) or histogram + select (wider span).
      Float32Array.from({ length: 50_000 }, () => Math.floor(r() * 3000) - 1000),
      Float32Array.from({ length: 5000 }, () => Math.floor(r() * 1e6)),
      Float32Array.of(-1e-30, 0, 1e30),
      Float32Array.of(42),
    ];
    for (const values of cases) {
      const copy = Float32Array.from(values);
      const qs = [0, 1, 50, 99, 99.5, 100];
      const got = percentiles(values, qs);
      expect(values).toEqual(copy); // not reordered
      qs.forEach((q, i) => expect(got[i]).toBe(sortedPercentile(values, q)));
    }
    expect(percentiles(new Float32Array(0), [1, 99])).toEqual([0, 0]);
  });
  it('finds every order statistic, ranks clamped', () => {
    const r = lcg(5);
    const values = Float32Array.from({ length: 5000 }, () => Math.floor(r() * 300) / 7);
    const sorted = Float32Array.from(values).sort();
    const ranks = Array.from({ length: 50 }, (_, i) => i * 100 + 3);
    expect(orderStatistics(values, ranks)).toEqual(ranks.map((k) => sorted[k]));
    expect(orderStatistics(values, [-5, 10_000])).toEqual([sorted[0], sorted[4999]]);
  });
});
