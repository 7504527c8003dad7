// The contract's PACS methods and exportSr through createEngine + dispatchApiCall (the edge every face uses),
// against a real Orthanc on loopback: nodes without credentials, echo, query, retrieve as a job with progress
// and cancel, send of the SR + Encapsulated PDF after sign-off, the SR as bytes and as a file.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import dcmjs from 'dcmjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../main/engine/createEngine';
import { addPacsNode, pacsConfigPath } from '../../../main/engine/pacs/nodeConfig';
import { chromiumPath } from '../../../main/engine/report/printReportPdf';
import { COMPREHENSIVE_SR_STORAGE } from '../../../main/engine/report/sr/srDocument';
import { sha256Hex } from '../../../main/engine/sha256';
import type { ApiMethod, ApiValue } from '../../../main/shared/api';
import { dispatchApiCall } from '../../../main/shared/apiDispatch';
import type { EngineEvent } from '../../../main/shared/apiEvents';
import type { Result } from '../../../main/shared/errors';
import {
  naturalHeader,
  orthancStudyInstances,
  seedOrthanc,
  tempDir,
  writeStudy,
} from '../../integration/pacs/seed';
import {
  ORTHANC_AET,
  ORTHANC_PASSWORD,
  ORTHANC_USER,
  freePort,
  orthancSkipReason,
  startOrthanc,
  type OrthancServer,
} from '../../integration/pacs/orthanc';

const noChromium = existsSync(chromiumPath()) ? undefined : `no Chromium at ${chromiumPath()}`;
if (orthancSkipReason) console.warn(`pacsApi tests skipped: ${orthancSkipReason}`);
if (noChromium)
  console.warn(`pacsApi send/SR tests skipped: ${noChromium} (the Encapsulated PDF is printed by it)`);

const ENCAPSULATED_PDF_STORAGE = '1.2.840.10008.5.1.4.1.1.104.1';

