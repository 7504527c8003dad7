/**
 * Intensity normalisation, the one definition shared by training prep and inference (models/README.md):
 * per stack, p1 and p99 of its voxels; x' = clip((x - p1) / (p99 - p1), 0, 1.5). Never imports electron.
 */
import { percentiles } from '../../shared/percentile';
import type { Volume } from '../volume/types';

/** Upper clip of normalised intensities. */
export const NORMALIZED_MAX = 1.5;
/** Voxels sampled for the percentiles: a fixed stride over the stack keeps this deterministic and fast. */
const MAX_SAMPLES = 262_144;

export interface IntensityRange {
  p1: number;
  p99: number;
}

/**
 * p1 and p99 of a stack's voxels. Stacks larger than 262,144 voxels are sampled at a fixed stride
 * (every ceil(n / 262144)-th voxel), identically in prep and at inference.
 */
export function intensityRange(pixels: Float32Array): IntensityRange {
  const stride = Math.max(1, Math.ceil(pixels.length / MAX_SAMPLES));
  const sample = new Float32Array(Math.ceil(pixels.length / stride));
  let n = 0;
  for (let x = 0; x < pixels.length; x += stride) {
    const v = pixels[x];
    if (Number.isFinite(v)) sample[n++] = v;
  }
  const [p1, p99] = percentiles(sample.subarray(0, n), [1, 99]);
  return { p1, p99 };
}

/** Cached range per volume (volumes are immutable once built). */
const cache = new WeakMap<Volume, IntensityRange>();

/** {@link intensityRange} of a volume's pixels, computed once per volume. */
export function volumeIntensityRange(vol: Volume): IntensityRange {
  let r = cache.get(vol);
  if (!r) {
    r = intensityRange(vol.pixels);
    cache.set(vol, r);
  }
  return r;
}

/** Normalise one raw value: clip((x - p1) / (p99 - p1), 0, 1.5); a flat stack maps to 0. */
export function normalizeIntensity(x: number, r: IntensityRange): number {
  const span = r.p99 - r.p1;
  if (!(span > 0)) return 0;
  const y = (x - r.p1) / span;
  return y < 0 ? 0 : y > NORMALIZED_MAX ? NORMALIZED_MAX : y;
}
