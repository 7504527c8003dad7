/**
 * The SR of a synthetic analysis (not-assessable targets, overrides, an addendum, a sign-off, a non-ASCII
 * name): read back with dcmjs, checked with dsrdump and dciodvfy, every standard code checked against
 * pydicom's PS3.16 dictionaries. Synthetic findings: this tests the SR, not the model.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dsText } from '../../../../../main/engine/report/sr/contentItems';
import type { SourceSeries } from '../../../../../main/engine/report/sr/sourceImages';
import { PRIVATE_SCHEME } from '../../../../../main/engine/report/sr/srCodes';
import { srDocument, type SrInput } from '../../../../../main/engine/report/sr/srDocument';
import type { AnalysisRecord, ReaderOverride } from '../../../../../main/shared/analysis';
import { analysisRecord, studyInfo } from '../../store/fixtures';
import { hasTool } from '../../dicom/tools';
import {
  allCodes,
  codesUnknownToPydicom,
  conceptOf,
  dciodvfy,
  kids,
  measurementGroups,
  named,
  one,
  PYTHON,
  readSr,
  run,
  seq,
  type Item,
} from './srTree';

const dir = mkdtempSync(path.join(tmpdir(), 'sg-sr-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MR = '1.2.840.10008.5.1.4.1.1.4';

function sources(a: AnalysisRecord): SourceSeries[] {
  return a.seriesUsed.map((s) => ({
    seriesInstanceUid: s.seriesInstanceUid,
    instances: Array.from({ length: s.sliceCount }, (_, k) => ({
      seriesInstanceUid: s.seriesInstanceUid,
      sopInstanceUid: `${s.seriesInstanceUid}.${k + 1}`,
      sopClassUid: MR,
      frames: [null],
    })),
  }));
}

function override(a: AnalysisRecord, grade: ReaderOverride['grade'], addendum: boolean): ReaderOverride {
  return {
    analysisId: a.analysisId,
    condition: 'spinal_canal_stenosis',
    level: 'l4_l5',
    grade,
    note: addendum ? 'addendum: looked again' : 'canal narrowed',
    reader: 'Müller^Jörg',
    createdAt: addendum ? '2024-03-16T12:00:00.000Z' : '2024-03-16T11:00:00.000Z',
    addendum,
  };
}

function input(signed: boolean): SrInput {
  const analysis = analysisRecord('sr-unit-1', undefined, {
    spinal_canal_stenosis_l4_l5: 1,
    left_neural_foraminal_narrowing_l5_s1: 2,
    left_subarticular_stenosis_l1_l2: 'na',
  });
  const overrides = signed ? [override(analysis, 'Severe', false), override(analysis, 'Moderate', true)] : [];
  return {
    study: studyInfo(undefined, { patientName: 'Doe^Zoë' }),
    analysis,
    overrides,
    signOff: signed
      ? { analysisId: analysis.analysisId, reader: 'Müller^Jörg', signedAt: '2024-03-16T11:30:00.000Z' }
      : null,
    sources: sources(analysis),
  };
}

const aiGroups = (root: Item): Item[] =>
  measurementGroups(root).filter((g) => named(g, 'Person Observer Name').length === 0);

describe('srDocument', () => {
  const signed = srDocument(input(true));
  const root = readSr(signed.bytes);

  it('is a Comprehensive SR in the patient study, TID 1500, verified by the reader, UTF-8 declared', () => {
    expect(root.SOPClassUID).toBe('1.2.840.10008.5.1.4.1.1.88.33');
    expect(root.StudyInstanceUID).toBe(input(true).study.studyInstanceUid);
    expect(root.SpecificCharacterSet).toBe('ISO_IR 192');
    expect(seq(root.ContentTemplateSequence)[0]).toMatchObject({ TemplateIdentifier: '1500' });
    expect(root.VerificationFlag).toBe('VERIFIED');
    expect(root.PreliminaryFlag).toBe('FINAL');
    expect(seq(root.CodingSchemeIdentificationSequence)[0]).toMatchObject({
      CodingSchemeDesignator: PRIVATE_SCHEME,
    });
  });

  it('holds 25 AI groups with the grades, exact probabilities, sites and laterality', () => {
    const a = input(true).analysis;
    const groups = aiGroups(root);
    expect(groups).toHaveLength(25);
    groups.forEach((g, i) => {
      const f = a.findings[i];
      const grade = conceptOf(one(g, 'RSNA 2024 lumbar grade'));
      expect(grade?.meaning).toBe(f.assessable ? f.grade : 'Not assessable');
      const site = one(g, 'Finding Site');
      expect(conceptOf(site)?.scheme).toBe('SCT');
      expect(named(site, 'Laterality').map((l) => conceptOf(l)?.meaning)).toEqual(
        f.side === 'center' ? [] : [f.side === 'left' ? 'Left' : 'Right'],
      );
      const probs = ['Normal/Mild', 'Moderate', 'Severe'].flatMap((c) => named(g, `Probability of ${c}`));
      const values = probs.map((n) => Number(seq(n.MeasuredValueSequence)[0].FloatingPointValue));
      expect(values).toEqual(f.probabilities ? [...f.probabilities] : []);
      if (!f.assessable) expect(one(g, 'Reason not assessable').TextValue).toBe(f.notAssessableReason);
    });
  });

  it('points each graded finding at its key slice with an SCOORD POINT', () => {
    const a = input(true).analysis;
    const g = aiGroups(root)[0];
    const scoord = kids(one(g, 'Probability of Severe')).find((k) => k.ValueType === 'SCOORD') as Item;
    const kl = a.findings[0].keyLocation;
    expect(scoord.GraphicType).toBe('POINT');
    expect(seq(scoord.GraphicData)).toEqual([(kl?.col ?? 0) + 0.5, (kl?.row ?? 0) + 0.5]);
    const image = seq(kids(scoord)[0].ReferencedSOPSequence)[0];
    expect(image).toMatchObject({ ReferencedSOPClassUID: MR, ReferencedSOPInstanceUID: kl?.sopInstanceUid });
  });

  it('keeps the AI value beside each reader group (same tracking UID) and marks the addendum', () => {
    const groups = measurementGroups(root);
    const readers = groups.filter((g) => named(g, 'Person Observer Name').length === 1);
    expect(readers.map((g) => conceptOf(one(g, 'RSNA 2024 lumbar grade'))?.meaning)).toEqual([
      'Severe',
      'Moderate',
    ]);
    expect(readers.map((g) => named(g, 'Addendum after sign-off').length)).toEqual([0, 1]);
    const uid = (g: Item): unknown => one(g, 'Tracking Unique Identifier').UID;
    const ai = aiGroups(root).find((g) => uid(g) === uid(readers[0]));
    expect(conceptOf(one(ai as Item, 'RSNA 2024 lumbar grade'))?.meaning).toBe('Moderate');
  });

  it('states the impression (with the reader grade), intended use and the device observer', () => {
    const evaluations = one(root, 'Qualitative Evaluations');
    expect(one(evaluations, 'Impression').TextValue).toContain('L4/L5: severe spinal canal stenosis');
    expect(String(one(evaluations, 'Intended use').TextValue)).toContain('Not for clinical use.');
    expect(conceptOf(named(root, 'Observer Type')[0])?.meaning).toBe('Device');
    expect(named(root, 'Person Observer Name')).toHaveLength(1);
  });

  it('unsigned: UNVERIFIED, PRELIMINARY, no person observer; the same state gives the same bytes', () => {
    const a = srDocument(input(false));
    const b = srDocument(input(false));
    expect(Buffer.compare(a.bytes, b.bytes)).toBe(0);
    expect(a.sopInstanceUid).not.toBe(signed.sopInstanceUid);
    expect(a.seriesInstanceUid).toBe(signed.seriesInstanceUid);
    const u = readSr(a.bytes);
    expect([u.VerificationFlag, u.PreliminaryFlag]).toEqual(['UNVERIFIED', 'PRELIMINARY']);
    expect(named(u, 'Person Observer Name')).toHaveLength(0);
    expect(measurementGroups(u)).toHaveLength(25);
  });

  it.skipIf(!hasTool(PYTHON))('uses only codes of PS3.16 (pydicom) or the declared private scheme', () => {
    const codes = allCodes(root);
    const standard = codes.filter((c) => c.scheme !== PRIVATE_SCHEME);
    // Not in pydicom 2.3's tables; checked in dcmtk's dcmsr/codes/umls.h and cmr/cid5000.h.
    const elsewhere = new Set(['C0034375 UMLS', 'en-US RFC5646']);
    const rest = standard.filter((c) => !elsewhere.has(`${c.value} ${c.scheme}`));
    expect(rest.length).toBeGreaterThan(20);
    expect(codesUnknownToPydicom(rest)).toEqual([]);
    // The check itself can fail: an invented code and a real code with a wrong meaning are caught.
    const invented = [
      { value: '999999999', scheme: 'SCT', meaning: 'Invented' },
      { value: '7771000', scheme: 'SCT', meaning: 'Right' },
    ];
    expect(codesUnknownToPydicom(invented)).toHaveLength(2);
  });

  const tools = ['dsrdump', 'dciodvfy'].filter((t) => !hasTool(t));
  if (tools.length)
    console.warn(`SKIP SR validators: ${tools.join(', ')} missing (apt-get install dcmtk dicom3tools)`);
  it.skipIf(tools.length > 0)('passes dsrdump and dciodvfy without errors', () => {
    for (const [name, doc] of [
      ['signed', signed],
      ['unsigned', srDocument(input(false))],
    ] as const) {
      const file = path.join(dir, `${name}.dcm`);
      writeFileSync(file, doc.bytes);
      const dump = run('dsrdump', ['-Ee', file]);
      expect(dump.status, dump.text).toBe(0);
      expect(dump.text.split('\n').filter((l) => /^[EW]:/.test(l) && !/ISO_IR 192/.test(l))).toEqual([]);
      expect(dciodvfy(file).errors).toEqual([]);
    }
  });

  it.skipIf(!hasTool(PYTHON))(
    'pydicom reads the UTF-8 names (dcmjs 0.51 mis-decodes them in sequences)',
    () => {
      const file = path.join(dir, 'names.dcm');
      writeFileSync(file, signed.bytes);
      const script = `
import sys, pydicom
d = pydicom.dcmread(sys.argv[1])
print(d.PatientName, d.VerifyingObserverSequence[0].VerifyingObserverName, sep='|')`;
      const r = run(PYTHON, ['-c', script, file]);
      expect(r.text.trim()).toBe('Doe^Zoë|Müller^Jörg');
    },
  );

  it('writes DS text of at most 16 characters', () => {
    for (const v of [0.1234567890123456, 2.4495295115e-12, 1, 0, 0.5])
      expect(dsText(v).length).toBeLessThanOrEqual(16);
    expect(Number(dsText(0.1234567890123456))).toBeCloseTo(0.1234567890123456, 12);
    expect(() => dsText(Number.NaN)).toThrow();
  });
});
