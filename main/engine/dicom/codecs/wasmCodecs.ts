/**
 * Decoding with the cornerstone WASM codec packages: JPEG-LS (CharLS), JPEG 2000 (OpenJPEG), High-Throughput
 * JPEG 2000 (OpenJPH) and 8-bit JPEG baseline/extended (libjpeg-turbo). Each WASM module is loaded once, on
 * first use.
 * Plain Node; never imports electron.
 */
import { AppError } from '../../../shared/errors';
import { ownedCopy, type DecodedSamples, type FrameSpec } from './decodedSamples';

export type WasmCodecName = 'jpeg-ls' | 'jpeg-2000' | 'jpeg-8bit' | 'htj2k';

type WasmCodecFactory = (options?: {
  print?: (text: string) => void;
  printErr?: (text: string) => void;
}) => Promise<WasmCodecModule>;

function quiet(): void {}

const modules = new Map<WasmCodecName, Promise<WasmCodecModule>>();

function load(name: WasmCodecName): Promise<WasmCodecModule> {
  let p = modules.get(name);
  if (!p) {
    p = (async (): Promise<WasmCodecModule> => {
      const mod =
        name === 'jpeg-ls'
          ? await import('@cornerstonejs/codec-charls/decodewasmjs')
          : name === 'jpeg-2000'
            ? await import('@cornerstonejs/codec-openjpeg/decodewasmjs')
            : name === 'htj2k'
              ? await import('@cornerstonejs/codec-openjph')
              : await import('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs');
      const factory = (mod as { default?: WasmCodecFactory }).default ?? (mod as unknown as WasmCodecFactory);
      // OpenJPEG logs "[INFO] ..." through Module.print (stdout by default): keep stdout clean for --json.
      return factory({ print: quiet, printErr: quiet });
    })();
    modules.set(name, p);
  }
  return p;
}

function newDecoder(mod: WasmCodecModule, name: WasmCodecName): WasmDecoder {
  const ctor =
    name === 'jpeg-ls'
      ? mod.JpegLSDecoder
      : name === 'jpeg-2000'
        ? mod.J2KDecoder
        : name === 'htj2k'
          ? mod.HTJ2KDecoder
          : mod.JPEGDecoder;
  if (!ctor) throw new Error(`codec module for ${name} lacks its decoder class`);
  return new ctor();
}

/** Load the WASM modules now (the benchmark and long imports call this once up front). */
export async function preloadWasmCodecs(names: readonly WasmCodecName[]): Promise<void> {
  await Promise.all(names.map((n) => load(n)));
}

/**
 * Decode one compressed frame. Throws AppError DECODE_FAILED when the codec rejects the stream or its
 * size disagrees with (0028,0010) Rows / (0028,0011) Columns.
 */
export async function decodeWithWasm(
  name: WasmCodecName,
  encoded: Uint8Array,
  spec: FrameSpec,
  file: string,
): Promise<DecodedSamples> {
  const mod = await load(name);
  const decoder = newDecoder(mod, name);
  try {
    decoder.getEncodedBuffer(encoded.length).set(encoded);
    decoder.decode();
    const info = decoder.getFrameInfo();
    if (
      info.width !== spec.columns ||
      info.height !== spec.rows ||
      info.componentCount !== spec.samplesPerPixel
    ) {
      throw new AppError(
        'DECODE_FAILED',
        `Compressed frame is ${info.width}x${info.height}x${info.componentCount} but the header says ${spec.columns}x${spec.rows}x${spec.samplesPerPixel}.`,
        file,
      );
    }
    const bytesPerSample = info.bitsPerSample <= 8 ? 1 : 2;
    return {
      bytes: ownedCopy(decoder.getDecodedBuffer()),
      bytesPerSample,
      signed: Boolean(info.isSigned),
    };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('DECODE_FAILED', `The ${name} decoder rejected this frame (${describe(e)}).`, file);
  } finally {
    decoder.delete();
  }
}

function describe(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === 'number') return `codec error ${e}`;
  return String(e);
}
