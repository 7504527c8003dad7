// WorkspaceStacks through the engine's contract: a real phantom study imported into a real store, its
// detail and stack pixels checked against the analysis' own volumes and the stored analysis.
import {
  appendFileSync,
  cpSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseSeries } from '../../../main/engine/analysis/chooseSeries';
import { DEFAULT_MODEL_ID } from '../../../main/engine/analysis/defaultModel';
import { createEngine, type Engine } from '../../../main/engine/createEngine';
import { importPaths } from '../../../main/engine/import/importPaths';
import { createStore } from '../../../main/engine/store/store';
import type { Volume } from '../../../main/engine/volume/types';
import { decodeStackPixels } from '../../../main/engine/workspacePixels';
import { WorkspaceStacks } from '../../../main/engine/workspaceStacks';
import type { AnalysisRecord } from '../../../main/shared/analysis';
import { dispatchApiCall } from '../../../main/shared/apiDispatch';
import type { StackDetail, StackPixels, StudyDetail } from '../../../main/shared/apiWorkspace';
import { tempDir, tinyModelSkipReason, writePhantomStudy } from './analysis/fixtures';
import { missingTools, runTool } from './dicom/tools';
import { writeTinyPackage } from './model/onnxFixtures';

if (tinyModelSkipReason) console.warn(`workspace stack tests skipped: ${tinyModelSkipReason}`);
const noDcmtk = missingTools(['dcmcjpls'], 'workspace damaged-codestream test').length > 0;

/** Every .dcm file under dir, sorted. */
function dicomFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile() && e.name.endsWith('.dcm')) out.push(path.join(e.parentPath, e.name));
  return out.sort();
}

function typedView(p: StackPixels): Int16Array | Uint16Array | Float32Array {
  if (p.dtype === 'int16') return new Int16Array(p.pixels);
  if (p.dtype === 'uint16') return new Uint16Array(p.pixels);
  return new Float32Array(p.pixels);
}

const BYTES = { int16: 2, uint16: 2, float32: 4 } as const;

/** The smallest exact type, worked out independently of pixelDtype. */
function expectedDtype(values: Float32Array): 'int16' | 'uint16' | 'float32' {
  const integral = values.every((x) => Number.isInteger(x));
  let [min, max] = [Infinity, -Infinity];
  for (const x of values) [min, max] = [Math.min(min, x), Math.max(max, x)];
  if (integral && min >= -32768 && max <= 32767) return 'int16';
  if (integral && min >= 0 && max <= 65535) return 'uint16';
  return 'float32';
}

const sliceCount = (d: StudyDetail): number =>
  d.series.flatMap((s) => s.stacks).reduce((n, s) => n + s.sopInstanceUids.length, 0);

async function detailOf(engine: Engine, studyInstanceUid: string): Promise<StudyDetail> {
  const r = await dispatchApiCall(engine, 'getStudyDetail', { studyInstanceUid });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as StudyDetail;
}

async function pixelsOf(engine: Engine, studyInstanceUid: string, s: StackDetail): Promise<StackPixels> {
  const arg = { studyInstanceUid, seriesInstanceUid: s.seriesInstanceUid, stackIndex: s.stackIndex };
  const r = await dispatchApiCall(engine, 'getStackPixels', arg);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as StackPixels;
}

async function importCopy(
  root: string,
  name: string,
  edit: (files: string[]) => void,
): Promise<Engine & { uid: string }> {
  const data = path.join(root, name);
  cpSync(path.join(root, 'data'), data, { recursive: true });
  const engine = createEngine({
    storeDir: path.join(root, `store-${name}`),
    modelDir: path.join(root, 'models'),
  });
  edit(dicomFiles(data));
  const imported = await engine.importStudy({ paths: [data] });
  if (!imported.ok) throw new Error(imported.error.message);
  return Object.assign(engine, { uid: imported.value.studies[0].studyInstanceUid });
}