describe.skipIf(orthancSkipReason !== undefined)('engine PACS API against a real Orthanc', () => {
  let orthanc: OrthancServer;
  let root = '';
  let storeDir = '';
  let engine: Engine;
  let studyUid = '';
  let patientId = '';
  let files: string[] = [];
  const events: EngineEvent[] = [];

  /** Call a method through the validating edge, as IPC and HTTP do. */
  const call = async <M extends ApiMethod>(method: M, arg?: unknown): Promise<Result<ApiValue<M>>> =>
    (await dispatchApiCall(engine, method, arg)) as Result<ApiValue<M>>;
  const value = async <M extends ApiMethod>(method: M, arg?: unknown): Promise<ApiValue<M>> => {
    const r = await call(method, arg);
    if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
    return r.value;
  };

  beforeAll(async () => {
    root = tempDir('api');
    storeDir = path.join(root, 'store');
    const movePort = await freePort();
    orthanc = await startOrthanc({ client: { aet: 'SPINEGRADE', port: movePort } });
    files = writeStudy(path.join(root, 'study'), { studyIndex: 2 });
    const h = naturalHeader(files[0]);
    studyUid = String(h.StudyInstanceUID);
    patientId = String(h.PatientID);
    await seedOrthanc(orthanc, files);
    engine = createEngine({ storeDir });
    engine.subscribe((e) => events.push(e));
  });
  afterAll(async () => {
    await engine?.close();
    await orthanc?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('lists no node and reads or writes no configuration when none is configured', async () => {
    expect(await value('pacsListNodes')).toEqual([]);
    expect(existsSync(pacsConfigPath(storeDir))).toBe(false);
    const r = await call('pacsEcho', { node: 'web' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'NOT_FOUND' });
    if (!r.ok) expect(r.error.message).toContain('no PACS node is configured');
  });

  it('lists configured nodes with kinds and protocols but never a credential', async () => {
    const pw = ORTHANC_PASSWORD;
    addPacsNode(storeDir, {
      name: 'web',
      kind: 'dicomweb',
      url: orthanc.dicomWebUrl,
      auth: { type: 'basic', user: ORTHANC_USER, password: pw },
      timeoutMs: 10_000,
    });
    const dimse = {
      kind: 'dimse',
      host: '127.0.0.1',
      port: orthanc.dicomPort,
      calledAet: ORTHANC_AET,
    } as const;
    addPacsNode(storeDir, { name: 'get', ...dimse, callingAet: 'SPINEGRADE', timeoutMs: 10_000 });
    const nodes = await value('pacsListNodes');
    expect(nodes).toEqual([
      {
        name: 'web',
        kind: 'dicomweb',
        address: orthanc.dicomWebUrl,
        retrieve: 'WADO-RS',
        send: 'STOW-RS',
        auth: 'basic',
      },
      {
        name: 'get',
        kind: 'dimse',
        address: `${ORTHANC_AET}@127.0.0.1:${orthanc.dicomPort}`,
        retrieve: 'C-GET',
        send: 'C-STORE',
        auth: 'none',
      },
    ]);
    const text = JSON.stringify(nodes);
    expect(text).not.toContain(pw);
    expect(text).not.toContain(ORTHANC_USER);
  });

  it('echoes over QIDO-RS and C-ECHO', async () => {
    expect(await value('pacsEcho', { node: 'web' })).toMatchObject({ node: 'web', protocol: 'QIDO-RS' });
    expect(await value('pacsEcho', { node: 'get' })).toMatchObject({ node: 'get', protocol: 'C-ECHO' });
  });

  it.each(['web', 'get'])(
    'queries %s by patient ID (like pacs query --json) and refuses bad keys at the edge',
    async (node) => {
      const { studies } = await value('pacsQuery', { node, patientId });
      expect(studies.map((s) => s.studyInstanceUid)).toEqual([studyUid]);
      expect(studies[0]).toMatchObject({ patientId, modalities: ['MR'] });
      expect(studies[0].seriesCount).toBe(new Set(files.map((f) => path.dirname(f))).size);
      expect(studies[0].series).toHaveLength(studies[0].seriesCount);
      expect((await value('pacsQuery', { node, patientId: 'NO-SUCH-PATIENT' })).studies).toEqual([]);
      const bad = await call('pacsQuery', { node, studyDate: '2024-01-01' });
      expect(bad.ok).toBe(false);
      if (!bad.ok) expect(bad.error.code).toBe('INVALID_ARGUMENT');
    },
  );

  it('cancels a retrieve on its first progress event: ABORTED, nothing imported', async () => {
    const jobId = 'cancel-retrieve-1';
    const off = engine.subscribe((e) => {
      if (e.type === 'job-progress' && e.jobId === jobId) void engine.cancelJob({ jobId });
    });
    const r = await call('pacsRetrieve', { node: 'web', studyInstanceUid: studyUid, jobId });
    off();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('ABORTED');
    expect(await value('listStudies')).toEqual([]);
    expect(events.some((e) => e.type === 'job-end' && e.jobId === jobId && !e.ok)).toBe(true);
  });

  it('retrieves over WADO-RS as a job with progress events, imported like a drop', async () => {
    const jobId = 'retrieve-web-1';
    const r = await value('pacsRetrieve', { node: 'web', studyInstanceUid: studyUid, jobId });
    expect(r).toMatchObject({
      node: 'web',
      protocol: 'WADO-RS',
      studyInstanceUid: studyUid,
      instanceCount: files.length,
    });
    expect(r.studies.map((s) => s.studyInstanceUid)).toEqual([studyUid]);
    expect(r.studies[0].instanceCount).toBe(files.length);
    const progress = events.filter((e) => e.type === 'job-progress' && e.jobId === jobId);
    expect(
      progress.some(
        (e) => e.type === 'job-progress' && e.stage === 'retrieve' && e.method === 'pacsRetrieve',
      ),
    ).toBe(true);
    const last = progress.filter((e) => e.type === 'job-progress' && e.stage === 'retrieve').at(-1);
    expect(last).toMatchObject({ done: files.length, total: files.length });
    const listed = await value('listStudies');
    expect(listed.map((s) => s.study.studyInstanceUid)).toEqual([studyUid]);
  });

  describe.skipIf(noChromium !== undefined)('results back to the PACS', () => {
    let analysisId = '';
    beforeAll(async () => {
      analysisId = (await value('analyzeStudy', { studyInstanceUid: studyUid, provider: 'cpu' })).analysisId;
    }, 120_000);

    it('refuses to send before sign-off unless unsigned, then sends the signed SR + Encapsulated PDF', async () => {
      const early = await call('pacsSend', { node: 'web', analysisId });
      expect(early.ok).toBe(false);
      if (!early.ok) expect(early.error.message).toMatch(/not signed/);
      await value('signAnalysis', { analysisId, reader: 'Dr PACS' });
      const sent = await value('pacsSend', { node: 'web', analysisId });
      expect(sent).toMatchObject({ node: 'web', protocol: 'STOW-RS', analysisId, preliminary: false });
      expect(sent.documents.map((d) => d.kind)).toEqual(['sr', 'encapsulated-pdf']);
      const held = await orthancStudyInstances(orthanc, studyUid);
      for (const d of sent.documents) expect(held.has(d.sopInstanceUid), d.kind).toBe(true);
      const classes = await Promise.all(
        sent.documents.map(async (d) => {
          const r = await fetch(
            `${orthanc.httpUrl}/instances/${held.get(d.sopInstanceUid)}/metadata/SopClassUid`,
            {
              headers: { Authorization: orthanc.authHeader },
            },
          );
          return (await r.text()).trim();
        }),
      );
      expect(classes).toEqual([COMPREHENSIVE_SR_STORAGE, ENCAPSULATED_PDF_STORAGE]);
    }, 120_000);

    it('sends a preliminary result over C-STORE only when asked', async () => {
      const other = (await value('analyzeStudy', { studyInstanceUid: studyUid, provider: 'cpu' })).analysisId;
      const sent = await value('pacsSend', { node: 'get', analysisId: other, unsigned: true });
      expect(sent).toMatchObject({ protocol: 'C-STORE', preliminary: true });
      const held = await orthancStudyInstances(orthanc, studyUid);
      for (const d of sent.documents) expect(held.has(d.sopInstanceUid), d.kind).toBe(true);
    }, 120_000);

    it('exports the SR as bytes (host download) and as a file beside a saved PDF (app), both the same SR', async () => {
      const bytes = await value('exportSr', { analysisId });
      expect(bytes.sr).toBeInstanceOf(ArrayBuffer);
      expect(bytes.fileName).toMatch(/^SpineGrade-.*\.sr\.dcm$/);
      const { dict, meta } = dcmjs.data.DicomMessage.readFile(bytes.sr as ArrayBuffer);
      const ds = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict);
      expect(ds.SOPClassUID).toBe(COMPREHENSIVE_SR_STORAGE);
      expect(ds.SOPInstanceUID).toBe(bytes.sopInstanceUid);
      expect(ds.VerificationFlag).toBe('VERIFIED');
      expect((meta['00020003'] as { Value: string[] }).Value[0]).toBe(bytes.sopInstanceUid);
      const srPath = path.join(root, 'summary.sr.dcm');
      const file = await value('exportSr', { analysisId, srPath });
      expect(file.sr).toBeUndefined();
      expect(file.savedTo).toEqual([{ file: srPath, sha256: sha256Hex(readFileSync(srPath)) }]);
      expect(file.sopInstanceUid).toBe(bytes.sopInstanceUid);
      const missing = await call('exportSr', { analysisId, srPath: path.join(root, 'no-such-dir', 'x.dcm') });
      expect(missing.ok).toBe(false);
      if (!missing.ok) expect(missing.error.code).toBe('INVALID_ARGUMENT');
    }, 120_000);
  });
});
