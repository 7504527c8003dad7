/** Minimal typings for the WASM codec packages and jpeg-lossless-decoder-js (they ship none usable). */
interface CodecFrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned?: boolean;
}
interface WasmDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  getDecodedBuffer(): Uint8Array;
  decode(): void;
  getFrameInfo(): CodecFrameInfo;
  delete(): void;
}
interface WasmCodecModule {
  JpegLSDecoder?: new () => WasmDecoder;
  J2KDecoder?: new () => WasmDecoder;
  JPEGDecoder?: new () => WasmDecoder;
  HTJ2KDecoder?: new () => WasmDecoder;
}
declare module '@cornerstonejs/codec-charls/decodewasmjs' {
  const factory: (options?: {
    print?: (text: string) => void;
    printErr?: (text: string) => void;
  }) => Promise<WasmCodecModule>;
  export default factory;
}
declare module '@cornerstonejs/codec-openjpeg/decodewasmjs' {
  const factory: (options?: {
    print?: (text: string) => void;
    printErr?: (text: string) => void;
  }) => Promise<WasmCodecModule>;
  export default factory;
}
declare module '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs' {
  const factory: (options?: {
    print?: (text: string) => void;
    printErr?: (text: string) => void;
  }) => Promise<WasmCodecModule>;
  export default factory;
}
declare module '@cornerstonejs/codec-openjph' {
  const factory: (options?: {
    print?: (text: string) => void;
    printErr?: (text: string) => void;
  }) => Promise<WasmCodecModule>;
  export default factory;
}
declare module 'jpeg-lossless-decoder-js' {
  export class Decoder {
    constructor(buffer?: ArrayBuffer | null, numBytes?: number);
    decode(
      buffer?: ArrayBuffer,
      offset?: number,
      length?: number,
      numBytes?: number,
    ): Uint8Array | Uint16Array;
    precision: number | undefined;
    xDim: number;
    yDim: number;
    numComp: number;
  }
}
