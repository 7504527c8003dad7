// createEngine: importStudy through the contract on a generated phantom study, into a temp store; job
// events, idempotent re-import, listStudies, cancellation and per-file problems.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../main/engine/createEngine';
import { writePhantomDataset } from '../../../main/engine/phantom/dataset';
import type { EngineEvent } from '../../../main/shared/apiEvents';
import { dispatchApiCall } from '../../../main/shared/apiDispatch';

let dir: string;
let engine: Engine;
const events: EngineEvent[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'spinegrade-engine-'));
  await writePhantomDataset({
    outDir: path.join(dir, 'data'),
    studies: 1,
    seed: 'engine-import',
    maxMatrix: 256,
  });
  writeFileSync(path.join(dir, 'data', 'notes.txt'), 'not a DICOM file');
  engine = createEngine({ storeDir: path.join(dir, 'store') });
  engine.subscribe((e) => events.push(e));
}, 120_000);
afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('importStudy / listStudies', () => {
  it('stores the study with its three series, reports problems and emits job events', async () => {
    const r = await engine.importStudy({ paths: [path.join(dir, 'data')], jobId: 'import-1' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.studies).toHaveLength(1);
    expect(r.value.studies[0].created).toBe(true);
    expect(r.value.studies[0].roles).toEqual(
      expect.arrayContaining(['Sagittal T1', 'Sagittal T2/STIR', 'Axial T2']),
    );
    expect(r.value.problems.some((p) => p.file.endsWith('notes.txt'))).toBe(true);
    expect(events.some((e) => e.type === 'job-progress' && e.jobId === 'import-1')).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'job-end', jobId: 'import-1', method: 'importStudy', ok: true });
  });

  it('re-imports without duplicating, and lists the study', async () => {
    const again = await engine.importStudy({ paths: [path.join(dir, 'data')] });
    expect(again).toMatchObject({ ok: true, value: { studies: [{ created: false, newInstances: 0 }] } });
    const list = await engine.listStudies();
    expect(list.ok && list.value.length).toBe(1);
    if (list.ok)
      expect(list.value[0].study.studyInstanceUid).toBe(
        again.ok ? again.value.studies[0].studyInstanceUid : '',
      );
  });

  it('is cancelled through cancelJob', async () => {
    const pending = engine.importStudy({ paths: [path.join(dir, 'data')], jobId: 'import-2' });
    expect(await engine.cancelJob({ jobId: 'import-2' })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'ABORTED' } });
    expect(await engine.cancelJob({ jobId: 'import-2' })).toEqual({ ok: true, value: { cancelled: false } });
  });

  it('validates arguments at the edge', async () => {
    for (const bad of [undefined, {}, { paths: [] }, { paths: ['/x'], extra: 1 }, { paths: [42] }]) {
      expect(await dispatchApiCall(engine, 'importStudy', bad)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGUMENT' },
      });
    }
  });
});
