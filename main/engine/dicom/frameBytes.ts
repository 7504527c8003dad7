/**
 * The bytes of one frame of (7FE0,0010) Pixel Data: a view into native data (byte-swapped for big
 * endian), or the compressed stream of an encapsulated frame (PS3.5 A.4). Plain Node; never imports electron.
 */
import dicomParser, { type DataSet, type Element } from 'dicom-parser';
import { AppError } from '../../shared/errors';
import type { PixelFormat } from './headerTypes';
import { TAG } from './tags';

/** Bytes of native frame `frameIndex`, little endian (a copy when the file is big endian). */
export function nativeFrameBytes(
  ds: DataSet,
  pixel: PixelFormat,
  frameIndex: number,
  bigEndian: boolean,
): Uint8Array {
  const e = ds.elements[TAG.PixelData];
  const frameSize = Math.ceil((pixel.rows * pixel.columns * pixel.samplesPerPixel * pixel.bitsAllocated) / 8);
  const start = e.dataOffset + frameIndex * frameSize;
  const view = ds.byteArray.subarray(start, start + frameSize);
  // Explicit VR Big Endian (PS3.5 7.3): OW words are byte-swapped; OB (8-bit) bytes are not.
  const word = pixel.bitsAllocated === 32 ? 4 : pixel.bitsAllocated === 16 || e.vr === 'OW' ? 2 : 1;
  if (!bigEndian || word === 1) return view;
  const out = new Uint8Array(view.length);
  for (let i = 0; i + word <= view.length; i += word) {
    for (let b = 0; b < word; b++) out[i + b] = view[i + word - 1 - b];
  }
  return out;
}

function fragmentsOf(e: Element): NonNullable<Element['fragments']> {
  return e.fragments ?? [];
}

/**
 * The compressed stream of encapsulated frame `frameIndex`. Uses the Basic Offset Table when present,
 * else one fragment per frame when the counts match, else all fragments for a single frame, else a
 * table rebuilt from JPEG end-of-image markers.
 */
export function encapsulatedFrameBytes(
  ds: DataSet,
  numberOfFrames: number,
  frameIndex: number,
  file: string,
): Uint8Array {
  const e = ds.elements[TAG.PixelData];
  const fragments = fragmentsOf(e);
  try {
    if (e.basicOffsetTable && e.basicOffsetTable.length > 0) {
      return dicomParser.readEncapsulatedImageFrame(ds, e, frameIndex);
    }
    if (numberOfFrames === 1) {
      return dicomParser.readEncapsulatedPixelDataFromFragments(ds, e, 0, fragments.length);
    }
    if (fragments.length === numberOfFrames) {
      return dicomParser.readEncapsulatedPixelDataFromFragments(ds, e, frameIndex, 1);
    }
    const table = dicomParser.createJPEGBasicOffsetTable(ds, e);
    return dicomParser.readEncapsulatedImageFrame(ds, e, frameIndex, table);
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    throw new AppError(
      'DECODE_FAILED',
      `Cannot find compressed frame ${frameIndex + 1} of ${numberOfFrames} (${text}).`,
      file,
    );
  }
}