describe.skipIf(tinyModelSkipReason !== undefined)('engine getStudyDetail / getStackPixels', () => {
  let root = '';
  let engine: Engine;
  let uid = '';
  let volumes: Volume[] = [];
  let analysis: AnalysisRecord;
  beforeAll(async () => {
    root = tempDir('workspace');
    writePhantomStudy(path.join(root, 'data'));
    writeTinyPackage(path.join(root, 'models', DEFAULT_MODEL_ID));
    engine = createEngine({ storeDir: path.join(root, 'store'), modelDir: path.join(root, 'models') });
    const imported = await engine.importStudy({ paths: [path.join(root, 'data')] });
    if (!imported.ok) throw new Error(imported.error.message);
    uid = imported.value.studies[0].studyInstanceUid;
    const analysed = await engine.analyzeStudy({ studyInstanceUid: uid, provider: 'cpu' });
    if (!analysed.ok) throw new Error(analysed.error.message);
    analysis = analysed.value;
    const decoded = await importPaths([path.join(root, 'data')]);
    volumes = chooseSeries(decoded.studies[0]).volumes;
  });
  afterAll(async () => {
    await engine?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('gives the three roles with the geometry of the analysis volumes, and the stored analysis', async () => {
    const detail = await detailOf(engine, uid);
    expect(detail.problems).toEqual([]);
    expect(new Set(detail.series.map((s) => s.role))).toEqual(
      new Set(['Sagittal T2/STIR', 'Sagittal T1', 'Axial T2']),
    );
    expect(detail.analyses.map((a) => a.analysisId)).toEqual([analysis.analysisId]);
    expect(volumes.length).toBeGreaterThanOrEqual(3);
    for (const v of volumes) {
      const stack = detail.series
        .find((s) => s.seriesInstanceUid === v.seriesInstanceUid)
        ?.stacks.find((st) => st.stackIndex === v.stackIndex);
      expect(stack, `${v.role} stack ${v.stackIndex}`).toBeDefined();
      expect(stack?.role).toBe(v.role);
      expect(stack?.geometry).toEqual(v.geometry);
      expect(stack?.sopInstanceUids).toEqual(v.sopInstanceUids);
    }
  });

  it('orders slices as the analysis does: keyLocation.sliceIndex names the key SOP instance', async () => {
    const detail = await detailOf(engine, uid);
    const located = analysis.findings.filter((f) => f.keyLocation !== null);
    expect(located.length).toBeGreaterThan(10);
    for (const f of located) {
      const key = f.keyLocation!;
      const stacks = detail.series.find((s) => s.seriesInstanceUid === key.seriesInstanceUid)?.stacks ?? [];
      const holder = stacks.find((st) => st.sopInstanceUids.includes(key.sopInstanceUid));
      expect(holder, `${f.level} ${f.condition}`).toBeDefined();
      expect(holder?.sopInstanceUids.indexOf(key.sopInstanceUid)).toBe(key.sliceIndex);
    }
  });

  it('returns every stack as exact values of the smallest dtype, byteLength = rows*cols*slices*bytes', async () => {
    const detail = await detailOf(engine, uid);
    for (const v of volumes) {
      const stack = detail.series
        .flatMap((s) => s.stacks)
        .find((st) => st.seriesInstanceUid === v.seriesInstanceUid && st.stackIndex === v.stackIndex)!;
      const p = await pixelsOf(engine, uid, stack);
      const [cols, rows, slices] = v.geometry.dims;
      expect(p.dims).toEqual(v.geometry.dims);
      expect(p.pixels).toBeInstanceOf(ArrayBuffer);
      expect(p.pixels.byteLength).toBe(cols * rows * slices * BYTES[p.dtype]);
      expect(p.failedSlices).toEqual([]);
      const values = typedView(p);
      expect(values.length).toBe(v.pixels.length);
      let mismatches = 0;
      for (let i = 0; i < values.length; i++) if (values[i] !== v.pixels[i]) mismatches++;
      expect(mismatches).toBe(0);
      expect(p.dtype).toBe(expectedDtype(v.pixels));
      expect([p.minValue, p.maxValue]).toEqual([
        v.pixels.reduce((a, b) => Math.min(a, b)),
        v.pixels.reduce((a, b) => Math.max(a, b)),
      ]);
      expect(p.autoWindow.width).toBeGreaterThan(0);
      expect(p.autoWindow.width).toBeLessThanOrEqual(p.maxValue - p.minValue);
    }
  });

  it('names files missing or changed since import in problems and leaves them out of the stacks', async () => {
    const copy = await importCopy(root, 'moved', () => undefined);
    try {
      const before = await detailOf(copy, copy.uid);
      const files = dicomFiles(path.join(root, 'moved'));
      const [missing, changed] = [files[0], files[files.length - 1]];
      unlinkSync(missing);
      appendFileSync(changed, Buffer.alloc(16));
      const after = await detailOf(copy, copy.uid);
      expect(after.problems.map((p) => p.file).sort()).toEqual([missing, changed].sort());
      expect(after.problems.find((p) => p.file === missing)?.message).toMatch(/missing/i);
      expect(after.problems.find((p) => p.file === changed)?.message).toMatch(/changed/i);
      expect(sliceCount(after)).toBe(sliceCount(before) - 2);
    } finally {
      await copy.close();
    }
  });

  it('names a file truncated after import in problems', async () => {
    const copy = await importCopy(root, 'cut', () => undefined);
    try {
      const file = dicomFiles(path.join(root, 'cut'))[3];
      truncateSync(file, Math.floor(statSync(file).size * 0.8));
      const detail = await detailOf(copy, copy.uid);
      expect(detail.problems).toEqual([{ file, message: expect.stringMatching(/changed since import/) }]);
    } finally {
      await copy.close();
    }
  });

  it.skipIf(noDcmtk)(
    'lists slices that fail to decode or differ from the import in failedSlices; the rest decode',
    async () => {
      const data = (f: string): string =>
        path.join(root, 'data', path.relative(path.join(root, 'damaged'), f));
      let damaged = '';
      const copy = await importCopy(root, 'damaged', (files) => {
        // A JPEG-LS file (dcmtk) whose codestream is damaged: its header reads, its frame does not decode.
        damaged = files[Math.floor(files.length / 2)];
        const jls = `${damaged}.jls`;
        runTool('dcmcjpls', [damaged, jls]);
        const bytes = readFileSync(jls);
        bytes.fill(0xff, Math.floor(bytes.length / 2), bytes.length - 20);
        writeFileSync(damaged, bytes);
        unlinkSync(jls);
      });
      try {
        const full = volumes.find((v) => v.filePaths.includes(data(damaged)))!;
        expect(full, 'the damaged file belongs to an analysed stack').toBeDefined();
        const detail = await detailOf(copy, copy.uid);
        expect(detail.problems).toEqual([]);
        const holder = detail.series
          .flatMap((s) => s.stacks)
          .find(
            (st) => st.seriesInstanceUid === full.seriesInstanceUid && st.stackIndex === full.stackIndex,
          )!;
        expect(holder.sopInstanceUids).toEqual(full.sopInstanceUids);
        // A second file of the stack changes after import, same size: its hash differs when decoded.
        const k = full.filePaths.indexOf(data(damaged));
        const other = k === 0 ? 1 : 0;
        const flipped = holder.sopInstanceUids.length > 2 ? (k === 2 ? 3 : 2) : other;
        const flippedFile = path.join(
          root,
          'damaged',
          path.relative(path.join(root, 'data'), full.filePaths[flipped]),
        );
        const bytes = readFileSync(flippedFile);
        bytes[bytes.length - 1] ^= 0xff;
        writeFileSync(flippedFile, bytes);
        const p = await pixelsOf(copy, copy.uid, holder);
        expect(p.failedSlices.map((f) => f.sliceIndex)).toEqual([k, flipped].sort((a, b) => a - b));
        expect(p.failedSlices.find((f) => f.sliceIndex === k)?.message).toMatch(/jpeg-ls/i);
        expect(p.failedSlices.find((f) => f.sliceIndex === flipped)?.message).toMatch(/changed since import/);
        const size = p.dims[0] * p.dims[1];
        const values = typedView(p);
        for (const bad of [k, flipped])
          expect(values.subarray(bad * size, (bad + 1) * size).every((x) => x === 0)).toBe(true);
        const good = [0, 1, 2, 3].find((g) => g !== k && g !== flipped)!;
        expect(Array.from(values.subarray(good * size, (good + 1) * size))).toEqual(
          Array.from(full.pixels.subarray(good * size, (good + 1) * size)),
        );
      } finally {
        await copy.close();
      }
    },
  );

  it('refuses an unknown stack with NOT_FOUND and bad arguments at the edge', async () => {
    const detail = await detailOf(engine, uid);
    const s = detail.series[0].stacks[0];
    const none = await dispatchApiCall(engine, 'getStackPixels', {
      studyInstanceUid: uid,
      seriesInstanceUid: s.seriesInstanceUid,
      stackIndex: 99,
    });
    expect(none).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const bad = await dispatchApiCall(engine, 'getStackPixels', { studyInstanceUid: uid, stackIndex: -1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('keeps decoded stacks within its byte bound and decodes again what it dropped', async () => {
    const store = createStore({ dir: path.join(root, 'store') });
    try {
      const decoded: string[] = [];
      const counting = (cap: number): WorkspaceStacks =>
        new WorkspaceStacks(() => store, {
          maxPixelBytes: cap,
          decode: (req, signal) => {
            decoded.push(req.stack.seriesInstanceUid);
            return decodeStackPixels(req, signal);
          },
        });
      const detail = await detailOf(engine, uid);
      const [a, b] = detail.series.map((s) => s.stacks[0]);
      const arg = (
        s: StackDetail,
      ): { studyInstanceUid: string; seriesInstanceUid: string; stackIndex: number } => ({
        studyInstanceUid: uid,
        seriesInstanceUid: s.seriesInstanceUid,
        stackIndex: s.stackIndex,
      });
      const roomy = counting(1 << 30);
      const first = await roomy.stackPixels(arg(a));
      await roomy.stackPixels(arg(b));
      expect(await roomy.stackPixels(arg(a))).toBe(first);
      expect(decoded).toEqual([a.seriesInstanceUid, b.seriesInstanceUid]);
      decoded.length = 0;
      const oneStack = Math.max(first.pixels.byteLength, (await roomy.stackPixels(arg(b))).pixels.byteLength);
      const tight = counting(oneStack);
      await tight.stackPixels(arg(a));
      await tight.stackPixels(arg(b));
      const again = await tight.stackPixels(arg(a));
      expect(decoded).toEqual([a.seriesInstanceUid, b.seriesInstanceUid, a.seriesInstanceUid]);
      expect(new Uint8Array(again.pixels)).toEqual(new Uint8Array(first.pixels));
    } finally {
      store.close();
    }
  });
});
