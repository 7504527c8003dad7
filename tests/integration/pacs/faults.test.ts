// PACS faults against a real Orthanc: stopped mid-retrieve (nothing half-imported, an earlier copy kept, a
// retry completes), wrong AE title, wrong password, unknown study, a PACS that never answers, nothing
// listening; no credential in any output, error or audit row; the C-MOVE SCP listens only while retrieving.
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPacsNode } from '../../../main/engine/pacs/nodeConfig';
import { retrieveStudy } from '../../../main/engine/pacs/retrieve';
import { retrievedRoot } from '../../../main/engine/pacs/retrievedFolder';
import { hashFileSha256 } from '../../../main/engine/store/files';
import { createStore, type Store } from '../../../main/engine/store/store';
import { AppError } from '../../../main/shared/errors';
import {
  CALLING_AET,
  SECRETS,
  addNodes,
  cli,
  naturalHeader,
  seedOrthanc,
  tempDir,
  writeStudy,
  type CliRun,
} from './fixtures';
import {
  ORTHANC_AET,
  ORTHANC_USER,
  freePort,
  orthancSkipReason,
  startOrthanc,
  type OrthancServer,
} from './orthanc';

if (orthancSkipReason) console.warn(`PACS fault tests skipped: ${orthancSkipReason}`);

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected the retrieve to fail');
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

/** File path -> SHA-256 as the store holds them for `studyUid`. */
function storedHashes(store: Store, studyUid: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const se of store.getStudy(studyUid).series) for (const i of se.instances) m.set(i.filePath, i.sha256);
  return m;
}

