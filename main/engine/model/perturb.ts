/**
 * Scanner-like intensity perturbation of a study's volumes for robustness evaluation (`evaluate --perturb`):
 * gain, offset, gamma, a smooth coil-shading bias field stronger posteriorly, and extra Rician noise, on the
 * modality values before the app's normalisation. Deterministic per seed. Plain TypeScript; never imports electron.
 */
import { createRng, type Rng } from '../rng';
import type { Volume } from '../volume/types';

/**
 * The spreads at strength 1 (a typical spread between scanners; strength 2 doubles every spread). Gain and
 * gamma are log-normal, offset and noise are fractions of the stack's 99th percentile, the bias field
 * amplitude is the largest |log field| over the field of view.
 */
export const PERTURB_SPREAD = {
  logGainSd: 0.2,
  offsetSd: 0.03,
  logGammaSd: 0.15,
  biasMax: 0.25,
  noiseMax: 0.03,
} as const;

/** The draws of one stack (exposed for tests and for the report). */
export interface StackPerturbation {
  gain: number;
  /** Added after the gain, in modality units. */
  offset: number;
  gamma: number;
  /** Coefficients of the log bias field over normalised coordinates (see {@link biasLog}). */
  bias: { posterior: number; x: number; y: number; xx: number; yy: number; amplitude: number };
  /** Rician noise sigma in modality units. */
  noiseSigma: number;
  /** The stack's 99th percentile before perturbation (the reference of offset, gamma and noise). */
  p99: number;
}

function p99Of(pixels: Float32Array): number {
  const step = Math.max(1, Math.floor(pixels.length / 65536));
  const sample: number[] = [];
  for (let i = 0; i < pixels.length; i += step) sample.push(pixels[i]);
  sample.sort((a, b) => a - b);
  return sample[Math.min(sample.length - 1, Math.floor(0.99 * sample.length))] || 1;
}

/** Draw the perturbation of one stack at a strength (0 = none). */
export function drawPerturbation(rng: Rng, strength: number, p99: number): StackPerturbation {
  const s = strength;
  const b = { posterior: rng.uniform(0.5, 1), x: rng.normal(0, 0.3), y: rng.normal(0, 0.3) };
  return {
    gain: Math.exp(rng.normal(0, PERTURB_SPREAD.logGainSd * s)),
    offset: rng.normal(0, PERTURB_SPREAD.offsetSd * s) * p99,
    gamma: Math.exp(rng.normal(0, PERTURB_SPREAD.logGammaSd * s)),
    bias: {
      ...b,
      xx: rng.normal(0, 0.2),
      yy: rng.normal(0, 0.2),
      amplitude: rng.uniform(0.5, 1) * PERTURB_SPREAD.biasMax * s,
    },
    noiseSigma: rng.uniform(0, PERTURB_SPREAD.noiseMax * s) * p99,
    p99,
  };
}

/**
 * Unscaled log bias at normalised in-plane coordinates (a, b in [-1, 1]) and normalised posterior position
 * post in [-1, 1] (patient +y of the LPS frame: the spine coil lies behind the patient, so signal rises
 * posteriorly). The reference form of the field that {@link separableBiasLog} evaluates per axis.
 */
export function biasLog(p: StackPerturbation['bias'], a: number, b: number, post: number): number {
  return p.posterior * post + p.x * a + p.y * b + p.xx * a * a + p.yy * b * b;
}

/**
 * The scaled log bias field as three 1-D terms, log field(i, j, k) = i[i] + j[j] + k[k]: biasLog is linear in
 * the posterior coordinate (itself linear in i, j and the slice position) plus per-axis quadratics, so it
 * separates. Scaled so that the largest |log field| over the stack is the drawn amplitude.
 */
