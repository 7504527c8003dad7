/** The truncated k-space PSF: unit gain, a negative side lobe (Gibbs ringing), smooth edges. */
import { describe, expect, it } from 'vitest';
import { applyKspacePsf, psfTaps } from '../../../../../main/engine/phantom/render/kspacePsf';

describe('k-space point-spread function', () => {
  it('keeps flat areas (taps sum to 1) and rings (negative second tap) below full sampling', () => {
    for (const f of [0.6, 0.75, 0.9]) {
      const h = psfTaps(f);
      expect(h[0] + 2 * (h[1] + h[2])).toBeCloseTo(1, 12);
      expect(h[2]).toBeLessThan(0);
      expect(h[1]).toBeGreaterThan(0);
    }
    // Less of k-space sampled: wider PSF (more weight off the centre).
    expect(psfTaps(0.6)[0]).toBeLessThan(psfTaps(0.9)[0]);
  });

  it('turns a step edge into a ramp with over- and undershoot (Gibbs), rows and columns alike', () => {
    const n = 32;
    const img = new Float32Array(n * n);
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) img[r * n + c] = c >= 16 ? 1 : 0;
    const out = applyKspacePsf(img, n, n, 1, 0.7, 0.7);
    const row = Array.from(out.subarray(10 * n, 11 * n));
    expect(Math.max(...row)).toBeGreaterThan(1.01);
    expect(Math.min(...row)).toBeLessThan(-0.01);
    const steps = row.slice(1).map((v, i) => Math.abs(v - row[i]));
    expect(Math.max(...steps)).toBeLessThan(0.75);
    expect(out[0]).toBeCloseTo(0, 6);
    expect(out[n - 1]).toBeCloseTo(1, 6);
    const t = new Float32Array(n * n);
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) t[c * n + r] = img[r * n + c];
    const outT = applyKspacePsf(t, n, n, 1, 0.7, 0.7);
    for (let c = 0; c < n; c++) expect(outT[c * n + 10]).toBeCloseTo(row[c], 5);
  });
});
