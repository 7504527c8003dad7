// The worker from the built app: main/ compiled with the app's own build config (tsconfig.build.json, as
// `npm run build:app` does), then plain Node (no tsx) runs an off-thread analysis and a stack decode;
// the compiled engineWorker.js must start (no fallback to the engine's thread).
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_ID } from '../../../../main/engine/analysis/defaultModel';
import { tempDir, tinyModelSkipReason, writePhantomStudy } from '../analysis/fixtures';
import { writeTinyPackage } from '../model/onnxFixtures';

const repo = path.resolve(__dirname, '../../../..');
// Inside the checkout (ignored .cache/) so the compiled files resolve node_modules as dist/ does.
const outDir = path.join(repo, '.cache', `worker-build-${process.pid}`);
const root = tempDir('built-worker');

if (tinyModelSkipReason) console.warn(`built worker test skipped: ${tinyModelSkipReason}`);

const SCRIPT = String.raw`
const path = require('node:path');
const [outDir, root, models] = process.argv.slice(2);
const { createEngine } = require(path.join(outDir, 'main/engine/createEngine.js'));
const fallbacks = [];
const engine = createEngine({ storeDir: path.join(root, 'store'), modelDir: models, offThread: true, onWorkerFallback: (r) => fallbacks.push(r) });
(async () => {
  const imported = await engine.importStudy({ paths: [path.join(root, 'data')] });
  const uid = imported.value.studies[0].studyInstanceUid;
  const analysed = await engine.analyzeStudy({ studyInstanceUid: uid, provider: 'cpu' });
  const detail = await engine.getStudyDetail({ studyInstanceUid: uid });
  const s = detail.value.series[0].stacks[0];
  const px = await engine.getStackPixels({ studyInstanceUid: uid, seriesInstanceUid: s.seriesInstanceUid, stackIndex: s.stackIndex });
  await engine.close();
  process.stdout.write(JSON.stringify({
    findings: analysed.ok ? analysed.value.findings.length : analysed.error,
    bytes: px.ok ? px.value.pixels.byteLength : px.error,
    expectedBytes: s.geometry.dims[0] * s.geometry.dims[1] * s.geometry.dims[2] * (px.ok && px.value.dtype === 'float32' ? 4 : 2),
    fallbacks,
    tsx: Object.keys(require.cache).some((k) => k.includes('/tsx/')),
  }));
})();`;

/** Run node with args; async so the test runner's own RPC keeps answering meanwhile. */
function runNode(
  args: string[],
  cwd: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, NODE_OPTIONS: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  rmSync(root, { recursive: true, force: true });
});

describe.skipIf(tinyModelSkipReason !== undefined)('engine worker in the built app', () => {
  it('starts the compiled engineWorker.js under plain Node and runs analysis and decode there', async () => {
    const tsc = await runNode(
      [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir],
      repo,
    );
    expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
    writePhantomStudy(path.join(root, 'data'));
    writeTinyPackage(path.join(root, 'models', DEFAULT_MODEL_ID));
    writeFileSync(path.join(root, 'run.js'), SCRIPT);
    const r = await runNode([path.join(root, 'run.js'), outDir, root, path.join(root, 'models')], root);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      findings: number;
      bytes: number;
      expectedBytes: number;
      fallbacks: string[];
      tsx: boolean;
    };
    expect(out).toEqual({
      findings: 25,
      bytes: out.expectedBytes,
      expectedBytes: out.expectedBytes,
      fallbacks: [],
      tsx: false,
    });
  }, 300_000);
});
