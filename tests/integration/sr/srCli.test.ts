/**
 * `analyze --sr` and `export ID --sr` end to end: a phantom study written as real DICOM, graded by the default
 * model into a temporary store, reviewed and signed through the CLI; the SRs are read back with dcmjs, their
 * SCOORD points checked against the source images' geometry, and validated with dciodvfy and dsrdump.
 */
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../main/cli/index';
import { defaultModelDir } from '../../../main/engine/analysis/defaultModel';
import { readDicomHeader } from '../../../main/engine/dicom/readDicomFile';
import { createStore } from '../../../main/engine/store/store';
import type { Finding } from '../../../main/shared/findings';
import { lpsToPixel } from '../../../main/shared/sliceGeometry';
import { tempDir, tinyModelSkipReason, writePhantomStudy } from '../../unit/engine/analysis/fixtures';
import { hasTool } from '../../unit/engine/dicom/tools';
import {
  conceptOf,
  dciodvfy,
  kids,
  measurementGroups,
  named,
  one,
  readSr,
  run,
  seq,
  type Item,
} from '../../unit/engine/report/sr/srTree';

const noModel = existsSync(path.join(defaultModelDir(), 'manifest.json'))
  ? undefined
  : `no model package at ${defaultModelDir()}`;
const skip = tinyModelSkipReason ?? noModel;
if (skip) console.warn(`SKIP SR CLI tests: ${skip}`);
const noTools = ['dciodvfy', 'dsrdump'].filter((t) => !hasTool(t));
if (noTools.length)
  console.warn(`SKIP SR validation: ${noTools.join(', ')} missing (apt-get install dicom3tools dcmtk)`);

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

const aiGroups = (root: Item): Item[] =>
  measurementGroups(root).filter((g) => named(g, 'Person Observer Name').length === 0);

