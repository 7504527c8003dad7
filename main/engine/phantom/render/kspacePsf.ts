/**
 * The point-spread function of a truncated k-space acquisition: a separable, lightly apodised sinc
 * (5 taps) per image axis, so sharp edges are smoothed over about 1/fraction pixels and ring (Gibbs)
 * instead of stepping. Plain TypeScript; never imports electron.
 */
import { scratchFloat32 } from './scratch';

/** Taps h0..h2 (symmetric, sum 1) of the PSF when `fraction` of the k-space extent is sampled (0.4..1). */
export function psfTaps(fraction: number): Float64Array {
  const f = Math.min(1, Math.max(0.4, fraction));
  const h = new Float64Array(3);
  for (let n = 0; n < 3; n++) {
    const x = Math.PI * f * n;
    const sinc = n === 0 ? 1 : Math.sin(x) / x;
    h[n] = sinc * (0.6 + 0.4 * Math.cos((Math.PI * n) / 3.2));
  }
  const sum = h[0] + 2 * (h[1] + h[2]);
  for (let n = 0; n < 3; n++) h[n] /= sum;
  return h;
}

/** Horizontal pass: out = h * src along each row, edge pixels clamped (through a padded row buffer). */
function rowPass(src: Float32Array, out: Float32Array, cols: number, rows: number, h: Float64Array): void {
  const h0 = h[0];
  const h1 = h[1];
  const h2 = h[2];
  const pad = new Float32Array(cols + 4);
  for (let r = 0; r < rows; r++) {
    const b = r * cols;
    pad.set(src.subarray(b, b + cols), 2);
    pad[0] = pad[1] = src[b];
    pad[cols + 2] = pad[cols + 3] = src[b + cols - 1];
    for (let c = 0; c < cols; c++) {
      out[b + c] = h0 * pad[c + 2] + h1 * (pad[c + 1] + pad[c + 3]) + h2 * (pad[c] + pad[c + 4]);
    }
  }
}

/** Vertical pass, row by row (cache friendly): out = h * src along each column, edge rows clamped. */
function columnPass(src: Float32Array, out: Float32Array, cols: number, rows: number, h: Float64Array): void {
  const h0 = h[0];
  const h1 = h[1];
  const h2 = h[2];
  const row = (k: number): number => (k < 0 ? 0 : k >= rows ? rows - 1 : k) * cols;
  for (let r = 0; r < rows; r++) {
    const b = r * cols;
    const m1 = row(r - 1);
    const p1 = row(r + 1);
    const m2 = row(r - 2);
    const p2 = row(r + 2);
    for (let c = 0; c < cols; c++) {
      out[b + c] = h0 * src[b + c] + h1 * (src[m1 + c] + src[p1 + c]) + h2 * (src[m2 + c] + src[p2 + c]);
    }
  }
}

/**
 * PSF of (colFraction, rowFraction) applied to image * factor (row-major, cols x rows); returns `out` (a new
 * image unless given; it must not be `image`).
 */
export function applyKspacePsf(
  image: Float32Array,
  cols: number,
  rows: number,
  factor: number,
  colFraction: number,
  rowFraction: number,
  out: Float32Array = new Float32Array(image.length),
): Float32Array {
  const tmp = scratchFloat32('kspace-row-pass', image.length);
  const hc = psfTaps(colFraction).map((t) => t * factor);
  rowPass(image, tmp, cols, rows, hc);
  columnPass(tmp, out, cols, rows, psfTaps(rowFraction));
  return out;
}
