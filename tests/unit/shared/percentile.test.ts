import { describe, expect, it } from 'vitest';
import { orderStatisticInPlace, percentileInPlace, selectInPlace } from '../../../main/shared/percentile';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function sortedPercentile(values: Float32Array, q: number): number {
  const s = Float32Array.from(values).sort();
  const pos = (q / 100) * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

describe('percentile (quickselect)', () => {
  it('equals sort-then-interpolate on random, constant, sorted and duplicate-heavy data', () => {
    const r = lcg(7);
    const cases: Float32Array[] = [
      Float32Array.from({ length: 10001 }, () => r() * 1000),
      new Float32Array(500).fill(3),
      Float32Array.from({ length: 4096 }, (_, i) => i),
      Float32Array.from({ length: 4097 }, (_, i) => 4097 - i),
      Float32Array.from({ length: 3000 }, () => Math.floor(r() * 5)),
      Float32Array.of(42),
    ];
    for (const values of cases) {
      for (const q of [0, 1, 50, 99, 99.5, 100]) {
        expect(percentileInPlace(Float32Array.from(values), q)).toBeCloseTo(sortedPercentile(values, q), 4);
      }
    }
  });
  it('finds every order statistic', () => {
    const r = lcg(3);
    const values = Float32Array.from({ length: 257 }, () => Math.floor(r() * 50));
    const sorted = Float32Array.from(values).sort();
    for (let k = 0; k < values.length; k += 16) {
      expect(orderStatisticInPlace(Float32Array.from(values), k)).toBe(sorted[k]);
    }
  });
  it('rejects k outside the array', () => {
    expect(() => selectInPlace([1, 2, 3], 5)).toThrow(RangeError);
    expect(percentileInPlace(new Float32Array(0), 50)).toBe(0);
  });
});
