/**
 * Test helpers: read a written phantom dataset back from disk (CSV text, DICOM headers and pixels via
 * dicom-parser), independently of the generator's in-memory values.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import dicomParser, { type DataSet } from 'dicom-parser';
import type { SliceGeometry } from '../../../../main/shared/sliceGeometry';

export interface CsvTable {
  header: string[];
  rows: Array<Record<string, string>>;
}

/** Parse a plain CSV (no quoted fields: RSNA files have none). */
export function readCsv(path: string): CsvTable {
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((line) => {
    const cells = line.split(',');
    if (cells.length !== header.length) throw new Error(`${path}: row has ${cells.length} cells: ${line}`);
    return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
  });
  return { header, rows };
}

export interface WrittenInstance {
  path: string;
  instanceNumber: number;
  geometry: SliceGeometry;
  cols: number;
  rows: number;
  /** Stored pixel values, row-major. */
  pixels: Uint16Array;
  seriesDescription: string;
  frameOfReferenceUid: string;
}

function numbers(ds: DataSet, tag: string): number[] {
  const text = ds.string(tag);
  if (!text) throw new Error(`missing ${tag}`);
  return text.split('\\').map(Number);
}

/** Parse one written file's plane and pixels with dicom-parser. */
export function readInstance(path: string): WrittenInstance {
  const bytes = readFileSync(path);
  const ds = dicomParser.parseDicom(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const ipp = numbers(ds, 'x00200032');
  const iop = numbers(ds, 'x00200037');
  const ps = numbers(ds, 'x00280030');
  const rows = ds.uint16('x00280010') ?? 0;
  const cols = ds.uint16('x00280011') ?? 0;
  const el = ds.elements.x7fe00010;
  const pixels = new Uint16Array(
    bytes.buffer.slice(bytes.byteOffset + el.dataOffset, bytes.byteOffset + el.dataOffset + el.length),
  );
  return {
    path,
    instanceNumber: Number(ds.string('x00200013')),
    geometry: {
      positionLps: [ipp[0], ipp[1], ipp[2]],
      rowDirection: [iop[0], iop[1], iop[2]],
      columnDirection: [iop[3], iop[4], iop[5]],
      pixelSpacingMm: [ps[0], ps[1]],
    },
    cols,
    rows,
    pixels,
    seriesDescription: ds.string('x0008103e') ?? '',
    frameOfReferenceUid: ds.string('x00200052') ?? '',
  };
}

/** Every instance of one series folder. */
export function readSeries(dir: string): WrittenInstance[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.dcm'))
    .map((f) => readInstance(join(dir, f)));
}

/** Every file under a folder, relative paths, sorted. */
export function listFiles(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(root, child));
    else out.push(child);
  }
  return out.sort();
}

/** Mean stored value in a disc of `radiusMm` around pixel (col, row). */
export function patchMean(inst: WrittenInstance, col: number, row: number, radiusMm: number): number {
  const rPx = radiusMm / inst.geometry.pixelSpacingMm[1];
  let sum = 0;
  let n = 0;
  for (let r = Math.floor(row - rPx); r <= Math.ceil(row + rPx); r++) {
    for (let c = Math.floor(col - rPx); c <= Math.ceil(col + rPx); c++) {
      if (r < 0 || c < 0 || r >= inst.rows || c >= inst.cols) continue;
      if ((r - row) ** 2 + (c - col) ** 2 > rPx * rPx) continue;
      sum += inst.pixels[r * inst.cols + c];
      n++;
    }
  }
  return n > 0 ? sum / n : Number.NaN;
}
