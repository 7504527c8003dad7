/**
 * A fixed, smooth, zero-mean random field (256 x 256 periodic cells of 1 mm, unit spread) for organic
 * shapes in the trunk cross-sections: fascial planes, fat streaks, septa, bowel contents. Plain TypeScript.
 */
import { xorshiftUniformTable } from '../xorshift';

const N = 256;
const MASK = N - 1;

function blurAxis(src: Float32Array, stride: number, r: number): Float32Array {
  const out = new Float32Array(src.length);
  const k = 1 / (2 * r + 1);
  for (let line = 0; line < N; line++) {
    const base = stride === 1 ? line * N : line;
    let sum = 0;
    for (let d = -r; d <= r; d++) sum += src[base + ((d + N) & MASK) * stride];
    for (let p = 0; p < N; p++) {
      out[base + p * stride] = sum * k;
      sum += src[base + ((p + r + 1) & MASK) * stride] - src[base + ((p - r + N) & MASK) * stride];
    }
  }
  return out;
}

/** Smoothed white noise (box blur radius 3, three passes), normalised to mean 0 and spread 1. */
const FIELD: Float32Array = (() => {
  let t: Float32Array = xorshiftUniformTable(N * N, 0x2545f491);
  for (let pass = 0; pass < 3; pass++) t = blurAxis(blurAxis(t, 1, 3), N, 3);
  let m = 0;
  for (const v of t) m += v;
  m /= t.length;
  let v2 = 0;
  for (const v of t) v2 += (v - m) ** 2;
  const k = 1 / Math.sqrt(v2 / t.length);
  for (let i = 0; i < t.length; i++) t[i] = (t[i] - m) * k;
  return t;
})();

/** The field's cells (read only): cell (ix, iy) of 1 mm at iy * 256 + ix; {@link noiseCell} reads them. */
export const NOISE_FIELD_CELLS: Float32Array = FIELD;

/** The largest |value| of the field (bilinear and nearest-cell values never exceed it). */
export const NOISE_FIELD_MAX_ABS: number = FIELD.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

/** The field at (x, y) mm, bilinear; `ph` shifts it (a different-looking field per use and per band). */
export function noise2(x: number, y: number, ph: number): number {
  const fx = x + ph * 37.1;
  const fy = y + ph * 53.7;
  const ix = Math.floor(fx);
  const iy = Math.floor(fy);
  const tx = fx - ix;
  const ty = fy - iy;
  const x0 = ix & MASK;
  const x1 = (ix + 1) & MASK;
  const r0 = (iy & MASK) * N;
  const r1 = ((iy + 1) & MASK) * N;
  const a = FIELD[r0 + x0] + (FIELD[r0 + x1] - FIELD[r0 + x0]) * tx;
  const b = FIELD[r1 + x0] + (FIELD[r1 + x1] - FIELD[r1 + x0]) * tx;
  return a + (b - a) * ty;
}

/** The field at (x, y) mm, nearest cell (cheaper than {@link noise2}; for thresholds at 1 mm cells). */
export function noiseCell(x: number, y: number, ph: number): number {
  const ix = Math.floor(x + ph * 37.1) & MASK;
  const iy = Math.floor(y + ph * 53.7) & MASK;
  return FIELD[iy * N + ix];
}