export function separableBiasLog(
  vol: Volume,
  p: StackPerturbation['bias'],
): { i: Float64Array; j: Float64Array; k: Float64Array } {
  const g = vol.geometry;
  const [u, v] = g.direction;
  const [cols, rows] = g.dims;
  const ci = g.spacingMm[0] * u[1];
  const cj = g.spacingMm[1] * v[1];
  const ys = g.slicePositionsLps.map((q) => q[1]);
  // posterior (LPS y) range over the stack: a linear function, so its extremes are at the corners
  const span = (c: number, n: number): [number, number] => [
    Math.min(0, c * (n - 1)),
    Math.max(0, c * (n - 1)),
  ];
  const [iLo, iHi] = span(ci, cols);
  const [jLo, jHi] = span(cj, rows);
  const lo = Math.min(...ys) + iLo + jLo;
  const half = (Math.max(...ys) + iHi + jHi - lo) / 2 || 1;
  const norm = (n: number, x: number): number => (n > 1 ? (2 * x) / (n - 1) - 1 : 0);
  const li = Float64Array.from({ length: cols }, (_, x) => {
    const a = norm(cols, x);
    return (p.posterior * ci * x) / half + p.x * a + p.xx * a * a;
  });
  const lj = Float64Array.from({ length: rows }, (_, y) => {
    const b = norm(rows, y);
    return (p.posterior * cj * y) / half + p.y * b + p.yy * b * b;
  });
  const lk = Float64Array.from(ys, (y) => p.posterior * ((y - lo) / half - 1));
  const ext = (f: Float64Array, pick: (...x: number[]) => number): number => pick(...f);
  const peak = Math.max(
    Math.abs(ext(li, Math.max) + ext(lj, Math.max) + ext(lk, Math.max)),
    Math.abs(ext(li, Math.min) + ext(lj, Math.min) + ext(lk, Math.min)),
    1e-12,
  );
  const scale = p.amplitude / peak;
  return { i: li.map((x) => x * scale), j: lj.map((x) => x * scale), k: lk.map((x) => x * scale) };
}

/** 65536 standard normals from rng (Box-Muller), indexed by 16-bit random numbers for the per-voxel noise. */
function normalTable(rng: Rng): Float32Array {
  const t = new Float32Array(65536);
  for (let n = 0; n < t.length; n += 2) {
    const r = Math.sqrt(-2 * Math.log(Math.max(rng.next(), 1e-12)));
    const a = 2 * Math.PI * rng.next();
    t[n] = r * Math.cos(a);
    t[n + 1] = r * Math.sin(a);
  }
  return t;
}

/**
 * The intensity curve of integer-valued pixels 0..max as a table (most MR data is integer), else undefined.
 */
function curveTable(px: Float32Array, curve: (x: number) => number): Float32Array | undefined {
  let max = 0;
  for (let o = 0; o < px.length; o++) {
    const x = px[o];
    if (x !== Math.floor(x) || x < 0 || x > 65535) return undefined;
    if (x > max) max = x;
  }
  return Float32Array.from({ length: max + 1 }, (_, x) => curve(x));
}

/** Apply a drawn perturbation to a copy of the volume's pixels (negative results clamp at 0, as magnitudes). */
export function applyPerturbation(vol: Volume, p: StackPerturbation, rng: Rng): Float32Array {
  const [cols, rows, slices] = vol.geometry.dims;
  const bias = separableBiasLog(vol, p.bias);
  const ei = bias.i.map(Math.exp);
  const ej = bias.j.map(Math.exp);
  const ref = p.p99 > 0 ? p.p99 : 1;
  const curve = (x: number): number => ref * Math.pow(Math.max(0, x * p.gain + p.offset) / ref, p.gamma);
  const table = curveTable(vol.pixels, curve);
  const sigma = p.noiseSigma;
  const normals = sigma > 0 ? normalTable(rng) : undefined;
  const px = vol.pixels;
  const out = new Float32Array(px.length);
  let state = (rng.next() * 4294967296) >>> 0; // mulberry32 inline: one 32-bit draw per voxel
  let o = 0;
  for (let k = 0; k < slices; k++) {
    const ek = Math.exp(bias.k[k]);
    for (let j = 0; j < rows; j++) {
      const ejk = ej[j] * ek;
      for (let i = 0; i < cols; i++, o++) {
        let x = (table ? table[px[o] | 0] : curve(px[o])) * ei[i] * ejk;
        if (normals) {
          state = (state + 0x6d2b79f5) | 0;
          let t = Math.imul(state ^ (state >>> 15), state | 1);
          t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
          const r = (t ^ (t >>> 14)) >>> 0;
          const re = x + sigma * normals[r & 0xffff];
          const im = sigma * normals[r >>> 16];
          x = Math.sqrt(re * re + im * im);
        }
        out[o] = x;
      }
    }
  }
  return out;
}

/**
 * The study's volumes perturbed at `strength` (0 returns them unchanged), each stack with its own draw from
 * seed + study id + series UID + stack index, so a rerun perturbs identically.
 */
export function perturbVolumes(
  volumes: readonly Volume[],
  strength: number,
  seed: string,
  studyId: string,
): Volume[] {
  if (!(strength > 0)) return [...volumes];
  return volumes.map((vol) => {
    const rng = createRng(`${seed}/${studyId}/${vol.seriesInstanceUid}/${vol.stackIndex}`);
    const p = drawPerturbation(rng, strength, p99Of(vol.pixels));
    return { ...vol, pixels: applyPerturbation(vol, p, rng.fork('noise')) };
  });
}
