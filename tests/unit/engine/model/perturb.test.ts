/**
 * evaluate --perturb: each part of the scanner-like perturbation checked on volumes with known geometry
 * (coil shading rises toward patient posterior whatever the plane), identity at strength 0, same seed same pixels.
 */
import { describe, expect, it } from 'vitest';
import {
  applyPerturbation,
  biasLog,
  drawPerturbation,
  separableBiasLog,
  perturbVolumes,
  type StackPerturbation,
} from '../../../../main/engine/model/perturb';
import { createRng } from '../../../../main/engine/rng';
import type { Volume } from '../../../../main/engine/volume/types';
import { makeVolume } from './syntheticVolume';

const sagittal = (field: (p: readonly number[]) => number = () => 100): Volume =>
  makeVolume({
    dims: [32, 24, 5],
    pixelMm: [1, 1],
    sliceSpacingMm: 4,
    u: [0, 1, 0], // columns run anterior -> posterior
    v: [0, 0, -1],
    centreLps: [0, 0, 0],
    role: 'Sagittal T2/STIR',
    field,
  });
const axial = (): Volume =>
  makeVolume({
    dims: [32, 24, 3],
    pixelMm: [1, 1],
    sliceSpacingMm: 4,
    u: [1, 0, 0],
    v: [0, 1, 0], // rows run anterior -> posterior
    centreLps: [0, 0, 0],
    role: 'Axial T2',
    field: () => 100,
  });

const none = (p99: number): StackPerturbation => ({
  gain: 1,
  offset: 0,
  gamma: 1,
  bias: { posterior: 0, x: 0, y: 0, xx: 0, yy: 0, amplitude: 0 },
  noiseSigma: 0,
  p99,
});
const at = (v: Volume, i: number, j: number, k: number, px: Float32Array): number =>
  px[(k * v.geometry.dims[1] + j) * v.geometry.dims[0] + i];

describe('scanner-like perturbation', () => {
  it('strength 0 leaves the volumes as they are', () => {
    const v = sagittal();
    expect(perturbVolumes([v], 0, 's', '1')[0].pixels).toBe(v.pixels);
  });

  it('gain, offset and gamma: x -> p99 ((g x + o) / p99)^gamma', () => {
    const v = sagittal((p) => 50 + p[1]); // 34..65 along the columns
    const out = applyPerturbation(v, { ...none(200), gain: 1.5, offset: 10, gamma: 0.8 }, createRng(1));
    for (const [i, j, k] of [
      [0, 0, 0],
      [31, 23, 4],
      [10, 5, 2],
    ]) {
      const x = at(v, i, j, k, v.pixels);
      expect(at(v, i, j, k, out)).toBeCloseTo(200 * ((1.5 * x + 10) / 200) ** 0.8, 3);
    }
  });

  it('coil shading rises toward patient posterior on sagittal (columns) and axial (rows) stacks', () => {
    const bias = { posterior: 1, x: 0, y: 0, xx: 0, yy: 0, amplitude: 0.25 };
    const s = sagittal();
    const so = applyPerturbation(s, { ...none(100), bias }, createRng(1));
    expect(at(s, 31, 12, 2, so)).toBeCloseTo(100 * Math.exp(0.25), 3); // most posterior column
    expect(at(s, 0, 12, 2, so)).toBeCloseTo(100 * Math.exp(-0.25), 3);
    expect(at(s, 16, 0, 2, so)).toBeCloseTo(at(s, 16, 23, 2, so), 4); // not along the rows (superior-inferior)
    const a = axial();
    const ao = applyPerturbation(a, { ...none(100), bias }, createRng(1));
    expect(at(a, 16, 23, 1, ao)).toBeCloseTo(100 * Math.exp(0.25), 3);
    expect(at(a, 16, 0, 1, ao)).toBeCloseTo(100 * Math.exp(-0.25), 3);
  });

  it('the separable bias field equals biasLog at every voxel of an oblique stack, peak = amplitude', () => {
    const v = makeVolume({
      dims: [9, 7, 4],
      pixelMm: [1.5, 2],
      sliceSpacingMm: 3,
      u: [0.2, 0.9, 0.1],
      v: [0.1, -0.2, -1],
      centreLps: [5, -3, 40],
      role: 'Sagittal T1',
      field: () => 1,
    });
    const p = { posterior: 0.8, x: 0.3, y: -0.2, xx: 0.1, yy: -0.15, amplitude: 0.3 };
    const f = separableBiasLog(v, p);
    const g = v.geometry;
    const yOf = (i: number, j: number, k: number): number =>
      g.slicePositionsLps[k][1] +
      i * g.spacingMm[0] * g.direction[0][1] +
      j * g.spacingMm[1] * g.direction[1][1];
    const all: number[] = [];
    for (let k = 0; k < 4; k++)
      for (let j = 0; j < 7; j++) for (let i = 0; i < 9; i++) all.push(yOf(i, j, k));
    const lo = Math.min(...all);
    const hi = Math.max(...all);
    const ref: number[] = [];
    const sep: number[] = [];
    for (let k = 0; k < 4; k++)
      for (let j = 0; j < 7; j++)
        for (let i = 0; i < 9; i++) {
          const post = (2 * (yOf(i, j, k) - lo)) / (hi - lo) - 1;
          ref.push(biasLog(p, (2 * i) / 8 - 1, (2 * j) / 6 - 1, post));
          sep.push(f.i[i] + f.j[j] + f.k[k]);
        }
    const scale = sep[0] / ref[0];
    sep.forEach((x, n) => expect(x).toBeCloseTo(scale * ref[n], 10));
    expect(Math.max(...sep.map(Math.abs))).toBeCloseTo(0.3, 10);
  });

  it('extra noise is Rician: a zero background gets mean sigma sqrt(pi / 2)', () => {
    const v = sagittal(() => 0);
    const out = applyPerturbation(v, { ...none(100), noiseSigma: 5 }, createRng(3));
    const mean = out.reduce((a, b) => a + b, 0) / out.length;
    expect(mean).toBeGreaterThan(5 * Math.sqrt(Math.PI / 2) * 0.9);
    expect(mean).toBeLessThan(5 * Math.sqrt(Math.PI / 2) * 1.1);
    expect(Math.min(...out)).toBeGreaterThanOrEqual(0);
  });

  it('is deterministic per seed, differs between seeds, and scales its spreads with the strength', () => {
    const v = sagittal((p) => 100 + p[1] + p[2]);
    const a = perturbVolumes([v], 1, 'seed-a', '7')[0].pixels;
    expect(perturbVolumes([v], 1, 'seed-a', '7')[0].pixels).toEqual(a);
    expect(perturbVolumes([v], 1, 'seed-b', '7')[0].pixels).not.toEqual(a);
    const logGain = (s: number): number[] =>
      Array.from({ length: 400 }, (_, i) => Math.log(drawPerturbation(createRng(`g${i}`), s, 100).gain));
    const sd = (x: number[]): number => Math.sqrt(x.reduce((t, y) => t + y * y, 0) / x.length);
    expect(sd(logGain(1))).toBeGreaterThan(0.17);
    expect(sd(logGain(1))).toBeLessThan(0.23);
    expect(sd(logGain(2)) / sd(logGain(1))).toBeCloseTo(2, 1);
  });
});
