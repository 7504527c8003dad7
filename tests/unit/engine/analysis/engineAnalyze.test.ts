// createEngine: analyzeStudy (job), getReport and exportReport through the contract's edge (dispatchApiCall),
// on a stored phantom study with the tiny ONNX pair as the engine's default model.
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_ID } from '../../../../main/engine/analysis/defaultModel';
import { createEngine, type Engine } from '../../../../main/engine/createEngine';
import { cudaBinariesPresent, ortBinaryDir } from '../../../../main/engine/runtime/executionProvider';
import type { AnalysisRecord } from '../../../../main/shared/analysis';
import { dispatchApiCall } from '../../../../main/shared/apiDispatch';
import { printReportPdf } from '../../../../main/engine/report/printReportPdf';
import type { EngineEvent } from '../../../../main/shared/apiEvents';
import { writeTinyPackage } from '../model/onnxFixtures';
import { tempDir, tinyModelSkipReason, writePhantomStudy } from './fixtures';

if (tinyModelSkipReason) console.warn(`engine analyze tests skipped: ${tinyModelSkipReason}`);
const cudaHere = cudaBinariesPresent(ortBinaryDir());

describe.skipIf(tinyModelSkipReason !== undefined)('engine analyzeStudy / getReport / exportReport', () => {
  let root = '';
  let engine: Engine;
  let studyUid = '';
  const events: EngineEvent[] = [];
  beforeAll(async () => {
    root = tempDir('engine');
    writePhantomStudy(path.join(root, 'data'));
    writeTinyPackage(path.join(root, 'models', DEFAULT_MODEL_ID));
    engine = createEngine({ storeDir: path.join(root, 'store'), modelDir: path.join(root, 'models') });
    engine.subscribe((e) => events.push(e));
    const imported = await engine.importStudy({ paths: [path.join(root, 'data')] });
    if (!imported.ok) throw new Error(imported.error.message);
    studyUid = imported.value.studies[0].studyInstanceUid;
  });
  afterAll(async () => {
    await engine?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('analyses a stored study as a job with progress events, recording the provider actually used', async () => {
    const arg = { studyInstanceUid: studyUid, provider: cudaHere ? 'cpu' : 'cuda', jobId: 'an-1' };
    const r = await dispatchApiCall(engine, 'analyzeStudy', arg);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const rec = (r as { value: AnalysisRecord }).value;
    expect(rec.findings).toHaveLength(25);
    expect(rec.provider).toBe('cpu');
    if (!cudaHere) expect(rec.providerNote).toMatch(/CUDA/);
    expect(
      events.some((e) => e.type === 'job-progress' && e.method === 'analyzeStudy' && e.jobId === 'an-1'),
    ).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'job-end', jobId: 'an-1', method: 'analyzeStudy', ok: true });
    const list = await engine.listStudies();
    expect(list.ok && list.value[0].analyses.map((a) => a.analysisId)).toEqual([rec.analysisId]);

    const report = await dispatchApiCall(engine, 'getReport', { analysisId: rec.analysisId.slice(0, 8) });
    expect(report.ok).toBe(true);
    expect((report as { value: { html: string } }).value.html).toContain(rec.model.sha256);

    const out = path.join(root, 'summary.html');
    const exported = await dispatchApiCall(engine, 'exportReport', {
      analysisId: rec.analysisId,
      htmlPath: out,
    });
    expect(exported).toMatchObject({ ok: true, value: { files: [{ file: out }] } });
    expect(readFileSync(out, 'utf8')).toContain(rec.analysisId);
  });

  it('rejects bad arguments at the edge and says when the study files moved', async () => {
    const bad = await dispatchApiCall(engine, 'analyzeStudy', {
      studyInstanceUid: studyUid,
      provider: 'tpu',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const none = await dispatchApiCall(engine, 'exportReport', { analysisId: 'abcd1234' });
    expect(none).toMatchObject({ ok: false });
    const data = path.join(root, 'data');
    renameSync(data, `${data}-moved`);
    try {
      const moved = await engine.analyzeStudy({ studyInstanceUid: studyUid });
      expect(moved).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', message: expect.stringMatching(/missing/) },
      });
    } finally {
      renameSync(`${data}-moved`, data);
    }
    expect(existsSync(data)).toBe(true);
  });

  it('is cancelled through cancelJob and stores nothing', async () => {
    const before = await engine.listStudies();
    const count = before.ok ? before.value[0].analyses.length : -1;
    const pending = engine.analyzeStudy({ studyInstanceUid: studyUid, jobId: 'an-2' });
    expect(await engine.cancelJob({ jobId: 'an-2' })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'ABORTED' } });
    const after = await engine.listStudies();
    expect(after.ok && after.value[0].analyses.length).toBe(count);
  });

  it('refuses a study whose file content changed (same size) after import, stores nothing, and leaves its key images out', async () => {
    const listed = await engine.listStudies();
    const before = listed.ok ? listed.value[0].analyses.length : -1;
    const file = readdirSync(path.join(root, 'data'), { recursive: true, encoding: 'utf8' })
      .filter((rel) => rel.endsWith('.dcm'))
      .map((rel) => path.join(root, 'data', rel))
      .sort()[0];
    const original = readFileSync(file);
    const edited = Buffer.from(original);
    edited[edited.length - 1] ^= 0xff; // last pixel byte: same size, different content
    writeFileSync(file, edited);
    try {
      const r = await engine.analyzeStudy({ studyInstanceUid: studyUid });
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', message: expect.stringMatching(/1 of \d+ files .* changed/) },
      });
      const after = await engine.listStudies();
      expect(after.ok && after.value[0].analyses.length).toBe(before);
      // The summary of an earlier analysis leaves the key images out and says why; the findings stay.
      const analysisId = after.ok ? after.value[0].analyses[0].analysisId : '';
      const report = await engine.getReport({ analysisId });
      expect(report.ok && report.value.html).toMatch(
        /Key images not included: 1 of \d+ source files are missing or changed since import \(first: [^)]*, changed\)/,
      );
    } finally {
      writeFileSync(file, original);
    }
    expect((await engine.analyzeStudy({ studyInstanceUid: studyUid })).ok).toBe(true);
  }, 60_000);

  it("exports the PDF through the face's printer when one is given (the app passes Electron's printToPDF)", async () => {
    const listed = await engine.listStudies();
    const analysisId = listed.ok ? listed.value[0].analyses[0]?.analysisId : undefined;
    expect(analysisId).toBeDefined();
    const calls: Array<{ paper: string; banner: boolean }> = [];
    // A real renderer behind the seam: Chromium through printReportPdf, bytes handed back like printToPDF's.
    const printPdf = async (html: string, paper: 'A4' | 'Letter'): Promise<Uint8Array> => {
      calls.push({ paper, banner: html.includes('Not for clinical use') });
      const tmp = path.join(root, `printer-${calls.length}.pdf`);
      await printReportPdf(html, tmp, { paper });
      return readFileSync(tmp);
    };
    const withPrinter = createEngine({
      storeDir: path.join(root, 'store'),
      modelDir: path.join(root, 'models'),
      printPdf,
    });
    try {
      const out = path.join(root, 'via-printer.pdf');
      const r = await withPrinter.exportReport({ analysisId: analysisId!, pdfPath: out, paper: 'Letter' });
      expect(r, JSON.stringify(r)).toMatchObject({ ok: true, value: { files: [{ file: out }] } });
      expect(calls).toEqual([{ paper: 'Letter', banner: true }]);
      expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await withPrinter.close();
    }
  }, 60_000);
});
