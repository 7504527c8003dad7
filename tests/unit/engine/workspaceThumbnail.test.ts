// getStackThumbnail: the middle slice of each stack of a real phantom study in a real store, long side
// <= 128 px with the slice's physical aspect, uint8 after the automatic MR window (checked against the
// test's own percentiles and resampling of getStackPixels' middle slice); only the middle file is read
// (a changed file elsewhere leaves it alone, a changed middle file is named); the resampling exactly on
// small synthetic slices.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../main/engine/createEngine';
import { createStore } from '../../../main/engine/store/store';
import { areaAverage, thumbnailOf, thumbnailSize } from '../../../main/engine/workspaceThumbnail';
import { dispatchApiCall } from '../../../main/shared/apiDispatch';
import type {
  StackDetail,
  StackPixels,
  StackThumbnail,
  StudyDetail,
} from '../../../main/shared/apiWorkspace';
import { tempDir, writePhantomStudy } from './analysis/fixtures';

let root = '';
let engine: Engine;
let uid = '';
let detail: StudyDetail;

async function call<T>(
  e: Engine,
  method: 'getStackPixels' | 'getStackThumbnail',
  s: StackDetail,
): Promise<T> {
  const arg = { studyInstanceUid: uid, seriesInstanceUid: s.seriesInstanceUid, stackIndex: s.stackIndex };
  const r = await dispatchApiCall(e, method, arg);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

const stacks = (): StackDetail[] => detail.series.flatMap((s) => s.stacks);

/** The p-th percentile by linear interpolation between order statistics (the test's own). */
function percentileOf(sorted: number[], p: number): number {
  const x = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(x);
  return sorted[lo] + (sorted[Math.min(sorted.length - 1, lo + 1)] - sorted[lo]) * (x - lo);
}

function valuesOf(p: StackPixels): Int16Array | Uint16Array | Float32Array {
  if (p.dtype === 'int16') return new Int16Array(p.pixels);
  if (p.dtype === 'uint16') return new Uint16Array(p.pixels);
  return new Float32Array(p.pixels);
}

/** File of slice k of a stack, from the store. */
function fileOf(storeDir: string, s: StackDetail, k: number): string {
  const store = createStore({ dir: storeDir });
  try {
    const inst = store
      .getStudy(uid)
      .series.flatMap((x) => x.instances)
      .find((i) => i.sopInstanceUid === s.sopInstanceUids[k]);
    if (!inst) throw new Error('instance not stored');
    return inst.filePath;
  } finally {
    store.close();
  }
}

beforeAll(async () => {
  root = tempDir('thumbnail');
  writePhantomStudy(path.join(root, 'data'));
  engine = createEngine({ storeDir: path.join(root, 'store') });
  const imported = await engine.importStudy({ paths: [path.join(root, 'data')] });
  if (!imported.ok) throw new Error(imported.error.message);
  uid = imported.value.studies[0].studyInstanceUid;
  const d = await dispatchApiCall(engine, 'getStudyDetail', { studyInstanceUid: uid });
  if (!d.ok) throw new Error(d.error.message);
  detail = d.value as StudyDetail;
}, 60_000);
afterAll(async () => {
  await engine?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('engine getStackThumbnail', () => {
  it('gives every stack its middle slice, long side 128 px at the physical aspect, as uint8 bytes', async () => {
    expect(stacks().length).toBeGreaterThanOrEqual(3);
    for (const s of stacks()) {
      const t = await call<StackThumbnail>(engine, 'getStackThumbnail', s);
      const [cols, rows, slices] = s.geometry.dims;
      expect(t.sliceIndex).toBe(Math.floor(slices / 2));
      expect(t.pixels).toBeInstanceOf(ArrayBuffer);
      expect(t.pixels.byteLength).toBe(t.width * t.height);
      expect(Math.max(t.width, t.height)).toBe(Math.min(128, Math.max(cols, rows)));
      const aspectMm = (cols * s.geometry.spacingMm[0]) / (rows * s.geometry.spacingMm[1]);
      expect(Math.abs(t.width / t.height - aspectMm)).toBeLessThan(2 / Math.min(t.width, t.height));
      expect(t.failed).toBeUndefined();
    }
  });

  it('maps the slice with its own 1st..99.5th percentile window, matching a resampling of its pixels', async () => {
    for (const s of stacks()) {
      const t = await call<StackThumbnail>(engine, 'getStackThumbnail', s);
      const full = await call<StackPixels>(engine, 'getStackPixels', s);
      const [cols, rows] = s.geometry.dims;
      const slice = Array.from(
        valuesOf(full).subarray(t.sliceIndex * cols * rows, (t.sliceIndex + 1) * cols * rows),
      );
      const sorted = [...slice].sort((a, b) => a - b);
      const [lo, hi] = [percentileOf(sorted, 1), percentileOf(sorted, 99.5)];
      const tol = 0.01 * (sorted[sorted.length - 1] - sorted[0]) + 1;
      expect(Math.abs(t.window.center - t.window.width / 2 - lo), s.role).toBeLessThan(tol);
      expect(Math.abs(t.window.center + t.window.width / 2 - hi), s.role).toBeLessThan(tol);
      expect(t.window.width).toBeLessThan(sorted[sorted.length - 1] - sorted[0]);
      // The test's own resampling: nearest source pixel at each thumbnail pixel's centre, then the window.
      const gray = new Uint8Array(t.pixels);
      let diff = 0;
      for (let y = 0; y < t.height; y++)
        for (let x = 0; x < t.width; x++) {
          const i = Math.min(cols - 1, Math.floor(((x + 0.5) / t.width) * cols));
          const j = Math.min(rows - 1, Math.floor(((y + 0.5) / t.height) * rows));
          const g = ((slice[j * cols + i] - lo) / (hi - lo)) * 255;
          diff += Math.abs(Math.max(0, Math.min(255, g)) - gray[y * t.width + x]);
        }
      expect(diff / gray.length, `${s.role}: mean gray difference`).toBeLessThan(12);
      const dark = gray.filter((g) => g === 0).length / gray.length;
      const lit = gray.filter((g) => g > 128).length / gray.length;
      expect(dark, s.role).toBeGreaterThan(0);
      expect(lit, s.role).toBeGreaterThan(0.02);
    }
  });

  it('reads only the middle file: a changed other slice leaves it, a changed middle slice is named', async () => {
    const storeDir = path.join(root, 'store-changed');
    const data = path.join(root, 'changed');
    cpSync(path.join(root, 'data'), data, { recursive: true });
    const copy = createEngine({ storeDir });
    try {
      const imported = await copy.importStudy({ paths: [data] });
      if (!imported.ok) throw new Error(imported.error.message);
      const s = stacks().find((x) => x.geometry.dims[2] >= 3) as StackDetail;
      const middle = Math.floor(s.geometry.dims[2] / 2);
      const before = await call<StackThumbnail>(engine, 'getStackThumbnail', s);
      const flip = (file: string): void => {
        const bytes = readFileSync(file);
        bytes[bytes.length - 1] ^= 0xff;
        writeFileSync(file, bytes);
      };
      flip(fileOf(storeDir, s, 0));
      const same = await call<StackThumbnail>(copy, 'getStackThumbnail', s);
      expect(same.failed).toBeUndefined();
      expect(Buffer.from(same.pixels).equals(Buffer.from(before.pixels))).toBe(true);
      const after = createEngine({ storeDir });
      try {
        flip(fileOf(storeDir, s, middle));
        const changed = await call<StackThumbnail>(after, 'getStackThumbnail', s);
        expect(changed.failed).toMatch(/changed since import/);
        expect(new Uint8Array(changed.pixels).every((g) => g === 0)).toBe(true);
      } finally {
        await after.close();
      }
    } finally {
      await copy.close();
    }
  });

  it('refuses a stack the study does not have and a bad argument', async () => {
    const s = stacks()[0];
    const none = await dispatchApiCall(engine, 'getStackThumbnail', {
      studyInstanceUid: uid,
      seriesInstanceUid: s.seriesInstanceUid,
      stackIndex: 99,
    });
    expect(none.ok ? 'ok' : none.error.code).toBe('NOT_FOUND');
    const bad = await dispatchApiCall(engine, 'getStackThumbnail', { studyInstanceUid: uid, stackIndex: -1 });
    expect(bad.ok ? 'ok' : bad.error.code).toBe('INVALID_ARGUMENT');
  });
});

describe('thumbnail resampling', () => {
  it('keeps the physical aspect and never upsamples', () => {
    expect(thumbnailSize(512, 512, [0.5, 0.5])).toEqual({ width: 128, height: 128 });
    expect(thumbnailSize(256, 256, [0.5, 1])).toEqual({ width: 64, height: 128 });
    expect(thumbnailSize(320, 160, [1, 1])).toEqual({ width: 128, height: 64 });
    expect(thumbnailSize(64, 48, [1, 1])).toEqual({ width: 64, height: 48 });
  });

  it('averages each footprint, partial source pixels weighted by area', () => {
    expect(Array.from(areaAverage([0, 2, 4, 6, 1, 3, 5, 7], 4, 2, 2, 1))).toEqual([1.5, 5.5]);
    // 3 -> 2 columns: each output pixel covers 1.5 source pixels.
    expect(Array.from(areaAverage([0, 3, 6], 3, 1, 2, 1))).toEqual([1, 5]);
  });

  it('windows to 0..255 and leaves a failed slice black with its reason', () => {
    const slice = (values: number[], failed: boolean): StackPixels => ({
      seriesInstanceUid: '1.2',
      stackIndex: 0,
      dims: [4, 1, 1],
      dtype: 'int16',
      pixels: new Int16Array(values).buffer,
      minValue: Math.min(...values),
      maxValue: Math.max(...values),
      autoWindow: { center: 100, width: 200 },
      failedSlices: failed ? [{ sliceIndex: 0, message: 'could not be decoded' }] : [],
    });
    const t = thumbnailOf(slice([-50, 0, 100, 300], false), 3, [1, 1]);
    expect(t).toMatchObject({ sliceIndex: 3, width: 4, height: 1, window: { center: 100, width: 200 } });
    expect(Array.from(new Uint8Array(t.pixels))).toEqual([0, 0, 128, 255]);
    const f = thumbnailOf(slice([100, 100, 100, 100], true), 0, [1, 1]);
    expect(f.failed).toBe('could not be decoded');
    expect(Array.from(new Uint8Array(f.pixels))).toEqual([0, 0, 0, 0]);
  });
});
