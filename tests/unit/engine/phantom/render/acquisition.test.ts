import { describe, expect, it } from 'vitest';
import { applyAcquisitionEffects } from '../../../../../main/engine/phantom/render/acquisition';
import { createRng } from '../../../../../main/engine/rng';

const N = 128;

function flat(value: number): Float32Array {
  return new Float32Array(N * N).fill(value);
}

function mean(img: Float32Array, rows: [number, number], cols: [number, number]): number {
  let s = 0;
  let n = 0;
  for (let r = rows[0]; r < rows[1]; r++) {
    for (let c = cols[0]; c < cols[1]; c++) {
      s += img[r * N + c];
      n++;
    }
  }
  return s / n;
}

describe('applyAcquisitionEffects', () => {
  it('adds Rician noise: background mean ~ sigma*sqrt(pi/2), signal spread ~ sigma', () => {
    const sigma = 0.05;
    const opts = { noiseSigma: sigma, biasStrength: 0, ghosting: 0 };
    const bg = applyAcquisitionEffects(flat(0), N, N, createRng('n1'), opts);
    expect(mean(bg, [0, N], [0, N])).toBeCloseTo(sigma * Math.sqrt(Math.PI / 2), 2);
    expect(Math.min(...bg)).toBeGreaterThanOrEqual(0);
    const sig = applyAcquisitionEffects(flat(0.8), N, N, createRng('n2'), opts);
    const m = mean(sig, [0, N], [0, N]);
    const sd = Math.sqrt(sig.reduce((a, v) => a + (v - m) ** 2, 0) / sig.length);
    expect(sd).toBeGreaterThan(sigma * 0.85);
    expect(sd).toBeLessThan(sigma * 1.15);
  });

  it('is deterministic per rng seed and leaves its input untouched', () => {
    const input = flat(0.5);
    const opts = { noiseSigma: 0.03, biasStrength: 0.3, ghosting: 0.02 };
    const a = applyAcquisitionEffects(input, N, N, createRng('same'), opts);
    expect(applyAcquisitionEffects(input, N, N, createRng('same'), opts)).toEqual(a);
    expect(applyAcquisitionEffects(input, N, N, createRng('other'), opts)).not.toEqual(a);
    expect(input.every((v) => v === 0.5)).toBe(true);
  });

  it('shades toward the posterior coil: the posterior half is brighter', () => {
    const opts = { noiseSigma: 0, biasStrength: 0.3, ghosting: 0, posteriorInPlane: [1, 0] as const };
    for (const seed of ['b1', 'b2', 'b3']) {
      const img = applyAcquisitionEffects(flat(0.5), N, N, createRng(seed), opts);
      expect(mean(img, [0, N], [N / 2, N])).toBeGreaterThan(mean(img, [0, N], [0, N / 2]) * 1.1);
    }
  });

  it('ghosts a bright object along the phase-encode (row) axis', () => {
    const img = flat(0);
    for (let r = 10; r < 20; r++) for (let c = 60; c < 70; c++) img[r * N + c] = 1;
    const out = applyAcquisitionEffects(img, N, N, createRng('g'), {
      noiseSigma: 0,
      biasStrength: 0,
      ghosting: 0.1,
    });
    let ghost = 0;
    for (let r = 25; r < N; r++) for (let c = 60; c < 70; c++) ghost = Math.max(ghost, out[r * N + c]);
    expect(ghost).toBeGreaterThan(0.03);
    expect(mean(out, [0, N], [0, 50])).toBe(0);
  });
});
