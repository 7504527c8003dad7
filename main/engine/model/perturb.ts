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
 * posteriorly).
 */
export function biasLog(p: StackPerturbation['bias'], a: number, b: number, post: number): number {
  return p.posterior * post + p.x * a + p.y * b + p.xx * a * a + p.yy * b * b;
}

/** Per voxel, the patient posterior coordinate (LPS y, mm) normalised to [-1, 1] over the stack. */
function posteriorNorm(vol: Volume): (i: number, j: number, k: number) => number {
  const g = vol.geometry;
  const [u, v] = g.direction;
  const [cols, rows, slices] = g.dims;
  const yAt = (i: number, j: number, k: number): number =>
    g.slicePositionsLps[k][1] + i * g.spacingMm[0] * u[1] + j * g.spacingMm[1] * v[1];
  let lo = Infinity;
  let hi = -Infinity;
  for (const k of [0, slices - 1])
    for (const [i, j] of [
      [0, 0],
      [cols - 1, 0],
      [0, rows - 1],
      [cols - 1, rows - 1],
    ]) {
      lo = Math.min(lo, yAt(i, j, k));
      hi = Math.max(hi, yAt(i, j, k));
    }
  const half = (hi - lo) / 2 || 1;
  return (i, j, k) => (yAt(i, j, k) - lo) / half - 1;
}

/** The largest |biasLog| over the stack's corners (the field is at most quadratic, so its peak is there or at 0). */
function biasPeak(
  p: StackPerturbation['bias'],
  post: (i: number, j: number, k: number) => number,
  d: readonly number[],
): number {
  let peak = 1e-9;
  for (const k of [0, d[2] - 1])
    for (const [i, j] of [
      [0, 0],
      [d[0] - 1, 0],
      [0, d[1] - 1],
      [d[0] - 1, d[1] - 1],
    ])
      peak = Math.max(peak, Math.abs(biasLog(p, i === 0 ? -1 : 1, j === 0 ? -1 : 1, post(i, j, k))));
  return peak;
}

/** Apply a drawn perturbation to a copy of the volume's pixels (negative results clamp at 0, as magnitudes). */
export function applyPerturbation(vol: Volume, p: StackPerturbation, rng: Rng): Float32Array {
  const [cols, rows, slices] = vol.geometry.dims;
  const post = posteriorNorm(vol);
  const scale = p.bias.amplitude / biasPeak(p.bias, post, vol.geometry.dims);
  const out = new Float32Array(vol.pixels.length);
  const ref = p.p99 > 0 ? p.p99 : 1;
  const sigma = p.noiseSigma;
  let spare = Number.NaN;
  const gauss = (): number => {
    if (!Number.isNaN(spare)) {
      const s = spare;
      spare = Number.NaN;
      return s;
    }
    const r = Math.sqrt(-2 * Math.log(Math.max(rng.next(), 1e-12)));
    const t = 2 * Math.PI * rng.next();
    spare = r * Math.sin(t);
    return r * Math.cos(t);
  };
  let o = 0;
  for (let k = 0; k < slices; k++)
    for (let j = 0; j < rows; j++) {
      const b = rows > 1 ? (2 * j) / (rows - 1) - 1 : 0;
      for (let i = 0; i < cols; i++, o++) {
        const a = cols > 1 ? (2 * i) / (cols - 1) - 1 : 0;
        const field = Math.exp(scale * biasLog(p.bias, a, b, post(i, j, k)));
        let x = Math.max(0, vol.pixels[o] * p.gain + p.offset);
        x = ref * Math.pow(x / ref, p.gamma) * field;
        if (sigma > 0) {
          const re = x + sigma * gauss();
          const im = sigma * gauss();
          x = Math.sqrt(re * re + im * im);
        }
        out[o] = x;
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
