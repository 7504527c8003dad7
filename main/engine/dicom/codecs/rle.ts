/**
 * RLE Lossless (PS3.5 Annex G): a 64-byte header of segment offsets, then one PackBits segment per
 * byte plane, most significant byte first. Small enough to write here; no package decodes it standalone.
 * Plain TypeScript; never imports electron.
 */
import { AppError } from '../../../shared/errors';
import type { DecodedSamples, FrameSpec } from './decodedSamples';

function readUint32Le(b: Uint8Array, p: number): number {
  return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
}

/** Unpack one PackBits segment (G.3.1) into every `stride`-th byte of `out` starting at `start`. */
function unpackSegment(
  src: Uint8Array,
  from: number,
  to: number,
  out: Uint8Array,
  start: number,
  stride: number,
  count: number,
): number {
  let p = from;
  let o = start;
  let written = 0;
  while (p < to && written < count) {
    const n = src[p++];
    if (n < 128) {
      const run = Math.min(n + 1, count - written, to - p);
      for (let i = 0; i < run; i++, o += stride) out[o] = src[p + i];
      p += n + 1;
      written += run;
    } else if (n > 128) {
      const run = Math.min(257 - n, count - written);
      const v = src[p++];
      for (let i = 0; i < run; i++, o += stride) out[o] = v;
      written += run;
    }
  }
  return written;
}

function isSampleSize(n: number): n is 1 | 2 | 4 {
  return n === 1 || n === 2 || n === 4;
}

/** Decode one RLE Lossless frame to little-endian, pixel-interleaved samples. Throws AppError DECODE_FAILED. */
export function decodeRle(encoded: Uint8Array, spec: FrameSpec, file: string): DecodedSamples {
  const bytesPerSample = spec.bitsAllocated / 8;
  if (!isSampleSize(bytesPerSample)) {
    throw new AppError(
      'DECODE_FAILED',
      `RLE with Bits Allocated ${spec.bitsAllocated} is not supported.`,
      file,
    );
  }
  const segments = encoded.length >= 64 ? readUint32Le(encoded, 0) : 0;
  const expectedSegments = bytesPerSample * spec.samplesPerPixel;
  if (segments !== expectedSegments) {
    throw new AppError(
      'DECODE_FAILED',
      `RLE header lists ${segments} segments; ${expectedSegments} expected.`,
      file,
    );
  }
  const pixels = spec.rows * spec.columns;
  const stride = bytesPerSample * spec.samplesPerPixel;
  const out = new Uint8Array(pixels * stride);
  for (let s = 0; s < segments; s++) {
    const from = readUint32Le(encoded, 4 + 4 * s);
    const to = s + 1 < segments ? readUint32Le(encoded, 8 + 4 * s) : encoded.length;
    if (from < 64 || to > encoded.length || from > to) {
      throw new AppError('DECODE_FAILED', `RLE segment ${s + 1} lies outside the frame.`, file);
    }
    const sample = Math.floor(s / bytesPerSample);
    const byteInSample = bytesPerSample - 1 - (s % bytesPerSample);
    const n = unpackSegment(encoded, from, to, out, sample * bytesPerSample + byteInSample, stride, pixels);
    if (n < pixels)
      throw new AppError('DECODE_FAILED', `RLE segment ${s + 1} holds ${n} of ${pixels} bytes.`, file);
  }
  return { bytes: out, bytesPerSample, signed: false };
}
