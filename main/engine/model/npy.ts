/**
 * NumPy .npy (format 1.0, little-endian, C order) for float32 and int64: whole-array write/read and a
 * streaming row writer that patches the shape when closed (bounded memory). Plain Node; never imports electron.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { AppError } from '../../shared/errors';

export type NpyDtype = 'float32' | 'int64';
export type NpyData = Float32Array | BigInt64Array;

export interface NpyArray {
  dtype: NpyDtype;
  shape: number[];
  data: NpyData;
}

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);
const DESCR: Record<NpyDtype, string> = { float32: '<f4', int64: '<i8' };
/** Header (magic..dict..newline) length reserved by the streaming writer so the final shape always fits. */
const STREAM_HEADER_BYTES = 256;

function header(dtype: NpyDtype, shape: readonly number[], totalBytes?: number): Buffer {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '${DESCR[dtype]}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const unpadded = MAGIC.length + 4 + dict.length + 1;
  const total = totalBytes ?? Math.ceil(unpadded / 64) * 64;
  if (unpadded > total) throw new Error(`npy: header for shape ${shapeText} exceeds ${total} bytes`);
  const text = dict + ' '.repeat(total - unpadded) + '\n';
  const buf = Buffer.alloc(total);
  MAGIC.copy(buf, 0);
  buf[6] = 1;
  buf[7] = 0;
  buf.writeUInt16LE(text.length, 8);
  buf.write(text, 10, 'latin1');
  return buf;
}

function count(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function bytesOf(data: NpyData): Buffer {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** Serialise an array to .npy bytes. */
export function encodeNpy(a: NpyArray): Buffer {
  if (count(a.shape) !== a.data.length) {
    throw new Error(
      `npy: shape [${a.shape.join(', ')}] holds ${count(a.shape)} values, data has ${a.data.length}`,
    );
  }
  return Buffer.concat([header(a.dtype, a.shape), bytesOf(a.data)]);
}

/** Parse .npy bytes (format 1.x/2.x, '<f4' or '<i8', C order). Throws AppError('DATASET_INVALID'). */
export function decodeNpy(buf: Buffer, name = 'array'): NpyArray {
  const bad = (why: string): AppError =>
    new AppError('DATASET_INVALID', `${name} is not a readable .npy: ${why}`);
  if (buf.length < 12 || !buf.subarray(0, 6).equals(MAGIC)) throw bad('missing \\x93NUMPY magic');
  const major = buf[6];
  const hlen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const start = major === 1 ? 10 : 12;
  const text = buf.toString('latin1', start, start + hlen);
  const descr = /'descr':\s*'([^']+)'/.exec(text)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(text)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(text)?.[1];
  if (!descr || !fortran || shapeText === undefined) throw bad(`header "${text.trim()}"`);
  if (fortran === 'True') throw bad('Fortran order is not supported');
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  const dtype = (Object.keys(DESCR) as NpyDtype[]).find((k) => DESCR[k] === descr);
  if (!dtype) throw bad(`dtype ${descr} (only <f4, <i8)`);
  const offset = start + hlen;
  const n = count(shape);
  const bytes = n * (dtype === 'float32' ? 4 : 8);
  if (buf.length - offset < bytes) throw bad(`truncated: ${buf.length - offset} data bytes, need ${bytes}`);
  const copy = new ArrayBuffer(bytes);
  buf.copy(Buffer.from(copy), 0, offset, offset + bytes);
  const data = dtype === 'float32' ? new Float32Array(copy) : new BigInt64Array(copy);
  return { dtype, shape, data };
}

/** Write a whole array to a .npy file. */
export function writeNpy(path: string, a: NpyArray): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, encodeNpy(a));
  } finally {
    closeSync(fd);
  }
}

/** Read a whole .npy file. */
export function readNpy(path: string): NpyArray {
  return decodeNpy(readFileSync(path), path);
}

/**
 * Streams rows of shape rowShape to a .npy file: the header is rewritten with the row count on close,
 * so a dataset of any size is written with one row in memory.
 */
export class NpyRowWriter {
  private fd: number;
  private rows = 0;
  private readonly rowSize: number;

  constructor(
    readonly path: string,
    readonly dtype: NpyDtype,
    readonly rowShape: readonly number[],
  ) {
    this.rowSize = count(rowShape);
    this.fd = openSync(path, 'w');
    writeSync(this.fd, header(dtype, [0, ...rowShape], STREAM_HEADER_BYTES));
  }

  /** Append one row (length = product of rowShape). */
  append(row: NpyData): void {
    if (row.length !== this.rowSize)
      throw new Error(`npy ${this.path}: row has ${row.length} values, want ${this.rowSize}`);
    if ((this.dtype === 'float32') !== row instanceof Float32Array)
      throw new Error(`npy ${this.path}: row dtype differs`);
    writeSync(this.fd, bytesOf(row));
    this.rows += 1;
  }

  get rowCount(): number {
    return this.rows;
  }

  /** Patch the header with the final shape and close the file. */
  close(): void {
    writeSync(
      this.fd,
      header(this.dtype, [this.rows, ...this.rowShape], STREAM_HEADER_BYTES),
      0,
      STREAM_HEADER_BYTES,
      0,
    );
    closeSync(this.fd);
  }
}
