/**
 * Localizer input and heatmap decoding (models/README.md "Localizer"): three adjacent sagittal slices
 * resampled to 256 x 256, and heatmap peaks mapped back to slice pixels and patient mm. Pixel-centre
 * convention throughout: source i = (a + 0.5) * cols / 256 - 0.5. Plain Node; never imports electron.
 */
import type { Vec3 } from '../../shared/vec3';
import type { Volume } from '../volume/types';
import { NORMALIZED_MAX, volumeIntensityRange } from './normalize';
import { voxelToLps } from './volumeGeometry';

/** Localizer input size (px) per side. */
export const LOCALIZER_PX = 256;
/** Default heatmap size (px) per side; the manifest's output shape is authoritative. */
export const HEATMAP_PX = 64;
/** A channel whose best peak is below this is "not found". */
export const MIN_PEAK = 0.05;

/** Bilinear taps along one axis: for each output px, the two source indices and the weight of the second. */
function taps(outPx: number, srcPx: number): { i0: Int32Array; i1: Int32Array; f: Float32Array } {
  const i0 = new Int32Array(outPx);
  const i1 = new Int32Array(outPx);
  const f = new Float32Array(outPx);
  for (let a = 0; a < outPx; a++) {
    const x = Math.min(srcPx - 1, Math.max(0, ((a + 0.5) * srcPx) / outPx - 0.5));
    i0[a] = Math.floor(x);
    i1[a] = Math.min(i0[a] + 1, srcPx - 1);
    f[a] = x - i0[a];
  }
  return { i0, i1, f };
}

/**
 * The bilinear resampling of a 2n x 2n slice to n x n, where every tap falls halfway between two source
 * pixels (weight 0.5): a*0.5 + b*0.5 is (a + b)*0.5 exactly in binary floating point, so this gives the
 * same bits as the general path, about three times faster (512 px is a common MR matrix).
 */
function halveSlice(
  px: Float32Array,
  base: number,
  cols: number,
  out: Float32Array,
  offset: number,
  p1: number,
  span: number,
): void {
  const n = cols >> 1; // an integer, so the index arithmetic stays in small integers
  const max = +NORMALIZED_MAX; // unary plus: V8 then knows a number (an imported binding is a getter in CommonJS)
  for (let b = 0; b < n; b++) {
    let r0 = base + 2 * b * cols;
    let r1 = r0 + cols;
    const o = offset + b * n;
    for (let a = 0; a < n; a++, r0 += 2, r1 += 2) {
      const y = (((px[r0] + px[r0 + 1]) * 0.5 + (px[r1] + px[r1 + 1]) * 0.5) * 0.5 - p1) / span;
      out[o + a] = y < 0 ? 0 : y > max ? max : y;
    }
  }
}

/**
 * One slice resampled (bilinear, pixel-centre convention) from its full field of view to 256 x 256 and
 * normalised per stack, written into out at offset. A 512 x 512 slice takes the exact halving path.
 */
export function resampleSlice(vol: Volume, k: number, out: Float32Array, offset = 0): void {
  const [cols, rows] = vol.geometry.dims;
  if (cols === 2 * LOCALIZER_PX && rows === 2 * LOCALIZER_PX) {
    const { p1, p99 } = volumeIntensityRange(vol);
    const span = p99 - p1;
    if (span > 0) {
      halveSlice(vol.pixels, k * cols * rows, cols, out, offset, p1, span);
      return;
    }
  }
  resampleSliceBilinear(vol, k, out, offset);
}

/** {@link resampleSlice} by the general bilinear path for any slice size (exported for the equality test). */
export function resampleSliceBilinear(vol: Volume, k: number, out: Float32Array, offset = 0): void {
  const n = LOCALIZER_PX;
  const [cols, rows] = vol.geometry.dims;
  const { p1, p99 } = volumeIntensityRange(vol);
  const span = p99 - p1;
  if (!(span > 0)) {
    out.fill(0, offset, offset + n * n); // a flat stack normalises to 0 (normalizeIntensity)
    return;
  }
  const { i0: ti0, i1: ti1, f: tf } = taps(n, cols);
  const ty = taps(n, rows);
  const px = vol.pixels;
  const base = k * cols * rows;
  const max = +NORMALIZED_MAX; // see halveSlice
  // The arithmetic of normalizeIntensity, inlined: (x - p1) / span clipped to [0, NORMALIZED_MAX].
  for (let b = 0; b < n; b++) {
    const r0 = base + ty.i0[b] * cols;
    const r1 = base + ty.i1[b] * cols;
    const fy = ty.f[b];
    const o = offset + b * n;
    for (let a = 0; a < n; a++) {
      const i0 = ti0[a];
      const i1 = ti1[a];
      const fx = tf[a];
      const top = px[r0 + i0] * (1 - fx) + px[r0 + i1] * fx;
      const bottom = px[r1 + i0] * (1 - fx) + px[r1 + i1] * fx;
      const y = (top * (1 - fy) + bottom * fy - p1) / span;
      out[o + a] = y < 0 ? 0 : y > max ? max : y;
    }
  }
}

/** The source slices of the localizer input of slice k: k-1, k, k+1, edge slices repeated. */
export function tripletSlices(k: number, slices: number): [number, number, number] {
  const at = (kk: number): number => Math.min(slices - 1, Math.max(0, kk));
  return [at(k - 1), at(k), at(k + 1)];
}

/**
 * Input [3, 256, 256] of slice k: its {@link tripletSlices}, each resampled bilinearly from its full
 * field of view, normalised per stack. Written into out at offset when given.
 */
