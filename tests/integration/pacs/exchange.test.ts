// PACS exchange against a real Orthanc (Debian's orthanc + orthanc-dicomweb) on loopback: echo, query,
// retrieve over WADO-RS / C-GET / C-MOVE (pixel data byte for byte, same 25 findings as the original files),
// and results sent back over STOW-RS and C-STORE.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeStudy } from '../../../main/engine/analysis/analyzeStudy';
import { releaseCachedModels } from '../../../main/engine/analysis/modelCache';
import { retrievedStudyDir } from '../../../main/engine/pacs/retrievedFolder';
import { PRELIMINARY_TITLE_PREFIX } from '../../../main/engine/pacs/sendDocuments';
import { chromiumPath } from '../../../main/engine/report/printReportPdf';
import { createStore } from '../../../main/engine/store/store';
import { tinyModelSkipReason, writeTinyModel } from '../../unit/engine/analysis/fixtures';
import { conceptOf, measurementGroups, one, readSr, type Item } from '../../unit/engine/report/sr/srTree';
import { trackingUid } from '../../../main/engine/report/sr/findingGroups';
import type { Finding } from '../../../main/shared/findings';
import {
  CALLING_AET,
  SECRETS,
  addNodes,
  cli,
  dicomFiles,
  naturalHeader,
  orthancFile,
  orthancStudyInstances,
  pixelDataBySop,
  seedOrthanc,
  tempDir,
  writeStudy,
} from './fixtures';
import { freePort, orthancSkipReason, startOrthanc, type OrthancServer } from './orthanc';

if (orthancSkipReason) console.warn(`PACS exchange tests skipped: ${orthancSkipReason}`);
const noChromium = existsSync(chromiumPath()) ? undefined : `no Chromium at ${chromiumPath()}`;
if (noChromium)
  console.warn(`PACS send tests skipped: ${noChromium} (the Encapsulated PDF is printed by Chromium)`);
if (tinyModelSkipReason) console.warn(`PACS retrieve + analyze test skipped: ${tinyModelSkipReason}`);

interface Seeded {
  files: string[];
  studyUid: string;
  patientId: string;
  studyDate: string;
}

function seeded(dir: string, studyIndex: number): Seeded {
  const files = writeStudy(dir, { studyIndex });
  const h = naturalHeader(files[0]);
  return {
    files,
    studyUid: String(h.StudyInstanceUID),
    patientId: String(h.PatientID),
    studyDate: String(h.StudyDate),
  };
}

interface QueryJson {
  studies: Array<{
    studyInstanceUid: string;
    patientId: string;
    studyDate: string;
    seriesCount: number;
    modalities: string[];
  }>;
}

