/**
 * Acquisition effects on a noise-free slice: smooth receive-coil bias (brighter toward a posterior
 * coil), faint phase-encode ghosting and Rician magnitude noise. Plain Node; never imports electron.
 */
import type { Rng } from '../../rng';
import { scratchFloat32 } from './scratch';

export interface AcquisitionOptions {
  /** Standard deviation of the complex Gaussian noise, in image units (signal is roughly 0..1). */
  noiseSigma: number;
  /** 0 = flat; 0.3 = about +-30% shading across the image. */
  biasStrength: number;
  /** Relative amplitude of the ghost copies along the phase-encode (row) axis. */
  ghosting: number;
  /** Replicas on each side (default 1); replica k is shifted k times as far and 1/k as strong. */
  ghostCopies?: number;
  /**
   * In-plane direction toward the patient's posterior (the coil) in (col, row) pixel axes, e.g.
   * (dot(u, +y), dot(v, +y)) from (0020,0037); omitted: a random smooth shading only.
   */
  posteriorInPlane?: readonly [number, number];
}

const GAUSS_TABLE_SIZE = 1 << 16;

/** Standard normal deviates (Box-Muller on a fixed xorshift stream), shared by every call. */
const GAUSS: Float32Array = (() => {
  const t = new Float32Array(GAUSS_TABLE_SIZE);
  let state = 0x2545f491;
  const uniform = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) + 0.5) / 4294967296;
  };
  for (let i = 0; i < t.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(uniform()));
    const a = 2 * Math.PI * uniform();
    t[i] = r * Math.cos(a);
    t[i + 1] = r * Math.sin(a);
  }
  return t;
})();

const BIAS_GRID = 33;

/** The bias field's coarse grid (BIAS_GRID^2 nodes over the image): draws its waves from `rng`. */
function biasCoarse(rng: Rng, opts: AcquisitionOptions): Float32Array {
  const [pc, pr] = opts.posteriorInPlane ?? [0, 0];
  const plen = Math.hypot(pc, pr);
  const waves = Array.from({ length: 3 }, () => ({
    kc: rng.uniform(-1.6, 1.6),
    kr: rng.uniform(-1.6, 1.6),
    ph: rng.uniform(0, 2 * Math.PI),
    a: rng.uniform(0.2, 0.45),
  }));
  const n = BIAS_GRID;
  const coarse = new Float32Array(n * n);
  for (let j = 0; j < n; j++) {
    const yr = (j / (n - 1)) * 2 - 1;
    for (let i = 0; i < n; i++) {
      const xc = (i / (n - 1)) * 2 - 1;
      let b = 0;
      for (const w of waves) b += w.a * Math.cos(w.kc * xc + w.kr * yr + w.ph);
      if (plen > 0) b += 1.6 * Math.tanh(((pc * xc + pr * yr) / plen) * 1.5);
      coarse[j * n + i] = Math.max(0.2, 1 + opts.biasStrength * 0.5 * b);
    }
  }
  return coarse;
}

/**
 * The bias field (the coarse grid bilinearly upsampled) row by row: `onRow(r, top, bottom, ty)` gets the
 * x-interpolated node rows around row r and r's fraction between them; the field at (c, r) is
 * top[c] + (bottom[c] - top[c]) * ty. The node rows depend only on the column and the row's node interval,
 * so they are computed once per interval.
 */
function forEachBiasRow(
  cols: number,
  rows: number,
  coarse: Float32Array,
  onRow: (r: number, top: Float64Array, bottom: Float64Array, ty: number) => void,
): void {
  const n = BIAS_GRID;
  const colNode = new Int32Array(cols);
  const colT = new Float64Array(cols);
  for (let c = 0; c < cols; c++) {
    const fx = (c / Math.max(1, cols - 1)) * (n - 1);
    const i = Math.min(n - 2, Math.floor(fx));
    colNode[c] = i;
    colT[c] = fx - i;
  }
  const top = new Float64Array(cols);
  const bottom = new Float64Array(cols);
  let rowNode = -1;
  for (let r = 0; r < rows; r++) {
    const fy = (r / Math.max(1, rows - 1)) * (n - 1);
    const j = Math.min(n - 2, Math.floor(fy));
    if (j !== rowNode) {
      interpolateNodeRows(coarse, j, colNode, colT, top, bottom);
      rowNode = j;
    }
    onRow(r, top, bottom, fy - j);
  }
}

