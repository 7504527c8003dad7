// `npm run bench:rtt`: getAppInfo round trips through the browser host's HTTP API while analyses of the
// standard bench study run, with the engine's worker threads (the design) and in the host's thread (the
// design before them), each host in its own process. Prints JSON (p50/p95/max ms, machine load). Not a test.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { writeBenchStudy } from './bench-viewer/setup';

const ROOT = path.resolve(__dirname, '..');
/** Pause between round trips (a UI polling or a user clicking), ms. */
const GAP_MS = 20;
const ANALYSES = Number(process.env.BENCH_RTT_ANALYSES ?? 3);

interface Host {
  child: ChildProcess;
  call: (method: string, arg?: unknown) => Promise<{ ok: boolean; value?: unknown; error?: unknown }>;
}

async function startHost(storeDir: string, rendererDir: string, inThread: boolean): Promise<Host> {
  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  const args = [
    'scripts/bench-ui-rtt/hostChild.ts',
    storeDir,
    rendererDir,
    ...(inThread ? ['--in-thread'] : []),
  ];
  const child = spawn(tsx, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`host exited (${code})`)));
  });
  const { url, token } = JSON.parse(line) as { url: string; token?: string };
  const headers = {
    'Content-Type': 'application/json',
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
  };
  const call: Host['call'] = async (method, arg) => {
    const res = await fetch(`${url}api/${method}`, {
      method: 'POST',
      headers,
      body: arg === undefined ? '' : JSON.stringify(arg),
    });
    return (await res.json()) as { ok: boolean };
  };
  return { child, call };
}

const pct = (sorted: number[], p: number): number =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (x: number): number => Math.round(x * 10) / 10;

/** Round trips while `ANALYSES` analyses run one after another; the first analysis also loads the model. */
async function measure(host: Host, studyInstanceUid: string): Promise<Record<string, unknown>> {
  const warm = await host.call('getAppInfo'); // onnxruntime probe, outside the measurement
  if (!warm.ok) throw new Error(JSON.stringify(warm.error));
  const rtts: number[] = [];
  const analysisMs: number[] = [];
  let running = true;
  const analyses = (async () => {
    for (let i = 0; i < ANALYSES; i++) {
      const t = performance.now();
      const r = await host.call('analyzeStudy', { studyInstanceUid, provider: 'cpu' });
      if (!r.ok) throw new Error(`analyzeStudy: ${JSON.stringify(r.error)}`);
      analysisMs.push(performance.now() - t);
    }
    running = false;
  })();
  while (running) {
    const t = performance.now();
    const r = await host.call('getAppInfo');
    if (!r.ok) throw new Error('getAppInfo failed');
    rtts.push(performance.now() - t);
    await new Promise((res) => setTimeout(res, GAP_MS));
  }
  await analyses;
  const sorted = [...rtts].sort((a, b) => a - b);
  return {
    samples: rtts.length,
    rtt_ms_p50: round(pct(sorted, 50)),
    rtt_ms_p95: round(pct(sorted, 95)),
    rtt_ms_max: round(sorted.at(-1) ?? NaN),
    analysis_ms: analysisMs.map(round),
  };
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'spinegrade-bench-rtt-'));
  const out: Record<string, unknown> = {
    study: 'bench phantom study 25 (seed bench, 512 px)',
    analyses_per_mode: ANALYSES,
    cpus: os.cpus().length,
    loadavg_before: os.loadavg().map(round),
  };
  try {
    const data = writeBenchStudy(path.join(tmp, 'data'));
    mkdirSync(path.join(tmp, 'renderer'));
    writeFileSync(path.join(tmp, 'renderer', 'index.html'), '<!doctype html>');
    for (const mode of ['worker', 'in-thread'] as const) {
      const host = await startHost(
        path.join(tmp, `store-${mode}`),
        path.join(tmp, 'renderer'),
        mode === 'in-thread',
      );
      try {
        const imported = await host.call('importStudy', { paths: [data] });
        if (!imported.ok) throw new Error(JSON.stringify(imported.error));
        const uid = (imported.value as { studies: Array<{ studyInstanceUid: string }> }).studies[0]
          .studyInstanceUid;
        out[mode] = await measure(host, uid);
      } finally {
        host.child.kill('SIGTERM');
      }
    }
    out.loadavg_after = os.loadavg().map(round);
    out.goal = 'worker.rtt_ms_p95 < 100';
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench-ui-rtt: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
