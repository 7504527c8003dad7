/**
 * 12-bit JPEG Extended (process 4, 1.2.840.10008.1.2.4.51) decoding with dcmjs-codecs' WASM build of the
 * IJG 12-bit decoder; the module is loaded once, on first use. Plain Node; never imports electron.
 */
import { Context, NativeCodecs } from 'dcmjs-codecs';
import { AppError } from '../../../shared/errors';
import { ownedCopy, type DecodedSamples, type FrameSpec } from './decodedSamples';

let ready: Promise<void> | undefined;

/** Load the WASM module now (idempotent). */
export function preloadJpeg12(): Promise<void> {
  ready ??= NativeCodecs.initializeAsync({ logCodecsInfo: false, logCodecsTrace: false });
  return ready;
}

/**
 * Decode one 12-bit JPEG Extended frame to 16-bit little-endian samples (as stored: unsigned; a signed
 * (0028,0103) is applied by the caller). DECODE_FAILED when the codec rejects the stream or its size
 * disagrees with the header.
 */
export async function decodeJpeg12(
  encoded: Uint8Array,
  spec: FrameSpec & { bitsStored: number; photometricInterpretation: string },
  file: string,
): Promise<DecodedSamples> {
  await preloadJpeg12();
  let out: Context;
  try {
    const context = new Context({
      width: spec.columns,
      height: spec.rows,
      bitsAllocated: 16,
      bitsStored: spec.bitsStored,
      samplesPerPixel: spec.samplesPerPixel,
      pixelRepresentation: spec.pixelRepresentation,
      planarConfiguration: 0,
      photometricInterpretation: spec.photometricInterpretation,
      encodedBuffer: encoded,
    });
    out = NativeCodecs.decodeJpeg(context, { convertColorspaceToRgb: false });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new AppError('DECODE_FAILED', `The 12-bit JPEG decoder rejected this frame (${why}).`, file);
  }
  const bytes = out.getDecodedBuffer();
  const expected = spec.rows * spec.columns * spec.samplesPerPixel * 2;
  if (!bytes || bytes.length !== expected)
    throw new AppError(
      'DECODE_FAILED',
      `The 12-bit JPEG frame decoded to ${bytes?.length ?? 0} bytes, not the ${expected} of ${spec.columns}x${spec.rows}x${spec.samplesPerPixel} 16-bit samples.`,
      file,
    );
  return { bytes: ownedCopy(bytes), bytesPerSample: 2, signed: false };
}