describe.skipIf(orthancSkipReason !== undefined)('PACS exchange with a real Orthanc', () => {
  let orthanc: OrthancServer;
  let root = '';
  let movePort = 0;
  let a: Seeded;
  let b: Seeded;
  const stores: Record<string, string> = {};
  const storeFor = async (name: string): Promise<string> => {
    if (!stores[name]) {
      stores[name] = path.join(root, `store-${name}`);
      await addNodes(stores[name], orthanc, movePort);
    }
    return stores[name];
  };

  beforeAll(async () => {
    root = tempDir('exchange');
    movePort = await freePort();
    orthanc = await startOrthanc({ client: { aet: CALLING_AET, port: movePort } });
    a = seeded(path.join(root, 'a'), 0);
    b = seeded(path.join(root, 'b'), 1);
    await seedOrthanc(orthanc, [...a.files, ...b.files]);
  });
  afterAll(async () => {
    await releaseCachedModels();
    await orthanc?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('echoes over DICOMweb (QIDO-RS with the test user) and DIMSE (C-ECHO)', async () => {
    const store = await storeFor('echo');
    const web = await cli(['pacs', 'echo', 'web', '--store', store]);
    expect(web.code, web.err).toBe(0);
    expect(web.out).toMatch(/web: QIDO-RS ok in \d+ ms/);
    const dimse = await cli(['pacs', 'echo', 'get', '--store', store]);
    expect(dimse.code, dimse.err).toBe(0);
    expect(dimse.out).toMatch(/get: C-ECHO ok in \d+ ms/);
  });

  it.each(['web', 'get'])('queries by patient ID and by date over %s', async (node) => {
    expect(a.patientId).not.toBe(b.patientId);
    const store = await storeFor('query');
    const q = async (...keys: string[]): Promise<QueryJson> => {
      const r = await cli(['pacs', 'query', node, ...keys, '--json', '--store', store]);
      expect([0, 1], r.err).toContain(r.code);
      return JSON.parse(r.out) as QueryJson;
    };
    const byId = await q('--patient-id', a.patientId);
    expect(byId.studies.map((s) => s.studyInstanceUid)).toEqual([a.studyUid]);
    expect(byId.studies[0]).toMatchObject({
      patientId: a.patientId,
      studyDate: a.studyDate,
      modalities: ['MR'],
    });
    expect(byId.studies[0].seriesCount).toBe(new Set(a.files.map((f) => path.dirname(f))).size);
    const byDate = await q('--date', b.studyDate);
    expect(byDate.studies.map((s) => s.studyInstanceUid)).toContain(b.studyUid);
    if (a.studyDate !== b.studyDate)
      expect(byDate.studies.map((s) => s.studyInstanceUid)).not.toContain(a.studyUid);
    const [lo, hi] = [a.studyDate, b.studyDate].sort();
    const range = await q('--date', `${lo}-${hi}`);
    expect(range.studies.map((s) => s.studyInstanceUid).sort()).toEqual([a.studyUid, b.studyUid].sort());
    const none = await q('--patient-id', 'NO-SUCH-PATIENT');
    expect(none.studies).toEqual([]);
  });

  it.each([
    ['web', 'WADO-RS'],
    ['get', 'C-GET'],
    ['move', 'C-MOVE'],
  ])(
    'retrieves a study over %s (%s): pixel data byte for byte, imported with path + SHA-256',
    async (node, protocol) => {
      const store = await storeFor(`retrieve-${node}`);
      const r = await cli(['pacs', 'retrieve', node, a.studyUid, '--store', store]);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain(`over ${protocol}`);
      expect(r.err).toContain(`${a.files.length}/${a.files.length} instances`);
      const folder = retrievedStudyDir(store, a.studyUid);
      const got = pixelDataBySop(dicomFiles(folder));
      const want = pixelDataBySop(a.files);
      expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
      for (const [sop, px] of want) expect(got.get(sop)?.equals(px), sop).toBe(true);
      const s = createStore({ dir: store });
      try {
        const study = s.getStudy(a.studyUid);
        expect(study.instanceCount).toBe(a.files.length);
        const paths = study.series.flatMap((se) => se.instances.map((i) => i.filePath));
        expect(paths.every((p) => p.startsWith(folder + path.sep))).toBe(true);
        expect(
          s.auditLog().some((row) => row.event === 'pacs-retrieve' && row.details.protocol === protocol),
        ).toBe(true);
      } finally {
        s.close();
      }
    },
  );

  describe.skipIf(tinyModelSkipReason !== undefined)('retrieve + analyze, then send back', () => {
    let model = '';
    let store = '';
    let analysisId = '';
    beforeAll(async () => {
      model = writeTinyModel();
      store = await storeFor('analyze');
    });
    afterAll(() => rmSync(model, { recursive: true, force: true }));

    it('analyses the retrieved study with the same 25 findings as the original files', async () => {
      const r = await cli([
        'pacs',
        'retrieve',
        'web',
        a.studyUid,
        '--analyze',
        '--model',
        model,
        '--provider',
        'cpu',
        '--store',
        store,
      ]);
      expect(r.code, r.err).toBe(0);
      const s = createStore({ dir: store });
      try {
        const [summary] = s.listAnalyses(a.studyUid);
        analysisId = summary.analysisId;
        const retrieved = s.getAnalysis(analysisId).analysis.findings;
        const original = (await analyzeStudy({ paths: a.files }, { modelDir: model, provider: 'cpu' })).record
          .findings;
        expect(retrieved).toHaveLength(25);
        expect(retrieved).toEqual(original);
      } finally {
        s.close();
      }
    });

    /** The documents a send printed, as [kind, SOP Instance UID]. */
    const sentDocs = (out: string): Array<[string, string]> =>
      [...out.matchAll(/Sent (DICOM SR|Encapsulated PDF) (\S+)/g)].map((m) => [m[1], m[2]]);

    /** Part 10 bytes of each sent document as Orthanc holds it in the study (REST /studies/{id}/instances). */
    const fromOrthanc = async (docs: Array<[string, string]>): Promise<Map<string, Item>> => {
      const held = await orthancStudyInstances(orthanc, a.studyUid);
      const got = new Map<string, Item>();
      for (const [kind, sop] of docs) {
        const id = held.get(sop);
        expect(id, `${kind} ${sop} in Orthanc`).toBeDefined();
        got.set(kind, readSr(await orthancFile(orthanc, id ?? '')));
      }
      return got;
    };

    /** Target -> grade of the SR's measurement groups, matched by Tracking Unique Identifier. */
    const srGrades = (sr: Item, findings: readonly Finding[]): Array<[string, string]> => {
      const groups = measurementGroups(sr);
      return findings.map((f) => {
        const uid = trackingUid(analysisId, f);
        const group = groups.find((g) => one(g, 'Tracking Unique Identifier').UID === uid);
        const grade = group ? conceptOf(one(group, 'RSNA 2024 lumbar grade'))?.meaning : 'no group';
        return [`${f.condition} ${f.level}`, grade ?? 'no grade'];
      });
    };

    it.skipIf(noChromium !== undefined)(
      'sends a preliminary SR + Encapsulated PDF over C-STORE only with --unsigned, marked in both',
      async () => {
        expect(analysisId).not.toBe('');
        const refused = await cli(['pacs', 'send', 'get', analysisId, '--store', store]);
        expect(refused.code).toBe(3);
        expect(refused.err).toContain('is not signed');
        const prelim = await cli(['pacs', 'send', 'get', analysisId, '--unsigned', '--store', store]);
        expect(prelim.code, prelim.err).toBe(0);
        expect(prelim.out).toContain('PRELIMINARY');
        const docs = sentDocs(prelim.out);
        expect(docs.map((d) => d[0])).toEqual(['DICOM SR', 'Encapsulated PDF']);
        const held = await fromOrthanc(docs);
        const sr = held.get('DICOM SR') as Item;
        expect([sr.VerificationFlag, sr.PreliminaryFlag]).toEqual(['UNVERIFIED', 'PRELIMINARY']);
        expect(measurementGroups(sr)).toHaveLength(25);
        const pdf = held.get('Encapsulated PDF') as Item;
        expect(String(pdf.DocumentTitle)).toMatch(new RegExp(`^${PRELIMINARY_TITLE_PREFIX}`));
        expect(pdf.SOPClassUID).toBe('1.2.840.10008.5.1.4.1.1.104.1');
      },
    );

    it.skipIf(noChromium !== undefined)(
      'sends the signed SR + PDF over STOW-RS: Orthanc lists both, the SR holds 25 evaluations with the grades; audited',
      async () => {
        expect((await cli(['sign', analysisId, '--reader', 'Dr Test', '--store', store])).code).toBe(0);
        const signed = await cli(['pacs', 'send', 'web', analysisId, '--store', store]);
        expect(signed.code, signed.err).toBe(0);
        const docs = sentDocs(signed.out);
        const sr = (await fromOrthanc(docs)).get('DICOM SR') as Item;
        expect(sr.VerificationFlag).toBe('VERIFIED');
        const s = createStore({ dir: store });
        try {
          const findings = s.getAnalysis(analysisId).analysis.findings;
          expect(measurementGroups(sr)).toHaveLength(25);
          const want = findings.map((f) => [
            `${f.condition} ${f.level}`,
            f.assessable && f.grade ? f.grade : 'Not assessable',
          ]);
          expect(srGrades(sr, findings)).toEqual(want);
          expect(new Set(want.map((w) => w[1])).size).toBeGreaterThan(1);
          const rows = s.auditLog(analysisId).filter((row) => row.event === 'pacs-send');
          expect(rows.map((row) => [row.details.node, row.details.protocol, row.details.result])).toEqual([
            ['get', 'C-STORE', 'stored'],
            ['web', 'STOW-RS', 'stored'],
          ]);
          const uids = (rows[1].details.documents as Array<{ sopInstanceUid: string }>).map(
            (d) => d.sopInstanceUid,
          );
          expect(uids).toEqual(docs.map((d) => d[1]));
          const text = JSON.stringify(s.auditLog());
          for (const secret of SECRETS) expect(text).not.toContain(secret);
          expect(readFileSync(path.join(store, 'pacs-nodes.json'), 'utf8')).toContain('"password"');
        } finally {
          s.close();
        }
      },
    );
  });
});
