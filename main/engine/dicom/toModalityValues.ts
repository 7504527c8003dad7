/**
 * Stored sample values -> modality values (Float32): High Bit / Bits Stored masking, two's-complement
 * sign, (0028,1053) Rescale Slope and (0028,1052) Intercept, and MONOCHROME1 inversion.
 * Plain TypeScript; never imports electron.
 */
import { AppError } from '../../shared/errors';
import type { DecodedSamples } from './codecs/decodedSamples';
import type { PixelFormat } from './headerTypes';

/** Rescale of one frame. */
export interface Rescale {
  slope: number;
  intercept: number;
}

/** The stored-value range [min, max] that Bits Stored and Pixel Representation allow (PS3.3 C.7.6.3.1). */
export function storedRange(pixel: PixelFormat): [number, number] {
  const bits = pixel.bitsStored;
  return pixel.pixelRepresentation === 1 ? [-(2 ** (bits - 1)), 2 ** (bits - 1) - 1] : [0, 2 ** bits - 1];
}

type SampleArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array;

function typedView(s: DecodedSamples, count: number): SampleArray {
  const aligned = s.bytes.byteOffset % s.bytesPerSample === 0 ? s.bytes : s.bytes.slice();
  const { buffer, byteOffset } = aligned;
  if (s.bytesPerSample === 1)
    return s.signed ? new Int8Array(buffer, byteOffset, count) : new Uint8Array(buffer, byteOffset, count);
  if (s.bytesPerSample === 2)
    return s.signed ? new Int16Array(buffer, byteOffset, count) : new Uint16Array(buffer, byteOffset, count);
  return s.signed ? new Int32Array(buffer, byteOffset, count) : new Uint32Array(buffer, byteOffset, count);
}

/** out = src * slope + intercept; one loop per array type keeps each call site monomorphic (fast). */
function rescaleInto(
  src: SampleArray,
  out: Float32Array,
  at: number,
  slope: number,
  intercept: number,
): void {
  const n = src.length;
  const dst = out.subarray(at, at + n);
  if (src instanceof Uint16Array) {
    if (slope === 1 && intercept === 0) dst.set(src);
    else for (let i = 0; i < n; i++) dst[i] = src[i] * slope + intercept;
  } else if (src instanceof Int16Array) {
    if (slope === 1 && intercept === 0) dst.set(src);
    else for (let i = 0; i < n; i++) dst[i] = src[i] * slope + intercept;
  } else if (src instanceof Uint8Array) {
    for (let i = 0; i < n; i++) dst[i] = src[i] * slope + intercept;
  } else {
    for (let i = 0; i < n; i++) dst[i] = src[i] * slope + intercept;
  }
}

/** Like rescaleInto, after shifting out bits below High Bit - Bits Stored + 1, masking and sign extension. */
function maskedRescaleInto(
  src: SampleArray,
  out: Float32Array,
  at: number,
  p: PixelFormat,
  rescale: Rescale,
): void {
  const bits = p.bitsStored;
  const shift = Math.max(0, p.highBit + 1 - bits);
  const mask = bits >= 32 ? 0xffffffff : 2 ** bits - 1;
  const signBit = 2 ** (bits - 1);
  const wrap = 2 ** bits;
  const signed = p.pixelRepresentation === 1;
  const { slope, intercept } = rescale;
  for (let i = 0; i < src.length; i++) {
    let v = (src[i] >>> shift) & mask;
    if (signed && v >= signBit) v -= wrap;
    out[at + i] = v * slope + intercept;
  }
}

/**
 * Convert one monochrome frame to modality values, written into `out` at `outOffset`. MONOCHROME1
 * (minimum value is white) is mapped to MONOCHROME2 by reflecting each value within the rescaled
 * stored range, so brighter is always larger. Throws AppError DECODE_FAILED for colour images.
 */
export function toModalityValues(
  s: DecodedSamples,
  pixel: PixelFormat,
  rescale: Rescale,
  file: string,
  out: Float32Array,
  outOffset = 0,
): void {
  if (pixel.samplesPerPixel !== 1) {
    throw new AppError(
      'DECODE_FAILED',
      `Colour images (${pixel.photometricInterpretation}) are not MR grey-scale images; skipped.`,
      file,
    );
  }
  const count = pixel.rows * pixel.columns;
  if (s.bytes.length < count * s.bytesPerSample) {
    throw new AppError(
      'DECODE_FAILED',
      `Decoded frame holds ${s.bytes.length} bytes; ${count * s.bytesPerSample} expected.`,
      file,
    );
  }
  const src = typedView(s, count);
  const { slope, intercept } = rescale;
  const bits = pixel.bitsStored;
  const needsMask = !s.signed && (bits < s.bytesPerSample * 8 || pixel.highBit + 1 > bits);
  const reinterpret = !s.signed && pixel.pixelRepresentation === 1;
  if (needsMask || reinterpret) maskedRescaleInto(src, out, outOffset, pixel, rescale);
  else rescaleInto(src, out, outOffset, slope, intercept);
  if (pixel.photometricInterpretation === 'MONOCHROME1') {
    const [lo, hi] = storedRange(pixel);
    const a = lo * slope + intercept;
    const b = hi * slope + intercept;
    const sum = a + b;
    for (let i = 0; i < count; i++) out[outOffset + i] = sum - out[outOffset + i];
  }
}
