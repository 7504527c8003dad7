// The engine's worker threads (createEngine({ offThread: true })): an analysis and a stack decode run in
// real worker threads (onnxruntime-node loaded there, the .ts entry under tsx), give the same results
// as in-thread, save through the engine's store, and stop on cancel with nothing stored.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_ID } from '../../../../main/engine/analysis/defaultModel';
import { createEngine, type Engine } from '../../../../main/engine/createEngine';
import { EngineWorkerClient, workerEntry } from '../../../../main/engine/worker/engineWorkerClient';
import type { EngineEvent } from '../../../../main/shared/apiEvents';
import { tempDir, tinyModelSkipReason, writePhantomStudy } from '../analysis/fixtures';
import { writeTinyPackage } from '../model/onnxFixtures';

if (tinyModelSkipReason) console.warn(`engine worker tests skipped: ${tinyModelSkipReason}`);

describe.skipIf(tinyModelSkipReason !== undefined)('engine work on worker threads', () => {
  let root = '';
  let worker: Engine;
  let inThread: Engine;
  let uid = '';
  const events: EngineEvent[] = [];
  const fallbacks: string[] = [];
  beforeAll(async () => {
    root = tempDir('worker');
    writePhantomStudy(path.join(root, 'data'));
    writeTinyPackage(path.join(root, 'models', DEFAULT_MODEL_ID));
    const models = path.join(root, 'models');
    worker = createEngine({
      storeDir: path.join(root, 'store-w'),
      modelDir: models,
      offThread: true,
      onWorkerFallback: (r) => fallbacks.push(r),
    });
    inThread = createEngine({ storeDir: path.join(root, 'store-t'), modelDir: models });
    worker.subscribe((e) => events.push(e));
    for (const e of [worker, inThread]) {
      const r = await e.importStudy({ paths: [path.join(root, 'data')] });
      if (!r.ok) throw new Error(r.error.message);
      uid = r.value.studies[0].studyInstanceUid;
    }
  });
  afterAll(async () => {
    expect(fallbacks, 'every task ran in a worker thread').toEqual([]);
    await worker?.close();
    await inThread?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('analyses in the worker with the in-thread findings, progress events and the record stored', async () => {
    const a = await worker.analyzeStudy({ studyInstanceUid: uid, provider: 'cpu', jobId: 'w-1' });
    const b = await inThread.analyzeStudy({ studyInstanceUid: uid, provider: 'cpu' });
    if (!a.ok || !b.ok) throw new Error(JSON.stringify([a, b]));
    expect(a.value.findings).toHaveLength(25);
    expect(a.value.findings).toEqual(b.value.findings);
    expect(a.value.levelPoints).toEqual(b.value.levelPoints);
    const stages = events
      .filter((e) => e.type === 'job-progress' && e.jobId === 'w-1')
      .map((e) => (e as { stage: string }).stage);
    expect(stages).toEqual(expect.arrayContaining(['verify files', 'load model', 'grade']));
    expect(events.at(-1)).toEqual({ type: 'job-end', jobId: 'w-1', method: 'analyzeStudy', ok: true });
    const stored = await worker.getAnalysis({ analysisId: a.value.analysisId });
    expect(stored.ok && stored.value.analysis.findings).toEqual(a.value.findings);
  });

  it('decodes stack pixels in the worker, byte for byte as in-thread', async () => {
    const d = await worker.getStudyDetail({ studyInstanceUid: uid });
    if (!d.ok) throw new Error(d.error.message);
    for (const s of d.value.series.flatMap((x) => x.stacks)) {
      const arg = { studyInstanceUid: uid, seriesInstanceUid: s.seriesInstanceUid, stackIndex: s.stackIndex };
      const [p, q] = await Promise.all([worker.getStackPixels(arg), inThread.getStackPixels(arg)]);
      if (!p.ok || !q.ok) throw new Error('getStackPixels failed');
      expect(p.value.pixels).toBeInstanceOf(ArrayBuffer);
      expect(Buffer.from(p.value.pixels).equals(Buffer.from(q.value.pixels))).toBe(true);
      expect({ ...p.value, pixels: null }).toEqual({ ...q.value, pixels: null });
    }
  });

  it('decodes the thumbnail slice in the worker, the same thumbnail as in-thread', async () => {
    const d = await worker.getStudyDetail({ studyInstanceUid: uid });
    if (!d.ok) throw new Error(d.error.message);
    for (const s of d.value.series.flatMap((x) => x.stacks)) {
      const arg = { studyInstanceUid: uid, seriesInstanceUid: s.seriesInstanceUid, stackIndex: s.stackIndex };
      const [p, q] = await Promise.all([worker.getStackThumbnail(arg), inThread.getStackThumbnail(arg)]);
      if (!p.ok || !q.ok) throw new Error('getStackThumbnail failed');
      expect(p.value.pixels).toBeInstanceOf(ArrayBuffer);
      expect(Buffer.from(p.value.pixels).equals(Buffer.from(q.value.pixels))).toBe(true);
      expect({ ...p.value, pixels: null }).toEqual({ ...q.value, pixels: null });
    }
  });

  it('stops a cancelled analysis (cancel message, else terminate) and stores nothing', async () => {
    const before = await worker.listStudies();
    const count = before.ok ? before.value[0].analyses.length : -1;
    const run = worker.analyzeStudy({ studyInstanceUid: uid, provider: 'cpu', jobId: 'w-cancel' });
    await new Promise<void>((resolve) => {
      const off = worker.subscribe((e) => {
        if (e.type === 'job-progress' && e.jobId === 'w-cancel') {
          off();
          resolve();
        }
      });
    });
    expect(await worker.cancelJob({ jobId: 'w-cancel' })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await run).toMatchObject({ ok: false, error: { code: 'ABORTED' } });
    const after = await worker.listStudies();
    expect(after.ok && after.value[0].analyses.length).toBe(count);
    const again = await worker.analyzeStudy({ studyInstanceUid: uid, provider: 'cpu' });
    expect(again.ok).toBe(true);
  });
});

describe.skipIf(tinyModelSkipReason !== undefined)('engine worker errors', () => {
  it('brings an AppError from the worker back with its code and message', async () => {
    const root = tempDir('worker-err');
    const engine = createEngine({
      storeDir: path.join(root, 'store'),
      modelDir: path.join(root, 'no-models'),
      offThread: true,
    });
    try {
      writePhantomStudy(path.join(root, 'data'));
      const r = await engine.importStudy({ paths: [path.join(root, 'data')] });
      if (!r.ok) throw new Error(r.error.message);
      const a = await engine.analyzeStudy({ studyInstanceUid: r.value.studies[0].studyInstanceUid });
      expect(a).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', message: expect.stringMatching(/No model package/) },
      });
    } finally {
      await engine.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('engine worker entry', () => {
  it('takes the built .js beside it, else the .ts source under the tsx loader', () => {
    const dir = tempDir('entry');
    try {
      const ts = workerEntry(dir);
      expect(ts.file).toBe(path.join(dir, 'engineWorker.ts'));
      expect(ts.execArgv?.[0]).toBe('--require');
      expect(ts.execArgv?.[1]).toMatch(/node_modules\/tsx\/.*\.cjs$/);
      writeFileSync(path.join(dir, 'engineWorker.js'), '');
      expect(workerEntry(dir)).toEqual({ file: path.join(dir, 'engineWorker.js') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs a decode task on another thread and lists the unreadable slice', async () => {
    const client = new EngineWorkerClient('test-worker');
    try {
      const missing = path.join(tempDir('gone'), 'x.dcm');
      mkdirSync(path.dirname(missing), { recursive: true });
      const stack = {
        studyInstanceUid: '1',
        seriesInstanceUid: '2',
        seriesDescription: 'x',
        seriesNumber: 1,
        stackIndex: 0,
        role: 'Sagittal T2/STIR' as const,
        frameOfReferenceUid: '3',
        geometry: {
          dims: [2, 2, 1] as const,
          spacingMm: [1, 1, 1] as const,
          originLps: [0, 0, 0] as const,
          direction: [
            [1, 0, 0],
            [0, 1, 0],
            [0, 0, 1],
          ] as const,
          slicePositionsLps: [[0, 0, 0] as const],
        },
        instanceNumbers: [1],
        sopInstanceUids: ['4'],
        filePaths: [missing],
        frameIndices: [0],
      };
      const p = await client.run({ kind: 'decodeStack', req: { stack, expectedSha256: {} } });
      expect(client.inThreadReason).toBeUndefined();
      expect(p.failedSlices).toHaveLength(1);
      expect(p.failedSlices[0].message).toMatch(/x\.dcm|not|read/i);
      expect(threadId).toBeGreaterThanOrEqual(0);
    } finally {
      await client.close();
    }
  });
});
