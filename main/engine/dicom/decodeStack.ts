/**
 * Decode the pixels of one stack into a Volume, file by file (each file is read, decoded and released
 * before the next, so compressed and decoded copies are never held together for long). A slice that
 * fails is left at 0, listed in failedSliceIndices and reported. Plain Node; never imports electron.
 */
import type { ImportOptions, ImportProblem } from './importTypes';
import type { FileDigest, StackHeader, Volume } from '../volume/types';
import { decodeFrame } from './decodeFrame';
import { readDicomFileWithDigest } from './readDicomFile';
import { problemOf, throwIfAborted, yieldToEventLoop } from './scanHeaders';
import { toModalityValues } from './toModalityValues';

export interface DecodeProgress {
  /** Called after each file with the number of slices it held. */
  onFileDone?: (file: string, slices: number) => void;
}

/** Map file -> [k, frameIndex] pairs, in k order of first appearance. */
function slicesByFile(stack: StackHeader): Map<string, Array<[number, number]>> {
  const byFile = new Map<string, Array<[number, number]>>();
  stack.filePaths.forEach((file, k) => {
    const list = byFile.get(file) ?? [];
    list.push([k, stack.frameIndices[k]]);
    byFile.set(file, list);
  });
  return byFile;
}

/** Decode every slice of `stack`; problems (DECODE_FAILED, ...) are appended to `problems`. */
export async function decodeStack(
  stack: StackHeader,
  problems: ImportProblem[],
  options: ImportOptions & DecodeProgress = {},
): Promise<Volume> {
  const [columns, rows, slices] = stack.geometry.dims;
  const sliceSize = columns * rows;
  const pixels = new Float32Array(sliceSize * slices);
  const failed: number[] = [];
  const fileDigests: Array<FileDigest | null> = new Array<FileDigest | null>(slices).fill(null);
  let fileCount = 0;
  for (const [file, entries] of slicesByFile(stack)) {
    if (fileCount++ % 16 === 0) await yieldToEventLoop();
    throwIfAborted(options.signal);
    let digest: FileDigest | null = null;
    try {
      const parsed = readDicomFileWithDigest(file);
      const { dataSet, header } = parsed;
      digest = parsed.digest; // kept when decoding fails below: the file was read and is what it was
      if (header.pixel.columns !== columns || header.pixel.rows !== rows) {
        throw new Error(`image size changed since the scan (${header.pixel.columns}x${header.pixel.rows})`);
      }
      for (const [k, frameIndex] of entries) {
        const frame = header.frames[frameIndex];
        const samples = await decodeFrame(dataSet, header, frameIndex);
        const rescale = { slope: frame.rescaleSlope, intercept: frame.rescaleIntercept };
        toModalityValues(samples, header.pixel, rescale, file, pixels, k * sliceSize);
      }
    } catch (e) {
      const p = problemOf(e, file);
      problems.push(p.code === 'NOT_DICOM' ? { ...p, code: 'DECODE_FAILED' } : p);
      for (const [k] of entries) {
        failed.push(k);
        pixels.fill(0, k * sliceSize, (k + 1) * sliceSize);
      }
    }
    for (const [k] of entries) fileDigests[k] = digest;
    options.onFileDone?.(file, entries.length);
  }
  return { ...stack, pixels, failedSliceIndices: failed.sort((a, b) => a - b), fileDigests };
}
