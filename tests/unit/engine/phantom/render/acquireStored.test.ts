import { describe, expect, it } from 'vitest';
import {
  acquireStored,
  applyAcquisitionEffects,
  type AcquisitionOptions,
  type StoredScale,
} from '../../../../../main/engine/phantom/render/acquisition';
import { createRng } from '../../../../../main/engine/rng';

/** The stored-value rule written out separately: round half up of offset + scale * signal, clamped. */
function quantised(signal: Float32Array, s: StoredScale): Uint16Array {
  return Uint16Array.from(signal, (x) => {
    const v = Math.floor(s.offset + s.scale * x + 0.5);
    return Math.min(s.maxStored, Math.max(0, v));
  });
}

/** A test image with edges, a dark region, a few negative values and values that saturate when scaled. */
function testImage(cols: number, rows: number): Float32Array {
  return Float32Array.from({ length: cols * rows }, (_, i) => {
    const c = i % cols;
    const r = Math.floor(i / cols);
    if (r < rows / 4) return 0;
    if (c === 1) return -0.02;
    return ((c * 7 + r * 13) % 50) / 40;
  });
}

describe('acquireStored', () => {
  it('gives the stored values of applyAcquisitionEffects quantised, with and without ghosting', () => {
    const scales: StoredScale[] = [
      { offset: 12.5, scale: 1800, maxStored: 4095 },
      { offset: 0, scale: 3400, maxStored: 65535 },
      { offset: 30, scale: 4000, maxStored: 4095 },
    ];
    let compared = 0;
    for (const [cols, rows] of [
      [64, 48],
      [33, 7],
      [1, 1],
    ]) {
      const image = testImage(cols, rows);
      scales.forEach((stored, k) => {
        for (const ghosting of [0, 0.02]) {
          const opts: AcquisitionOptions = {
            noiseSigma: 0.02 + 0.01 * k,
            biasStrength: 0.2,
            ghosting,
            ...(k === 1 ? { posteriorInPlane: [0, 1] as const } : {}),
          };
          const seed = `stored-${cols}-${k}-${ghosting}`;
          const expected = quantised(
            applyAcquisitionEffects(image, cols, rows, createRng(seed), opts),
            stored,
          );
          const actual = acquireStored(image, cols, rows, createRng(seed), opts, stored);
          expect(Buffer.from(actual.buffer).equals(Buffer.from(expected.buffer))).toBe(true);
          compared++;
        }
      });
    }
    expect(compared).toBe(18);
  });

  it('saturates at maxStored and stops at 0', () => {
    const image = new Float32Array(256).fill(5);
    const out = acquireStored(
      image,
      16,
      16,
      createRng('sat'),
      { noiseSigma: 0.01, biasStrength: 0, ghosting: 0 },
      {
        offset: 0,
        scale: 4000,
        maxStored: 4095,
      },
    );
    expect(out.every((v) => v === 4095)).toBe(true);
    const low = acquireStored(
      image,
      16,
      16,
      createRng('low'),
      { noiseSigma: 0.01, biasStrength: 0, ghosting: 0 },
      {
        offset: -1e6,
        scale: 1,
        maxStored: 4095,
      },
    );
    expect(low.every((v) => v === 0)).toBe(true);
  });
});