describe.skipIf(orthancSkipReason !== undefined)('PACS faults', () => {
  let orthanc: OrthancServer;
  let root = '';
  let storeDir = '';
  let movePort = 0;
  let files: string[] = [];
  let studyUid = '';
  const outputs: CliRun[] = [];
  const run = async (...args: string[]): Promise<CliRun> => {
    const r = await cli([...args, '--store', storeDir]);
    outputs.push(r);
    return r;
  };

  beforeAll(async () => {
    root = tempDir('faults');
    storeDir = path.join(root, 'store');
    movePort = await freePort();
    orthanc = await startOrthanc({ client: { aet: CALLING_AET, port: movePort } });
    files = writeStudy(path.join(root, 'study'), { studyIndex: 2 });
    studyUid = String(naturalHeader(files[0]).StudyInstanceUID);
    await seedOrthanc(orthanc, files);
    await addNodes(storeDir, orthanc, movePort, 5);
  });
  afterAll(async () => {
    await orthanc?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('Orthanc killed mid-retrieve (WADO-RS): a clear error, nothing imported or left behind; a retry completes', async () => {
    const store = createStore({ dir: storeDir });
    try {
      const controller = new AbortController();
      let killed = false;
      const onProgress = (p: { stage: string; done: number }): void => {
        if (p.stage === 'retrieve' && p.done >= 5 && !killed) {
          killed = true;
          void orthanc.stop(true);
        }
      };
      const node = getPacsNode(storeDir, 'web');
      const e = await failure(
        retrieveStudy(store, node, studyUid, { signal: controller.signal, onProgress }),
      );
      expect(killed).toBe(true);
      expect(['PACS_UNREACHABLE', 'PACS_FAILED']).toContain(e.code);
      expect(e.message).toContain('PACS node "web"');
      expect(e.message).toMatch(/the connection was (closed by the PACS|refused)/);
      expect(e.message).toContain('Nothing was imported');
      expect(store.listStudies()).toEqual([]);
      expect(existsSync(retrievedRoot(storeDir)) ? readdirSync(retrievedRoot(storeDir)) : []).toEqual([]);
      await orthanc.restart();
      const r = await retrieveStudy(store, node, studyUid, {
        signal: controller.signal,
        onProgress: () => undefined,
      });
      expect(r.instanceCount).toBe(files.length);
      expect(store.getStudy(studyUid).instanceCount).toBe(files.length);
    } finally {
      store.close();
    }
  });

  it('Orthanc killed mid-retrieve (C-GET) keeps the earlier copy and its rows; a retry completes', async () => {
    const store = createStore({ dir: storeDir });
    try {
      const before = storedHashes(store, studyUid);
      expect(before.size).toBe(files.length);
      let killed = false;
      const onProgress = (p: { stage: string; done: number }): void => {
        if (p.stage === 'retrieve' && p.done >= 5 && !killed) {
          killed = true;
          void orthanc.stop(true);
        }
      };
      const node = getPacsNode(storeDir, 'get');
      const signal = new AbortController().signal;
      const e = await failure(retrieveStudy(store, node, studyUid, { signal, onProgress }));
      expect(killed).toBe(true);
      expect(['PACS_UNREACHABLE', 'PACS_FAILED', 'PACS_TIMEOUT']).toContain(e.code);
      expect(e.message).toContain('PACS node "get"');
      expect(e.message).toMatch(
        /the connection was (closed by the PACS|refused)|closed before the PACS finished/,
      );
      expect(e.message).toContain('an earlier copy of the study, if any, is kept');
      expect(storedHashes(store, studyUid)).toEqual(before);
      for (const [file, sha] of before) expect(await hashFileSha256(file)).toBe(sha);
      expect(readdirSync(retrievedRoot(storeDir)).filter((f) => f.startsWith('.'))).toEqual([]);
      await orthanc.restart();
      const r = await retrieveStudy(store, node, studyUid, { signal, onProgress: () => undefined });
      expect(r.instanceCount).toBe(files.length);
      expect([...storedHashes(store, studyUid).keys()].sort()).toEqual([...before.keys()].sort());
    } finally {
      store.close();
    }
  });

  it.each(['web', 'get', 'move'])(
    'cancels a retrieve over %s: ABORTED, nothing imported or left behind',
    async (name) => {
      const dir = path.join(root, `cancel-${name}`);
      await addNodes(dir, orthanc, movePort, 5);
      const store = createStore({ dir });
      try {
        const controller = new AbortController();
        const onProgress = (p: { stage: string; done: number }): void => {
          if (p.stage === 'retrieve' && p.done >= 4) controller.abort();
        };
        const e = await failure(
          retrieveStudy(store, getPacsNode(dir, name), studyUid, { signal: controller.signal, onProgress }),
        );
        expect(e.code).toBe('ABORTED');
        expect(store.listStudies()).toEqual([]);
        expect(existsSync(retrievedRoot(dir)) ? readdirSync(retrievedRoot(dir)) : []).toEqual([]);
      } finally {
        store.close();
      }
      if (name === 'move') expect(await canConnect(movePort)).toBe(false);
    },
  );

  it('the C-MOVE SCP listens only while a retrieve runs', async () => {
    expect(await canConnect(movePort)).toBe(false);
    const store = createStore({ dir: storeDir });
    let listening = false;
    try {
      const probes: Array<Promise<void>> = [];
      const onProgress = (p: { stage: string; done: number }): void => {
        if (p.stage === 'retrieve' && p.done === 3)
          probes.push(canConnect(movePort).then((b) => void (listening = b)));
      };
      const r = await retrieveStudy(store, getPacsNode(storeDir, 'move'), studyUid, {
        signal: new AbortController().signal,
        onProgress,
      });
      await Promise.all(probes);
      expect(r.protocol).toBe('C-MOVE');
    } finally {
      store.close();
    }
    expect(listening).toBe(true);
    expect(await canConnect(movePort)).toBe(false);
  });

  it('names a wrong called AE title in plain words', async () => {
    const port = ['--dimse', `127.0.0.1:${orthanc.dicomPort}`];
    expect((await run('pacs', 'add', 'wrong-aet', ...port, '--aet', `${ORTHANC_AET}X`)).code).toBe(0);
    const r = await run('pacs', 'echo', 'wrong-aet');
    expect(r.code).toBe(3);
    expect(r.err).toContain("rejected the association: the called AE title is not the PACS's AE title");
    expect(r.err).toContain('[PACS_REFUSED]');
  });

  it('names a wrong password as 401', async () => {
    const pw = path.join(root, 'wrong-password.txt');
    writeFileSync(pw, 'not-the-password');
    expect(
      (
        await run(
          'pacs',
          'add',
          'wrong-pw',
          '--dicomweb',
          orthanc.dicomWebUrl,
          '--user',
          ORTHANC_USER,
          '--password-file',
          pw,
        )
      ).code,
    ).toBe(0);
    const r = await run('pacs', 'query', 'wrong-pw');
    expect(r.code).toBe(3);
    expect(r.err).toContain('401 Unauthorized');
    expect(r.err).not.toContain('not-the-password');
  });

  it.each(['web', 'get', 'move'])('reports a study UID that %s does not have', async (node) => {
    const r = await run('pacs', 'retrieve', node, '1.2.826.0.1.3680043.99.404');
    expect(r.code).toBe(3);
    expect(r.err).toContain('has no study 1.2.826.0.1.3680043.99.404');
    expect(r.err).toContain('[NOT_FOUND]');
  });

  it('times out on a PACS that never answers, naming the node (DIMSE and DICOMweb)', async () => {
    const sockets: net.Socket[] = [];
    const dimse = net.createServer((s) => void sockets.push(s));
    const web = http.createServer(() => undefined);
    await new Promise<void>((r) => dimse.listen(0, '127.0.0.1', r));
    await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
    try {
      const dimsePort = (dimse.address() as net.AddressInfo).port;
      const webPort = (web.address() as net.AddressInfo).port;
      await run(
        'pacs',
        'add',
        'slow-dimse',
        '--dimse',
        `127.0.0.1:${dimsePort}`,
        '--aet',
        'SLOW',
        '--timeout',
        '1',
      );
      await run(
        'pacs',
        'add',
        'slow-web',
        '--dicomweb',
        `http://127.0.0.1:${webPort}/dicom-web`,
        '--timeout',
        '1',
      );
      for (const name of ['slow-dimse', 'slow-web']) {
        const t0 = Date.now();
        const r = await run('pacs', 'echo', name);
        expect(r.code).toBe(3);
        expect(r.err).toContain(`PACS node "${name}"`);
        expect(r.err).toMatch(/did not answer within 1\.0 s while echoing/);
        expect(r.err).toContain('[PACS_TIMEOUT]');
        expect(Date.now() - t0).toBeLessThan(8000);
      }
    } finally {
      for (const s of sockets) s.destroy();
      web.closeAllConnections();
      await new Promise((r) => dimse.close(r));
      await new Promise((r) => web.close(r));
    }
  });

  it('names a refused connection when nothing listens', async () => {
    const port = await freePort();
    await run('pacs', 'add', 'nobody-dimse', '--dimse', `127.0.0.1:${port}`, '--aet', 'NOBODY');
    await run('pacs', 'add', 'nobody-web', '--dicomweb', `http://127.0.0.1:${port}/dicom-web`);
    for (const name of ['nobody-dimse', 'nobody-web']) {
      const r = await run('pacs', 'echo', name);
      expect(r.code).toBe(3);
      expect(r.err).toContain(`PACS node "${name}"`);
      expect(r.err).toContain('the connection was refused');
      expect(r.err).toContain('[PACS_UNREACHABLE]');
    }
  });

  it('never shows a credential in output, errors, the node list or audit rows', async () => {
    outputs.push(await run('pacs', 'list'), await run('pacs', 'list', '--json'));
    const store = createStore({ dir: storeDir });
    const audit = JSON.stringify(store.auditLog());
    store.close();
    const text = outputs.map((o) => o.out + o.err).join('\n') + audit;
    expect(outputs.length).toBeGreaterThan(10);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).not.toContain('not-the-password');
  });
});
