/**
 * PACS benchmark (`npm run bench:pacs [-- --runs N]`): against a loopback Orthanc (Debian's orthanc +
 * orthanc-dicomweb, started here on free ports and stopped at the end), retrieve of the standard phantom study
 * (seed 'bench', study 25, as `npm run bench`) over WADO-RS, C-GET and C-MOVE (ms, MB/s), query and echo
 * latency, SR build and SR send over STOW-RS and C-STORE, and a whole `pacs send` (SR + printed PDF).
 * Prints JSON; not a timed test. Never imports electron.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultModelDir } from '../main/engine/analysis/defaultModel';
import { releaseCachedModels } from '../main/engine/analysis/modelCache';
import { analyzeStoredStudy } from '../main/engine/analysis/storedStudy';
import { dicomWebStore } from '../main/engine/pacs/dicomWeb';
import { dimseStore } from '../main/engine/pacs/dimseOps';
import { addPacsNode, getPacsNode, type PacsNode } from '../main/engine/pacs/nodeConfig';
import { echoNode, queryNode } from '../main/engine/pacs/pacsOps';
import { retrieveStudy } from '../main/engine/pacs/retrieve';
import { sendAnalysis } from '../main/engine/pacs/send';
import { generateStudy } from '../main/engine/phantom/study';
import { storedSrDocument } from '../main/engine/report/sr/storedSr';
import { createStore, type Store } from '../main/engine/store/store';
import { naturalHeader, seedOrthanc, dicomFiles } from '../tests/integration/pacs/seed';
import {
  ORTHANC_AET,
  ORTHANC_PASSWORD,
  ORTHANC_USER,
  freePort,
  orthancSkipReason,
  startOrthanc,
} from '../tests/integration/pacs/orthanc';
import { writeTinyPackage } from '../tests/unit/engine/model/onnxFixtures';

const STUDY = { seed: 'bench', studyIndex: 25, missingRole: 'none', maxMatrix: 512 } as const;
const CALLING_AET = 'SPINEGRADE';
const ctx = { signal: new AbortController().signal, onProgress: (): void => undefined };

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const r1 = (x: number): number => Math.round(x * 10) / 10;

async function timed(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return ms;
}

async function benchRetrieve(
  store: Store,
  node: PacsNode,
  studyUid: string,
  runs: number,
): Promise<Record<string, unknown>> {
  const transfer: number[] = [];
  const total: number[] = [];
  let bytes = 0;
  let instances = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await retrieveStudy(store, node, studyUid, ctx);
    total.push(performance.now() - t0);
    transfer.push(r.transferMs);
    bytes = r.bytes;
    instances = r.instanceCount;
  }
  const ms = median(transfer);
  return {
    instances,
    mb: r1(bytes / 1e6),
    transfer_ms_median: r1(ms),
    mb_per_s: r1(bytes / 1e6 / (ms / 1000)),
    with_import_ms_median: r1(median(total)),
    transfer_ms_runs: transfer.map(r1),
  };
}

function modelDir(root: string): { dir: string; id: string } {
  try {
    const dir = defaultModelDir();
    if (existsSync(path.join(dir, 'manifest.json'))) return { dir, id: path.basename(dir) };
  } catch {
    // fall through to the tiny test pair
  }
  const dir = path.join(root, 'tiny-model');
  mkdirSync(dir, { recursive: true });
  writeTinyPackage(dir);
  return { dir, id: 'tiny test ONNX pair (default model package missing)' };
}

async function benchSend(
  store: Store,
  nodes: Record<string, PacsNode>,
  studyUid: string,
  root: string,
  runs: number,
): Promise<Record<string, unknown>> {
  const model = modelDir(root);
  const analysis = await analyzeStoredStudy(store, studyUid, { modelDir: model.dir, provider: 'cpu' }, ctx);
  store.signOff(analysis.analysisId, 'Bench Reader');
  const build = await timed(runs, () => storedSrDocument(store, analysis.analysisId));
  const sr = await storedSrDocument(store, analysis.analysisId);
  const srFile = path.join(root, 'sr.dcm');
  writeFileSync(srFile, sr.bytes);
  const web = nodes.web.kind === 'dicomweb' ? nodes.web : undefined;
  const get = nodes.get.kind === 'dimse' ? nodes.get : undefined;
  if (!web || !get) throw new Error('bench nodes misconfigured');
  const stow = await timed(runs, () => dicomWebStore(web, [sr.bytes]));
  const cstore = await timed(runs, () => dimseStore(get, [srFile]));
  const whole = await timed(1, () =>
    sendAnalysis(store, web, analysis.analysisId, { buildSr: storedSrDocument }),
  );
  return {
    model: model.id,
    sr_kb: r1(sr.bytes.length / 1024),
    sr_build_ms_median: r1(median(build)),
    sr_send_stow_ms_median: r1(median(stow)),
    sr_send_cstore_ms_median: r1(median(cstore)),
    pacs_send_sr_and_pdf_stow_ms: r1(whole[0]),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string' } } });
  const runs = Math.max(1, Number(values.runs ?? 5));
  if (orthancSkipReason) throw new Error(`bench:pacs needs Orthanc: ${orthancSkipReason}`);
  const root = path.join(os.tmpdir(), `sg-bench-pacs-${process.pid}`);
  const movePort = await freePort();
  const orthanc = await startOrthanc({ client: { aet: CALLING_AET, port: movePort } });
  try {
    const studyDir = path.join(root, 'study');
    generateStudy(STUDY, (rel, bytes) => {
      const p = path.join(studyDir, rel);
      mkdirSync(path.dirname(p), { recursive: true });
      writeFileSync(p, bytes);
    });
    const files = dicomFiles(studyDir);
    const head = naturalHeader(files[0]);
    const studyUid = String(head.StudyInstanceUID);
    await seedOrthanc(orthanc, files);
    const storeDir = path.join(root, 'store');
    const dimse = {
      kind: 'dimse',
      host: '127.0.0.1',
      port: orthanc.dicomPort,
      calledAet: ORTHANC_AET,
      callingAet: CALLING_AET,
    } as const;
    addPacsNode(storeDir, {
      name: 'web',
      kind: 'dicomweb',
      url: orthanc.dicomWebUrl,
      auth: { type: 'basic', user: ORTHANC_USER, password: ORTHANC_PASSWORD },
    });
    addPacsNode(storeDir, { name: 'get', ...dimse });
    addPacsNode(storeDir, { name: 'move', ...dimse, retrieve: 'c-move', movePort });
    const nodes = Object.fromEntries(['web', 'get', 'move'].map((n) => [n, getPacsNode(storeDir, n)]));
    const store = createStore({ dir: storeDir });
    try {
      const retrieve = {
        'WADO-RS': await benchRetrieve(store, nodes.web, studyUid, runs),
        'C-GET': await benchRetrieve(store, nodes.get, studyUid, runs),
        'C-MOVE': await benchRetrieve(store, nodes.move, studyUid, runs),
      };
      const q = { patientId: String(head.PatientID) };
      const query = {
        qido_ms_median: r1(median(await timed(runs, () => queryNode(nodes.web, q)))),
        cfind_ms_median: r1(median(await timed(runs, () => queryNode(nodes.get, q)))),
        qido_echo_ms_median: r1(median(await timed(runs, () => echoNode(nodes.web)))),
        c_echo_ms_median: r1(median(await timed(runs, () => echoNode(nodes.get)))),
      };
      const send = await benchSend(store, nodes, studyUid, root, runs);
      const result = {
        study: { ...STUDY, instances: files.length },
        runs,
        orthanc: (
          (await (
            await fetch(`${orthanc.httpUrl}/system`, { headers: { Authorization: orthanc.authHeader } })
          ).json()) as { Version?: string }
        ).Version,
        retrieve,
        query,
        send,
        loadavg: os.loadavg().map(r1),
        cpus: os.cpus().length,
      };
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    } finally {
      store.close();
      await releaseCachedModels();
    }
  } finally {
    await orthanc.dispose();
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:pacs failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
