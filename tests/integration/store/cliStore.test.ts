/**
 * The store commands end to end (list, show, override, sign, export, audit verify) on a store seeded with a
 * real DICOM study and a synthetic analysis (this tests the store, report and CLI, not the model).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { instanceRefFromFile } from '../../../main/engine/store/files';
import { createStore } from '../../../main/engine/store/store';
import { main } from '../../../main/cli/index';
import { PHANTOM_MODEL_BANNER } from '../../../main/shared/intendedUse';
import { analysisRecord, studyInfo, tempDir } from '../../unit/engine/store/fixtures';
import { writeSyntheticStudy } from './syntheticDicom';

const ID = 'cli-analysis-7f3e2a';
const root = tempDir('cli');
const storeDir = path.join(root, 'store');
const outDir = path.join(root, 'out');

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await main([...argv, '--store', storeDir]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

beforeAll(async () => {
  const study = studyInfo();
  const written = writeSyntheticStudy(path.join(root, 'dicom'), study);
  const store = createStore({ dir: storeDir });
  const series = [];
  for (const { spec, files } of written) {
    const instances = [];
    for (const f of files) instances.push(await instanceRefFromFile(f.sop, f.file));
    series.push({
      seriesInstanceUid: spec.uid,
      seriesDescription: spec.description,
      role: spec.description as 'Axial T2',
      instances,
    });
  }
  store.upsertStudy({ study, series });
  store.saveAnalysis(
    analysisRecord(ID, study.studyInstanceUid, {
      spinal_canal_stenosis_l4_l5: 2,
      left_neural_foraminal_narrowing_l3_l4: 1,
    }),
  );
  store.close();
  execFileSync('mkdir', ['-p', outDir]);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('store commands', () => {
  it('list and show (by prefix) print the analysis; show is audited as a view', async () => {
    const list = await cli('list');
    expect(list.code).toBe(0);
    expect(list.out).toContain(`analysis ${ID}`);
    expect(list.out).toContain('Doe, Jane');
    const show = await cli('show', 'cli-analysis');
    expect(show.code).toBe(0);
    expect(show.out).toContain(PHANTOM_MODEL_BANNER);
    expect(show.out).toMatch(/L4\/L5\s+Severe\s/);
    expect(show.out).toContain('L4/L5: severe spinal canal stenosis');
    expect(show.out).toContain('NOT SIGNED');
  });

  it('override refuses bad input with the valid values and writes nothing', async () => {
    const badGrade = await cli('override', ID, 'spinal_canal_stenosis_l4_l5', 'Terrible', '--reader', 'Dr A');
    expect(badGrade.code).toBe(3);
    expect(badGrade.err).toContain('Valid grades: Normal/Mild, Moderate, Severe');
    const badTarget = await cli('override', ID, 'spinal_canal_stenosis_l9_l5', 'Severe', '--reader', 'Dr A');
    expect(badTarget.code).toBe(3);
    expect(badTarget.err).toContain('e.g. spinal_canal_stenosis_l4_l5');
    expect((await cli('override', ID, 'spinal_canal_stenosis_l4_l5', 'Severe')).code).toBe(3);
    expect((await cli('override', ID, 'spinal_canal_stenosis_l4_l5')).code).toBe(2);
    const s = createStore({ dir: storeDir });
    expect(s.getAnalysis(ID).overrides).toEqual([]);
    s.close();
  });

  it('override, sign, sign again (refused), then an addendum', async () => {
    const o = await cli(
      'override',
      ID,
      'spinal_canal_stenosis_l4_l5',
      'moderate',
      '--reader',
      'Dr A',
      '--note',
      'measured 11 mm',
    );
    expect(o.code).toBe(0);
    expect(o.out).toContain('L4/L5 spinal canal stenosis Moderate (AI: Severe) by Dr A');
    expect((await cli('sign', ID, '--reader', 'Dr A')).code).toBe(0);
    const again = await cli('sign', ID, '--reader', 'Dr B');
    expect(again.code).toBe(3);
    expect(again.err).toContain('already signed by Dr A');
    const late = await cli('override', ID, 'spinal_canal_stenosis_l4_l5', 'Severe', '--reader', 'Dr B');
    expect(late.code).toBe(0);
    expect(late.out).toContain('Addendum stored');
    const show = await cli('show', ID);
    expect(show.out).toMatch(/L4\/L5\s+Moderate\*/);
    expect(show.out).toContain('Signed by Dr A');
    expect(show.out).toContain('ADDENDUM');
  });

  it('export writes HTML, PDF and Encapsulated PDF with key images from the verified files', async () => {
    const html = path.join(outDir, 'summary.html');
    const pdf = path.join(outDir, 'summary.pdf');
    const r = await cli('export', ID, '--html', html, '--pdf', pdf, '--paper', 'letter');
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(outDir).sort()).toEqual(['summary.dcm', 'summary.html', 'summary.pdf']);
    const text = readFileSync(html, 'utf8');
    expect((text.match(/<svg /g) ?? []).length).toBe(1); // sagittal with labels; the severe finding was downgraded
    expect(text).toContain('Signed by <b>Dr A</b>');
    const pdfText = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(pdfText).toContain('ADDENDUM');
    expect(execFileSync('dcmdump', [path.join(outDir, 'summary.dcm')], { encoding: 'utf8' })).toContain(
      'EncapsulatedPDFStorage',
    );
  });

  it('export into a missing folder fails cleanly, and nothing is half-written', async () => {
    const r = await cli(
      'export',
      ID,
      '--html',
      path.join(outDir, 'x.html'),
      '--pdf',
      path.join(root, 'nope', 'x.pdf'),
    );
    expect(r.code).toBe(3);
    expect(r.err).toContain('does not exist');
    expect(existsSync(path.join(outDir, 'x.html'))).toBe(false);
    expect(readdirSync(outDir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('audit verify: 0 when intact, 3 with the first bad row after tampering (real process)', async () => {
    const ok = await cli('audit', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/Audit log intact: 8 rows/);
    const db = new Database(path.join(storeDir, 'spinegrade.db'));
    db.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'someone else' WHERE seq = 4;");
    db.close();
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'main/cli/index.ts', 'audit', 'verify', '--store', storeDir],
      {
        cwd: path.join(__dirname, '../../..'),
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/TAMPERED at row 4/);
  });
});
