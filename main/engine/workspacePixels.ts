/**
 * The decoded pixels of one stack for the viewer: decodeStack, each file's SHA-256 (taken while decoding)
 * checked against its import-time hash, then the smallest exact element type. Pure data in and out, so it
 * also runs in the engine worker. Plain Node; never imports electron.
 */
import type { PixelDtype, StackPixels } from '../shared/apiWorkspace';
import { percentiles } from '../shared/percentile';
import { decodeStack } from './dicom/decodeStack';
import type { ImportProblem } from './dicom/importTypes';
import type { FileDigest, StackHeader } from './volume/types';

/** A stack to decode and the import-time SHA-256 of each of its files (by path). */
export interface StackDecodeRequest {
  stack: StackHeader;
  expectedSha256: Record<string, string>;
}

/** Values the automatic window is estimated from (a strided sample of the decoded slices). */
const WINDOW_SAMPLES = 262_144;
/** Percentiles of the automatic MR window: background and the brightest specks (fat, vessels) left out. */
const WINDOW_PERCENTILES = [1, 99.5] as const;

/** The smallest element type that holds every value exactly: int16, else uint16, else float32. */
export function pixelDtype(values: Float32Array): { dtype: PixelDtype; min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
    if (integral && v !== Math.trunc(v)) integral = false;
  }
  if (values.length === 0) return { dtype: 'int16', min: 0, max: 0 };
  if (integral && min >= -32768 && max <= 32767) return { dtype: 'int16', min, max };
  if (integral && min >= 0 && max <= 65535) return { dtype: 'uint16', min, max };
  return { dtype: 'float32', min, max };
}

/** The values as a fresh buffer of `dtype` (float32: the decoded buffer itself). */
export function toDtypeBuffer(values: Float32Array, dtype: PixelDtype): ArrayBuffer {
  if (dtype === 'float32') {
    const { buffer, byteOffset, byteLength } = values;
    return byteOffset === 0 && byteLength === buffer.byteLength
      ? (buffer as ArrayBuffer)
      : (buffer.slice(byteOffset, byteOffset + byteLength) as ArrayBuffer);
  }
  const out = dtype === 'int16' ? new Int16Array(values.length) : new Uint16Array(values.length);
  out.set(values);
  return out.buffer;
}

/**
 * Automatic MR window from the 1st and 99.5th percentiles of the decoded slices (MR has no fixed units;
 * the full range would be set by a few bright voxels). Width at least 1.
 */
export function stackAutoWindow(
  values: Float32Array,
  sliceSize: number,
  failed: ReadonlySet<number>,
): { center: number; width: number } {
  const slices = sliceSize > 0 ? values.length / sliceSize : 0;
  const good: number[] = [];
  for (let k = 0; k < slices; k++) if (!failed.has(k)) good.push(k);
  const total = good.length * sliceSize;
  if (total === 0) return { center: 0, width: 1 };
  const step = Math.max(1, Math.ceil(total / WINDOW_SAMPLES));
  const sample = new Float32Array(Math.ceil(total / step));
  let n = 0;
  for (let t = 0; t < total; t += step) {
    const k = good[Math.floor(t / sliceSize)];
    sample[n++] = values[k * sliceSize + (t % sliceSize)];
  }
  const [lo, hi] = percentiles(sample.subarray(0, n), WINDOW_PERCENTILES);
  return { center: (lo + hi) / 2, width: Math.max(1, hi - lo) };
}

/** Per-slice failures: decode problems by file, and files whose bytes differ from the import. */
function failedSlicesOf(
  stack: StackHeader,
  decodedFailed: readonly number[],
  problems: readonly ImportProblem[],
  changed: ReadonlySet<number>,
): Array<{ sliceIndex: number; message: string }> {
  const byFile = new Map(problems.map((p) => [p.file, p.message]));
  const out = new Map<number, string>();
  for (const k of decodedFailed)
    out.set(k, byFile.get(stack.filePaths[k]) ?? 'The slice could not be decoded.');
  for (const k of changed)
    if (!out.has(k))
      out.set(
        k,
        `${stack.filePaths[k]} changed since import (content hash differs); import the study again to view it.`,
      );
  return [...out].sort((a, b) => a[0] - b[0]).map(([sliceIndex, message]) => ({ sliceIndex, message }));
}

/**
 * A stack's pixels for the viewer plus what the analysis needs to grade them without reading the files
 * again: the slices that failed to decode (not those whose file changed) and each slice's file digest.
 */
export interface DecodedStackPixels extends StackPixels {
  /** Slices k whose pixels could not be decoded (0 in `pixels`), as decodeStack reports them. */
  decodeFailedSliceIndices: number[];
  /** Per slice k: size and SHA-256 of its file as read for this decode, null where it could not be read. */
  fileDigests: Array<FileDigest | null>;
}

/**
 * Decode one stack, verify every file against its import-time hash, and pack the pixels for the viewer
 * (the contract's StackPixels is the object without decodeFailedSliceIndices and fileDigests).
 */
export async function decodeStackPixels(
  req: StackDecodeRequest,
  signal?: AbortSignal,
): Promise<DecodedStackPixels> {
  const { stack, expectedSha256 } = req;
  const problems: ImportProblem[] = [];
  const volume = await decodeStack(stack, problems, signal ? { signal } : {});
  const [columns, rows] = stack.geometry.dims;
  const sliceSize = columns * rows;
  const changed = new Set<number>();
  volume.fileDigests?.forEach((d, k) => {
    const expected = expectedSha256[stack.filePaths[k]];
    if (d && d.sha256 !== expected) {
      changed.add(k);
      volume.pixels.fill(0, k * sliceSize, (k + 1) * sliceSize);
    }
  });
  const failedSlices = failedSlicesOf(stack, volume.failedSliceIndices, problems, changed);
  const failed = new Set(failedSlices.map((f) => f.sliceIndex));
  const autoWindow = stackAutoWindow(volume.pixels, sliceSize, failed);
  const { dtype, min, max } = pixelDtype(volume.pixels);
  return {
    seriesInstanceUid: stack.seriesInstanceUid,
    stackIndex: stack.stackIndex,
    dims: stack.geometry.dims,
    dtype,
    pixels: toDtypeBuffer(volume.pixels, dtype),
    minValue: min,
    maxValue: max,
    autoWindow,
    failedSlices,
    decodeFailedSliceIndices: volume.failedSliceIndices,
    fileDigests: stack.filePaths.map((_, k) => volume.fileDigests?.[k] ?? null),
  };
}
