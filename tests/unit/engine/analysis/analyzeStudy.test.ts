import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeStudy } from '../../../../main/engine/analysis/analyzeStudy';
import { modelSessionsFor, releaseCachedModels } from '../../../../main/engine/analysis/modelCache';
import { ANALYSIS_STAGES } from '../../../../main/engine/analysis/types';
import { sha256File } from '../../../../main/engine/model/manifest';
import { cudaBinariesPresent, ortBinaryDir } from '../../../../main/engine/runtime/executionProvider';
import { createStore, type Store } from '../../../../main/engine/store/store';
import type { StudyRecord } from '../../../../main/engine/phantom/study';
import { allTargets } from '../../../../main/shared/targets';
import { tempDir, tinyModelSkipReason, writePhantomStudy, writeTinyModel } from './fixtures';

if (tinyModelSkipReason) console.warn(`analyzeStudy tests skipped: ${tinyModelSkipReason}`);
const cudaHere = cudaBinariesPresent(ortBinaryDir());
if (cudaHere)
  console.warn('CUDA fallback test skipped: CUDA provider binaries are installed on this machine');

describe.skipIf(tinyModelSkipReason !== undefined)('analyzeStudy with the tiny ONNX pair', () => {
  let root = '';
  let studyDir = '';
  let phantom: StudyRecord;
  let modelDir = '';
  let store: Store;
  beforeAll(() => {
    root = tempDir('study');
    studyDir = path.join(root, 'study');
    phantom = writePhantomStudy(studyDir);
    modelDir = writeTinyModel();
    store = createStore({ dir: path.join(root, 'store') });
  });
  afterAll(async () => {
    store?.close();
    await releaseCachedModels();
    rmSync(root, { recursive: true, force: true });
    rmSync(modelDir, { recursive: true, force: true });
  });

  it('grades 25 targets, records provenance and timings, and saves study + analysis with an audit row', async () => {
    const stages: string[] = [];
    const r = await analyzeStudy(
      { paths: [studyDir] },
      { modelDir, provider: 'cpu', store, onProgress: (p) => stages.push(p.stage) },
    );
    const rec = r.record;
    expect(rec.findings.map((f) => `${f.condition}_${f.level}`).sort()).toEqual(
      allTargets()
        .map((t) => `${t.condition}_${t.level}`)
        .sort(),
    );
    // The tiny localizer puts the levels at fixed image positions, not on the anatomy: the sagittal targets are
    // all graded; an axial (subarticular) target whose fixed level falls outside the axial coverage is not
    // assessable, and says so.
    for (const f of rec.findings) {
      if (f.assessable) {
        expect(f.keyLocation, `${f.condition} ${f.level}`).not.toBeNull();
        expect(f.grade, `${f.condition} ${f.level}`).not.toBeNull();
      } else {
        expect(f.condition, `${f.condition} ${f.level}: ${f.notAssessableReason}`).toMatch(/_subarticular_/);
        expect(f.notAssessableReason).toMatch(/^Not covered by the axial T2 series/);
      }
    }
    expect(rec.findings.filter((f) => f.assessable).length).toBeGreaterThanOrEqual(15);
    // One entry per series the phantom wrote (its axial T2 may come as one or two series).
    expect(rec.seriesUsed.map((s) => s.role).sort()).toEqual(phantom.series.map((s) => s.role).sort());
    expect(rec.seriesUsed.filter((s) => s.role !== 'Axial T2').map((s) => s.role)).toEqual([
      'Sagittal T2/STIR',
      'Sagittal T1',
    ]);
    // Five level points on each sagittal series, one on the axial series per level it covers.
    const axialLevels = new Set(
      rec.findings.filter((f) => f.assessable && /_subarticular_/.test(f.condition)).map((f) => f.level),
    );
    expect(rec.levelPoints.length).toBe(10 + axialLevels.size);
    expect(rec.model).toMatchObject({ id: 'test-tiny', version: '0.0.1' });
    expect(rec.model.sha256).toBe(sha256File(path.join(modelDir, 'manifest.json')));
    expect(rec.provider).toBe('cpu');
    expect(rec.providerNote).toBeUndefined();
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(rec.appVersion).toBe(pkg.version);
    for (const stage of ANALYSIS_STAGES.filter((s) => s !== 'report'))
      expect(rec.timingsMs[stage], stage).toBeGreaterThanOrEqual(0);
    expect(rec.timingsMs['read+decode']).toBeGreaterThan(0);
    expect(rec.timingsMs.total).toBeGreaterThanOrEqual(rec.timingsMs.localise + rec.timingsMs.classify);
    expect(r.html).toBeUndefined();
    expect(stages).toEqual(expect.arrayContaining(['read+decode', 'grade', 'store']));

    expect(store.getAnalysis(rec.analysisId).analysis).toEqual(rec);
    expect(store.getStudy(rec.studyInstanceUid).series).toHaveLength(phantom.series.length);
    const audit = store.auditLog(rec.analysisId).find((a) => a.event === 'analysis');
    expect(audit?.details).toEqual({
      model: { id: 'test-tiny', version: '0.0.1', sha256: rec.model.sha256 },
      provider: 'cpu',
    });
    expect(store.verifyAudit().ok).toBe(true);
  });

  it('reuses warm sessions per (model, provider) and builds the summary HTML when asked', async () => {
    const a = await modelSessionsFor(modelDir, 'cpu');
    const r = await analyzeStudy({ paths: [studyDir] }, { modelDir, provider: 'cpu', report: true });
    expect(await modelSessionsFor(modelDir, 'cpu')).toBe(a);
    expect(r.record.timingsMs.model).toBeLessThan(50);
    expect(r.html).toContain(r.record.model.sha256);
    expect(r.html).toContain('<figure class="key"');
    expect(r.html).toContain('data:image/png;base64,');
    expect(r.record.timingsMs.report).toBeGreaterThan(0);
  });

  it.skipIf(cudaHere)('asked for CUDA where it is absent: runs on CPU and records why', async () => {
    const r = await analyzeStudy({ paths: [studyDir] }, { modelDir, provider: 'cuda', store });
    expect(r.record.provider).toBe('cpu');
    expect(r.record.providerNote).toMatch(/CUDA provider binaries are not installed/);
    expect(store.getAnalysis(r.record.analysisId).analysis.providerNote).toBe(r.record.providerNote);
  });

  it('stops on the AbortSignal and stores nothing', async () => {
    const dir = tempDir('abort-store');
    const fresh = createStore({ dir });
    try {
      const controller = new AbortController();
      const run = analyzeStudy(
        { paths: [studyDir] },
        {
          modelDir,
          provider: 'cpu',
          store: fresh,
          signal: controller.signal,
          onProgress: (p) => {
            if (p.stage === 'grade') controller.abort();
          },
        },
      );
      await expect(run).rejects.toMatchObject({ code: 'ABORTED' });
      expect(fresh.listStudies()).toEqual([]);
      expect(fresh.auditLog()).toEqual([]);
      const early = new AbortController();
      early.abort();
      await expect(
        analyzeStudy({ paths: [studyDir] }, { modelDir, provider: 'cpu', signal: early.signal }),
      ).rejects.toMatchObject({ code: 'ABORTED' });
    } finally {
      fresh.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses files that are not DICOM and a missing model with clear errors', async () => {
    const bad = tempDir('bad');
    writeFileSync(path.join(bad, 'notes.txt'), 'not an image\n'.repeat(20));
    try {
      await expect(
        analyzeStudy({ paths: [bad] }, { modelDir, provider: 'cpu', store }),
      ).rejects.toMatchObject({
        code: 'NOT_DICOM',
        message: expect.stringContaining('No lumbar MR study could be read'),
      });
      await expect(
        analyzeStudy({ paths: [studyDir] }, { modelDir: path.join(bad, 'nope'), provider: 'cpu' }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('manifest.json') });
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});
