import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../main/cli/index';
import { chromiumPath } from '../../../main/engine/report/printReportPdf';
import { createStore } from '../../../main/engine/store/store';
import { CONDITIONS, LEVELS, SEVERITIES } from '../../../main/shared/targets';
import {
  tempDir,
  tinyModelSkipReason,
  writePhantomStudy,
  writeTinyModel,
} from '../../unit/engine/analysis/fixtures';

if (tinyModelSkipReason) console.warn(`analyze CLI tests skipped: ${tinyModelSkipReason}`);
const noChromium = existsSync(chromiumPath()) ? undefined : `no Chromium at ${chromiumPath()}`;
if (noChromium) console.warn(`analyze --pdf check skipped: ${noChromium}`);

/** Run the CLI in-process; stdout and stderr captured. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await main(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const leftovers = (dir: string): string[] => readdirSync(dir).filter((f) => f.includes('.partial'));

describe.skipIf(tinyModelSkipReason !== undefined)('spinegrade analyze (tiny ONNX pair)', () => {
  let root = '';
  let drop = '';
  let model = '';
  beforeAll(() => {
    root = tempDir('cli');
    drop = path.join(root, 'drop');
    writePhantomStudy(drop, { studyIndex: 0 });
    writePhantomStudy(drop, { studyIndex: 1 });
    model = writeTinyModel();
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(model, { recursive: true, force: true });
  });
  afterEach(() => {
    delete process.env.SPINEGRADE_CHROMIUM;
  });

  it('analyses each study of a drop and writes the JSON, HTML and PDF', async () => {
    const out = tempDir('cli-out');
    const [json, html, pdf, store] = ['a.json', 'a.html', 'a.pdf', 'store'].map((f) => path.join(out, f));
    const args = ['analyze', drop, '--model', model, '--store', store, '--provider', 'cpu', '--json', json];
    const r = await cli([...args, '--html', html, ...(noChromium ? [] : ['--pdf', pdf])]);
    expect(r.err).toContain('analyze: read+decode');
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(readFileSync(json, 'utf8')) as {
      analyses: Array<Record<string, unknown> & { findings: Array<Record<string, unknown>> }>;
      problems: unknown[];
    };
    expect(doc.analyses).toHaveLength(2);
    expect(doc.problems).toEqual([]);
    for (const a of doc.analyses) {
      expect(a).toMatchObject({ model: { id: 'test-tiny', version: '0.0.1' }, provider: 'cpu' });
      expect(Object.keys(a)).toEqual(
        expect.arrayContaining([
          'studyInstanceUid',
          'analysisId',
          'model',
          'provider',
          'timingsMs',
          'findings',
        ]),
      );
      expect((a.model as { sha256: string }).sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(a.findings).toHaveLength(25);
      expect(new Set(a.findings.map((f) => f.condition))).toEqual(new Set(CONDITIONS));
      expect(new Set(a.findings.map((f) => f.level))).toEqual(new Set(LEVELS));
      for (const f of a.findings) {
        expect(f).toMatchObject({ side: expect.any(String), uncertain: expect.any(Boolean) });
        if (!f.assessable) {
          expect(f).toMatchObject({
            probabilities: null,
            grade: null,
            notAssessableReason: expect.any(String),
          });
          continue;
        }
        const p = f.probabilities as number[];
        expect(p).toHaveLength(3);
        expect(p[0] + p[1] + p[2]).toBeCloseTo(1, 4);
        expect(SEVERITIES).toContain(f.grade);
        expect(f.keyLocation).toMatchObject({
          sopInstanceUid: expect.any(String),
          sliceIndex: expect.any(Number),
        });
      }
    }
    expect(new Set(doc.analyses.map((a) => a.studyInstanceUid)).size).toBe(2);
    expect(doc.analyses[0].findings.filter((f) => f.assessable).length).toBeGreaterThanOrEqual(20);
    expect(readFileSync(html, 'utf8')).toContain(String(doc.analyses[0].analysisId));
    if (!noChromium) expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(leftovers(out)).toEqual([]);
    const s = createStore({ dir: store });
    try {
      expect(s.listStudies()).toHaveLength(2);
      const exported = s.auditLog(String(doc.analyses[0].analysisId)).filter((x) => x.event === 'export');
      expect(exported).toHaveLength(1);
    } finally {
      s.close();
    }
    rmSync(out, { recursive: true, force: true });
  });

  it('refuses bad input with a message and a non-zero code, writing nothing and leaving the store untouched', async () => {
    const out = tempDir('cli-bad');
    const [json, store] = ['b.json', 'store'].map((f) => path.join(out, f));
    const notDicom = path.join(out, 'notes');
    rmSync(notDicom, { force: true });
    writeFileSync(notDicom, 'plain text, no DICOM preamble\n'.repeat(10));
    const base = ['--store', store, '--json', json];
    const none = await cli(['analyze', notDicom, '--model', model, ...base]);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/NOT_DICOM/);
    expect(none.err).toContain('nothing was written');
    const noModel = await cli(['analyze', drop, '--model', path.join(out, 'missing-model'), ...base]);
    expect(noModel.code).toBe(3);
    expect(noModel.err).toMatch(/No model package at .*missing-model.*manifest\.json/);
    const badFolder = await cli([
      'analyze',
      drop,
      '--model',
      model,
      '--store',
      store,
      '--json',
      '/nonexistent/x.json',
    ]);
    expect(badFolder.code).toBe(3);
    expect(badFolder.err).toContain('does not exist');
    const badProvider = await cli(['analyze', drop, '--model', model, ...base, '--provider', 'tpu']);
    expect(badProvider.code).toBe(3);
    expect(badProvider.err).toContain('--provider must be one of');
    expect(existsSync(json)).toBe(false);
    expect(existsSync(store)).toBe(false);
    expect(leftovers(out)).toEqual([]);
    rmSync(out, { recursive: true, force: true });
  });

  it('writes nothing when one output fails late (PDF printing): the old JSON stays whole', async () => {
    const out = tempDir('cli-atomic');
    const [json, html, pdf, store] = ['c.json', 'c.html', 'c.pdf', 'store'].map((f) => path.join(out, f));
    writeFileSync(json, '{"previous":true}\n');
    process.env.SPINEGRADE_CHROMIUM = '/bin/false';
    const r = await cli([
      'analyze',
      drop,
      '--model',
      model,
      '--store',
      store,
      '--json',
      json,
      '--html',
      html,
      '--pdf',
      pdf,
    ]);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/EXPORT_FAILED/);
    expect(readFileSync(json, 'utf8')).toBe('{"previous":true}\n');
    expect(existsSync(html)).toBe(false);
    expect(existsSync(pdf)).toBe(false);
    expect(leftovers(out)).toEqual([]);
    rmSync(out, { recursive: true, force: true });
  });
});
