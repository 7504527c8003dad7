/**
 * JPEG lossless (process 14, including selection value 1) with jpeg-lossless-decoder-js, and the
 * JPEG start-of-frame probe that tells lossless, 8-bit and 12-bit streams apart.
 * Plain TypeScript; never imports electron.
 */
import { Decoder } from 'jpeg-lossless-decoder-js';
import { AppError } from '../../../shared/errors';
import type { DecodedSamples, FrameSpec } from './decodedSamples';

export interface JpegFrameProbe {
  /** SOFn marker number n: 0 baseline, 1 extended sequential, 2 progressive, 3 lossless. */
  sofType: number;
  precision: number;
  width: number;
  height: number;
  components: number;
}

/** Read the first SOFn marker segment (ITU T.81 B.2.2); undefined when the stream has none. */
export function probeJpegFrame(bytes: Uint8Array): JpegFrameProbe | undefined {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let p = 2;
  while (p + 9 < bytes.length) {
    if (bytes[p] !== 0xff) return undefined;
    const marker = bytes[p + 1];
    if (marker === 0xff) {
      p += 1;
      continue;
    }
    const length = (bytes[p + 2] << 8) | bytes[p + 3];
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      return {
        sofType: marker - 0xc0,
        precision: bytes[p + 4],
        height: (bytes[p + 5] << 8) | bytes[p + 6],
        width: (bytes[p + 7] << 8) | bytes[p + 8],
        components: bytes[p + 9],
      };
    }
    p += 2 + length;
  }
  return undefined;
}

/** Decode a JPEG lossless frame. Throws AppError DECODE_FAILED for any other JPEG process or a bad stream. */
export function decodeJpegLossless(encoded: Uint8Array, spec: FrameSpec, file: string): DecodedSamples {
  const probe = probeJpegFrame(encoded);
  if (!probe || probe.sofType !== 3) {
    throw new AppError(
      'DECODE_FAILED',
      'Pixel data is labelled JPEG Lossless but the stream is not a lossless (SOF3) JPEG.',
      file,
    );
  }
  if (probe.width !== spec.columns || probe.height !== spec.rows) {
    throw new AppError(
      'DECODE_FAILED',
      `JPEG frame is ${probe.width}x${probe.height} but the header says ${spec.columns}x${spec.rows}.`,
      file,
    );
  }
  const bytesPerSample = probe.precision <= 8 ? 1 : 2;
  let out: Uint8Array | Uint16Array;
  try {
    const copy = encoded.slice();
    out = new Decoder().decode(copy.buffer, 0, copy.length, bytesPerSample);
  } catch (e) {
    throw new AppError(
      'DECODE_FAILED',
      `JPEG lossless decoder failed (${e instanceof Error ? e.message : String(e)}).`,
      file,
    );
  }
  const expected = spec.rows * spec.columns * spec.samplesPerPixel;
  if (out.length < expected) {
    throw new AppError(
      'DECODE_FAILED',
      `JPEG lossless stream gave ${out.length} of ${expected} samples.`,
      file,
    );
  }
  const bytes = new Uint8Array(out.buffer, out.byteOffset, expected * bytesPerSample);
  return { bytes, bytesPerSample, signed: false };
}
