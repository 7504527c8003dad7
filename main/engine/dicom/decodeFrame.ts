/**
 * One frame of a parsed instance -> its stored sample values, by transfer syntax: native, RLE, JPEG
 * (baseline, 8- and 12-bit extended, lossless), JPEG-LS, JPEG 2000 and HTJ2K. Plain Node; never imports electron.
 */
import type { DataSet } from 'dicom-parser';
import { AppError } from '../../shared/errors';
import type { DecodedSamples, FrameSpec } from './codecs/decodedSamples';
import { decodeJpeg12 } from './codecs/jpeg12';
import { decodeJpegLossless, probeJpegFrame } from './codecs/jpegLossless';
import { decodeRle } from './codecs/rle';
import { decodeWithWasm } from './codecs/wasmCodecs';
import { encapsulatedFrameBytes, nativeFrameBytes } from './frameBytes';
import type { InstanceHeader } from './headerTypes';
import { transferSyntaxInfo } from './transferSyntax';

function specOf(h: InstanceHeader): FrameSpec {
  const p = h.pixel;
  return {
    rows: p.rows,
    columns: p.columns,
    samplesPerPixel: p.samplesPerPixel,
    bitsAllocated: p.bitsAllocated,
    pixelRepresentation: p.pixelRepresentation,
  };
}

async function decodeJpegDct(encoded: Uint8Array, h: InstanceHeader): Promise<DecodedSamples> {
  const spec = specOf(h);
  const probe = probeJpegFrame(encoded);
  if (probe && probe.sofType === 3) return decodeJpegLossless(encoded, spec, h.file);
  if (probe && probe.precision === 12) {
    const { bitsStored, photometricInterpretation } = h.pixel;
    return decodeJpeg12(encoded, { ...spec, bitsStored, photometricInterpretation }, h.file);
  }
  if (probe && probe.precision > 8) {
    throw new AppError(
      'UNSUPPORTED_TRANSFER_SYNTAX',
      `${probe.precision}-bit DCT JPEG is not supported; decompress the series first (e.g. dcmdjpeg in out) and import again.`,
      h.file,
    );
  }
  return decodeWithWasm('jpeg-8bit', encoded, spec, h.file);
}

/**
 * Decode frame `frameIndex` of an instance. Throws AppError DECODE_FAILED or UNSUPPORTED_TRANSFER_SYNTAX.
 * The result may be a view into `ds.byteArray` (native little-endian data): copy before keeping it.
 */
export async function decodeFrame(
  ds: DataSet,
  h: InstanceHeader,
  frameIndex: number,
): Promise<DecodedSamples> {
  const ts = transferSyntaxInfo(h.transferSyntaxUid);
  if (!ts) {
    throw new AppError(
      'UNSUPPORTED_TRANSFER_SYNTAX',
      `Transfer syntax ${h.transferSyntaxUid} is not supported.`,
      h.file,
    );
  }
  const spec = specOf(h);
  if (ts.codec === 'native') {
    const bytesPerSample = h.pixel.bitsAllocated / 8;
    if (bytesPerSample !== 1 && bytesPerSample !== 2 && bytesPerSample !== 4) {
      throw new AppError(
        'DECODE_FAILED',
        `Bits Allocated ${h.pixel.bitsAllocated} is not supported.`,
        h.file,
      );
    }
    const bytes = nativeFrameBytes(ds, h.pixel, frameIndex, ts.bigEndian);
    return { bytes, bytesPerSample: bytesPerSample as 1 | 2 | 4, signed: false };
  }
  const encoded = encapsulatedFrameBytes(ds, h.frames.length, frameIndex, h.file);
  switch (ts.codec) {
    case 'rle':
      return decodeRle(encoded, spec, h.file);
    case 'jpeg-lossless':
      return decodeJpegLossless(encoded, spec, h.file);
    case 'jpeg-baseline':
    case 'jpeg-extended-12':
      return decodeJpegDct(encoded, h);
    case 'jpeg-ls':
      return decodeWithWasm('jpeg-ls', encoded, spec, h.file);
    case 'jpeg-2000':
      return decodeWithWasm('jpeg-2000', encoded, spec, h.file);
    case 'htj2k':
      // Signed HTJ2K is refused: OpenJPH's own tools and the WASM decoder disagree on signed samples, so
      // there is no reference its decode could be checked against (tests/unit/engine/dicom/codecs).
      if (h.pixel.pixelRepresentation === 1)
        throw new AppError(
          'UNSUPPORTED_TRANSFER_SYNTAX',
          'Signed (Pixel Representation 1) High-Throughput JPEG 2000 is not supported; ask the sender for an uncompressed or JPEG 2000 copy of the series and import that.',
          h.file,
        );
      return decodeWithWasm('htj2k', encoded, spec, h.file);
  }
}