export function localizerImage(vol: Volume, k: number, out?: Float32Array, offset = 0): Float32Array {
  const plane = LOCALIZER_PX * LOCALIZER_PX;
  const target = out ?? new Float32Array(3 * plane);
  tripletSlices(k, vol.geometry.dims[2]).forEach((kk, c) =>
    resampleSlice(vol, kk, target, offset + c * plane),
  );
  return target;
}

/** Source pixel (i = column, j = row) -> heatmap px of a heatmapPx-square heatmap. */
export function sourceToHeatmap(
  vol: Volume,
  i: number,
  j: number,
  heatmapPx = HEATMAP_PX,
): { x: number; y: number } {
  const [cols, rows] = vol.geometry.dims;
  return { x: ((i + 0.5) * heatmapPx) / cols - 0.5, y: ((j + 0.5) * heatmapPx) / rows - 0.5 };
}

/** Heatmap px -> source pixel (inverse of {@link sourceToHeatmap}). */
export function heatmapToSource(
  vol: Volume,
  x: number,
  y: number,
  heatmapPx = HEATMAP_PX,
): { i: number; j: number } {
  const [cols, rows] = vol.geometry.dims;
  return { i: ((x + 0.5) * cols) / heatmapPx - 0.5, j: ((y + 0.5) * rows) / heatmapPx - 0.5 };
}

export interface HeatmapPeak {
  value: number;
  /** Sub-pixel peak position in heatmap px. */
  x: number;
  y: number;
}

/**
 * Sub-pixel offset of a peak along one axis from its two neighbours: the vertex of the parabola through
 * the log values (exact for a Gaussian peak), clamped to +-0.5 px; 0 when the log values are not concave.
 */
function gaussianOffset(before: number, at: number, after: number): number {
  const lb = Math.log(Math.max(before, 1e-6));
  const la = Math.log(Math.max(at, 1e-6));
  const lf = Math.log(Math.max(after, 1e-6));
  const curvature = lb - 2 * la + lf;
  if (!(curvature < 0)) return 0;
  return Math.max(-0.5, Math.min(0.5, (lb - lf) / (2 * curvature)));
}

/**
 * Peak of channel c of batch row b in heatmaps [B, C, H, W]: the maximum pixel refined to sub-pixel
 * precision by a Gaussian (log-parabola) fit through its row and column neighbours (edges: no refinement).
 */
export function channelPeak(
  heatmaps: Float32Array,
  b: number,
  c: number,
  channels: number,
  h: number,
  w: number,
): HeatmapPeak {
  const base = (b * channels + c) * h * w;
  let best = 0;
  for (let p = 1; p < h * w; p++) if (heatmaps[base + p] > heatmaps[base + best]) best = p;
  const py = Math.floor(best / w);
  const px = best % w;
  const at = (x: number, y: number): number => heatmaps[base + y * w + x];
  const v = at(px, py);
  const dx = px > 0 && px < w - 1 ? gaussianOffset(at(px - 1, py), v, at(px + 1, py)) : 0;
  const dy = py > 0 && py < h - 1 ? gaussianOffset(at(px, py - 1), v, at(px, py + 1)) : 0;
  return { value: v, x: px + dx, y: py + dy };
}

/** A decoded point on one slice of one sagittal stack. */
export interface DecodedPoint {
  volume: Volume;
  k: number;
  i: number;
  j: number;
  positionLps: Vec3;
  peak: number;
}

/** Heatmap peaks of every channel for one slice of one stack. */
export interface SlicePeaks {
  volume: Volume;
  k: number;
  peaks: HeatmapPeak[];
  heatmapPx: number;
}

function toPoint(s: SlicePeaks, c: number): DecodedPoint {
  const pk = s.peaks[c];
  const { i, j } = heatmapToSource(s.volume, pk.x, pk.y, s.heatmapPx);
  return { volume: s.volume, k: s.k, i, j, positionLps: voxelToLps(s.volume, i, j, s.k), peak: pk.value };
}

/** Level points (channels 0-4): per level the best-peaking slice; null when no peak reaches MIN_PEAK. */
export function decodeLevelPoints(
  slices: readonly SlicePeaks[],
  minPeak = MIN_PEAK,
): Array<DecodedPoint | null> {
  return [0, 1, 2, 3, 4].map((c) => {
    let best: SlicePeaks | undefined;
    for (const s of slices) if (!best || s.peaks[c].value > best.peaks[c].value) best = s;
    return best && best.peaks[c].value >= minPeak ? toPoint(best, c) : null;
  });
}

/**
 * Foramina (channels 5-9) per level: over the slices, the best peak whose patient x is greater than the
 * level's midline x is the LEFT foramen, the best on the other side the RIGHT one (side from patient x,
 * never from slice index). midlineX[level] null: that level's foramina are not decoded.
 */
export function decodeForamina(
  slices: readonly SlicePeaks[],
  midlineX: ReadonlyArray<number | null>,
  minPeak = MIN_PEAK,
): Array<{ left: DecodedPoint | null; right: DecodedPoint | null }> {
  return [0, 1, 2, 3, 4].map((level) => {
    const mid = midlineX[level];
    let left: DecodedPoint | null = null;
    let right: DecodedPoint | null = null;
    if (mid === null || mid === undefined) return { left, right };
    for (const s of slices) {
      if (s.peaks[5 + level].value < minPeak) continue;
      const p = toPoint(s, 5 + level);
      if (p.positionLps[0] > mid) {
        if (!left || p.peak > left.peak) left = p;
      } else if (!right || p.peak > right.peak) right = p;
    }
    return { left, right };
  });
}