/** image x bias field into `shaded` (the field rounded to float32 per pixel, as a stored field would be). */
function shade(
  image: Float32Array,
  cols: number,
  rows: number,
  coarse: Float32Array,
  shaded: Float32Array,
): void {
  forEachBiasRow(cols, rows, coarse, (r, top, bottom, ty) => {
    const b = r * cols;
    for (let c = 0; c < cols; c++)
      shaded[b + c] = image[b + c] * Math.fround(top[c] + (bottom[c] - top[c]) * ty);
  });
}

/** Coarse node rows j and j + 1 interpolated at every column (x only). */
function interpolateNodeRows(
  coarse: Float32Array,
  j: number,
  colNode: Int32Array,
  colT: Float64Array,
  top: Float64Array,
  bottom: Float64Array,
): void {
  const n = BIAS_GRID;
  for (let c = 0; c < colNode.length; c++) {
    const k = j * n + colNode[c];
    const tx = colT[c];
    top[c] = coarse[k] + (coarse[k + 1] - coarse[k]) * tx;
    bottom[c] = coarse[k + n] + (coarse[k + n + 1] - coarse[k + n]) * tx;
  }
}

/** Faint copies of the image shifted +-k * shift rows (phase-encode ghosts, k = 1..copies) added to `shaded`. */
function ghost(
  shaded: Float32Array,
  cols: number,
  rows: number,
  shift: number,
  g: number,
  copies: number,
  out: Float32Array,
): Float32Array {
  for (let r = 0; r < rows; r++) {
    const b = r * cols;
    for (let c = 0; c < cols; c++) out[b + c] = shaded[b + c];
    for (let k = 1; k <= copies; k++) {
      const gk = g / k;
      const ra = ((r + k * shift) % rows) * cols;
      const rb = ((((r - k * shift) % rows) + rows) % rows) * cols;
      for (let c = 0; c < cols; c++) out[b + c] += gk * (shaded[ra + c] + shaded[rb + c]);
    }
  }
  return out;
}

/** Rician magnitude noise in place: |s + n1 + i n2| with n1, n2 ~ N(0, sigma^2) from a seeded xorshift. */
function addRicianNoise(out: Float32Array, seed: number, sigma: number): void {
  const table = GAUSS;
  let state = seed;
  const mask = GAUSS_TABLE_SIZE - 1;
  for (let i = 0; i < out.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const n1 = table[state & mask] * sigma;
    const n2 = table[(state >>> 16) & mask] * sigma;
    const s = out[i] + n1;
    out[i] = Math.sqrt(s * s + n2 * n2);
  }
}

/**
 * Bias and ghosting and the seed of the noise stream, drawn from `rng` in a fixed order. The image is new
 * unless `reuse` (then it lies in work buffers, valid until the next slice: for a caller that only reads it).
 */
function effectsBeforeNoise(
  image: Float32Array,
  cols: number,
  rows: number,
  rng: Rng,
  opts: AcquisitionOptions,
  reuse = false,
): { image: Float32Array; noiseSeed: number } {
  const buffer = (name: string): Float32Array =>
    reuse ? scratchFloat32(name, image.length) : new Float32Array(image.length);
  const coarse = biasCoarse(rng, opts);
  const shaded = buffer('acquisition-shaded');
  shade(image, cols, rows, coarse, shaded);
  // int32 (| 0: the same value), so the ghost pass indexes its shifted rows with integer arithmetic.
  const shift = Math.max(1, Math.round(rows / rng.uniform(2.5, 4))) | 0;
  const g = opts.ghosting * 0.5;
  const copies = opts.ghostCopies ?? 1;
  const out =
    g === 0
      ? shaded
      : ghost(
          shaded,
          cols,
          rows,
          copies > 1 ? Math.max(1, Math.round(shift / copies)) : shift,
          g,
          copies,
          buffer('acquisition-ghosted'),
        );
  return { image: out, noiseSeed: Math.floor(rng.next() * 4294967295) >>> 0 || 1 };
}

/**
 * Apply bias, ghosting and Rician noise; returns a new image (input untouched). Without ghosting the
 * ghost pass would add exactly zero, so it is skipped.
 */
export function applyAcquisitionEffects(
  image: Float32Array,
  cols: number,
  rows: number,
  rng: Rng,
  opts: AcquisitionOptions,
): Float32Array {
  const before = effectsBeforeNoise(image, cols, rows, rng, opts);
  addRicianNoise(before.image, before.noiseSeed, opts.noiseSigma);
  return before.image;
}