describe.skipIf(skip !== undefined)('spinegrade analyze --sr / export --sr', () => {
  let root = '';
  let store = '';
  let id = '';
  let findings: Finding[] = [];
  const file = (name: string): string => path.join(root, name);

  beforeAll(async () => {
    root = tempDir('sr');
    writePhantomStudy(file('drop'), { studyIndex: 3 });
    store = file('store');
    const args = ['analyze', file('drop'), '--store', store, '--provider', 'cpu'];
    const r = await cli([...args, '--json', file('a.json'), '--sr', file('analyze-sr.dcm')]);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(readFileSync(file('a.json'), 'utf8')) as {
      analyses: Array<{ analysisId: string; findings: Finding[] }>;
    };
    id = json.analyses[0].analysisId;
    findings = json.analyses[0].findings;
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('analyze --sr writes the unsigned SR of the analysis, audited as an export', () => {
    const sr = readSr(readFileSync(file('analyze-sr.dcm')));
    expect([sr.VerificationFlag, sr.PreliminaryFlag]).toEqual(['UNVERIFIED', 'PRELIMINARY']);
    const grades = aiGroups(sr).map((g) => conceptOf(one(g, 'RSNA 2024 lumbar grade'))?.meaning);
    expect(grades).toEqual(findings.map((f) => (f.assessable ? f.grade : 'Not assessable')));
    const s = createStore({ dir: store });
    try {
      const exports = s.auditLog(id).filter((r) => r.event === 'export');
      expect(JSON.stringify(exports)).toContain('analyze-sr.dcm');
    } finally {
      s.close();
    }
  });

  it('puts each SCOORD point on the key location of the image it references', () => {
    const sr = readSr(readFileSync(file('analyze-sr.dcm')));
    const s = createStore({ dir: store });
    const paths = new Map(
      s
        .getStudy(String(sr.StudyInstanceUID))
        .series.flatMap((x) => x.instances)
        .map((i) => [i.sopInstanceUid, i.filePath]),
    );
    s.close();
    let checked = 0;
    aiGroups(sr).forEach((g, i) => {
      const kl = findings[i].keyLocation;
      const num = named(g, 'Probability of Severe')[0];
      const scoord = num && kids(num).find((k) => k.ValueType === 'SCOORD');
      if (!kl || !scoord) return expect(kl && findings[i].probabilities ? 'missing SCOORD' : '').toBe('');
      const ref = seq(kids(scoord)[0].ReferencedSOPSequence)[0];
      expect(ref.ReferencedSOPInstanceUID).toBe(kl.sopInstanceUid);
      const header = readDicomHeader(paths.get(kl.sopInstanceUid) ?? '');
      expect(ref.ReferencedSOPClassUID).toBe(header.sopClassUid);
      const geometry = header.frames[0].geometry;
      if (!geometry) throw new Error('source image without geometry');
      const p = lpsToPixel(geometry, kl.positionLps);
      expect(Math.abs(p.distanceMm)).toBeLessThan(0.01);
      const [x, y] = seq(scoord.GraphicData) as unknown as number[];
      expect(x).toBeCloseTo(p.col + 0.5, 2);
      expect(y).toBeCloseTo(p.row + 0.5, 2);
      checked++;
    });
    expect(checked).toBeGreaterThanOrEqual(20);
    const evidence = seq(seq(sr.CurrentRequestedProcedureEvidenceSequence)[0].ReferencedSeriesSequence);
    const referenced = evidence.flatMap((x) => seq(x.ReferencedSOPSequence));
    expect(referenced.length).toBe(paths.size);
  });

  it('export --sr after an override and sign-off: verified, reader group kept beside the AI group', async () => {
    const target = 'spinal_canal_stenosis_l4_l5';
    const o = await cli([
      'override',
      id,
      target,
      'Severe',
      '--reader',
      'Dr Test',
      '--note',
      'narrow',
      '--store',
      store,
    ]);
    expect(o.code, o.err).toBe(0);
    expect((await cli(['sign', id, '--reader', 'Dr Test', '--store', store])).code).toBe(0);
    const r = await cli(['export', id, '--sr', file('signed.dcm'), '--store', store]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`Wrote ${file('signed.dcm')}`);
    const sr = readSr(readFileSync(file('signed.dcm')));
    expect(sr.VerificationFlag).toBe('VERIFIED');
    expect(sr.SOPInstanceUID).not.toBe(readSr(readFileSync(file('analyze-sr.dcm'))).SOPInstanceUID);
    const reader = measurementGroups(sr).filter((g) => named(g, 'Person Observer Name').length === 1);
    expect(reader.map((g) => conceptOf(one(g, 'RSNA 2024 lumbar grade'))?.meaning)).toEqual(['Severe']);
    expect(aiGroups(sr)).toHaveLength(25);
    const again = await cli(['export', id, '--sr', file('signed-again.dcm'), '--store', store]);
    expect(again.code).toBe(0);
    expect(readFileSync(file('signed-again.dcm')).equals(readFileSync(file('signed.dcm')))).toBe(true);
  });

  it.skipIf(noTools.length > 0)('both SRs pass dciodvfy and dsrdump without errors', () => {
    for (const name of ['analyze-sr.dcm', 'signed.dcm']) {
      expect(dciodvfy(file(name)).errors, name).toEqual([]);
      const dump = run('dsrdump', ['-Ee', file(name)]);
      expect(dump.status, dump.text).toBe(0);
      expect(dump.text.split('\n').filter((l) => /^[EW]:/.test(l))).toEqual([]);
      expect(dump.text).toContain('Imaging Measurement Report');
    }
  });

  it('a moved source file stops export --sr with exit 3 and writes nothing', async () => {
    const s = createStore({ dir: store });
    const moved = s.getStudy(s.getAnalysis(id).analysis.studyInstanceUid).series[0].instances[0].filePath;
    s.close();
    renameSync(moved, `${moved}.away`);
    try {
      const r = await cli(['export', id, '--sr', file('moved.dcm'), '--store', store]);
      expect(r.code).toBe(3);
      expect(r.err).toContain('missing');
      expect(existsSync(file('moved.dcm'))).toBe(false);
    } finally {
      renameSync(`${moved}.away`, moved);
    }
    expect((await cli(['export', id, '--store', store])).code).toBe(2);
  });
});