/** How a scanner stores signal (~0..1): round half up of offset + scale * signal, clamped to 0..maxStored. */
export interface StoredScale {
  offset: number;
  scale: number;
  /** 2^BitsStored - 1 of (0028,0101). */
  maxStored: number;
}

/**
 * One row of noisy stored values: pixel c of the row (image[b + c], times the float32 gain[c]) takes the next
 * Rician sample of the xorshift stream in `state` (as {@link addRicianNoise} draws them) and is stored as
 * `stored` says (round half up, clamped). Returns the stream's state after the row. The one pixel loop of both
 * stored paths: with gains of exactly 1 a float32 pixel is unchanged (the ghosted image is already shaded).
 */
function noisyRowToStored(
  image: Float32Array,
  b: number,
  gain: Float32Array,
  out: Uint16Array,
  state: number,
  sigma: number,
  stored: StoredScale,
): number {
  const { offset, scale, maxStored } = stored;
  const top = maxStored + 0.5;
  const table = GAUSS;
  const mask = GAUSS_TABLE_SIZE - 1;
  let st = state;
  for (let c = 0, n = gain.length; c < n; c++) {
    st ^= st << 13;
    st ^= st >>> 17;
    st ^= st << 5;
    const n1 = table[st & mask] * sigma;
    const n2 = table[(st >>> 16) & mask] * sigma;
    const s = Math.fround(image[b + c] * gain[c]) + n1;
    const v = offset + scale * Math.fround(Math.sqrt(s * s + n2 * n2)) + 0.5;
    out[b + c] = v <= 0 ? 0 : v >= top ? maxStored : v; // Uint16Array stores the truncation: round half up
  }
  return st;
}

/** Rician noise as in {@link addRicianNoise}, each noisy float32 value stored at once as `stored` says. */
function noiseToStored(
  image: Float32Array,
  cols: number,
  seed: number,
  sigma: number,
  stored: StoredScale,
): Uint16Array {
  const out = new Uint16Array(image.length);
  const ones = new Float32Array(cols).fill(1);
  let state = seed;
  for (let b = 0; b < image.length; b += cols)
    state = noisyRowToStored(image, b, ones, out, state, sigma, stored);
  return out;
}

/**
 * {@link applyAcquisitionEffects} and then the stored values of the noisy image (unsigned 16-bit, row-major):
 * the same values as quantising its float32 result, with the noise and the quantisation in one pass.
 */
export function acquireStored(
  image: Float32Array,
  cols: number,
  rows: number,
  rng: Rng,
  opts: AcquisitionOptions,
  stored: StoredScale,
): Uint16Array {
  if (opts.ghosting * 0.5 === 0) {
    // No ghosts (most series): the same draws in the same order as effectsBeforeNoise (bias waves, the
    // unused ghost shift, the noise seed), then shading and noise in one pass over the image.
    const coarse = biasCoarse(rng, opts);
    rng.uniform(2.5, 4);
    const noiseSeed = Math.floor(rng.next() * 4294967295) >>> 0 || 1;
    return shadeNoiseToStored(image, cols, rows, coarse, noiseSeed, opts.noiseSigma, stored);
  }
  const before = effectsBeforeNoise(image, cols, rows, rng, opts, true);
  return noiseToStored(before.image, cols, before.noiseSeed, opts.noiseSigma, stored);
}

/**
 * {@link shade} and then {@link noiseToStored} in one pass: each shaded value is rounded to float32 as the
 * shaded buffer would store it, then takes its noise sample in the same (row-major) order, so the stored
 * values are those of the two passes.
 */
function shadeNoiseToStored(
  image: Float32Array,
  cols: number,
  rows: number,
  coarse: Float32Array,
  seed: number,
  sigma: number,
  stored: StoredScale,
): Uint16Array {
  const out = new Uint16Array(image.length);
  const gain = new Float32Array(cols);
  let state = seed;
  forEachBiasRow(cols, rows, coarse, (r, top, bottom, ty) => {
    for (let c = 0; c < cols; c++) gain[c] = top[c] + (bottom[c] - top[c]) * ty;
    state = noisyRowToStored(image, r * cols, gain, out, state, sigma, stored);
  });
  return out;
}
