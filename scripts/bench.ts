/**
 * Analysis benchmark (`npm run bench [-- --provider P] [--runs N] [--model DIR]`): analyzeStudy on
 * a standard phantom study (seed 'bench', study 25: 3 series, 63 slices, 406-512 px), median per stage over
 * N >= 5 runs after one warm-up, process CPU time per run (all threads; divided by the cores it is about the
 * wall time on idle cores, whatever else the machine runs), peak RSS, provider. Prints one JSON object; asserts nothing. The study is
 * generated in a child process so its memory does not count in the peak RSS. Never imports electron.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeStudy } from '../main/engine/analysis/analyzeStudy';
import { defaultModelDir, DEFAULT_MODEL_ID } from '../main/engine/analysis/defaultModel';
import { releaseCachedModels } from '../main/engine/analysis/modelCache';
import { ANALYSIS_STAGES } from '../main/engine/analysis/types';
import { importPaths } from '../main/engine/import/importPaths';
import { generateStudy } from '../main/engine/phantom/study';
import { PROVIDER_REQUESTS, type ProviderRequest } from '../main/engine/runtime/executionProvider';
import { createStore } from '../main/engine/store/store';
import { writeTinyPackage } from '../tests/unit/engine/model/onnxFixtures';

const STUDY = { seed: 'bench', studyIndex: 25, missingRole: 'none', maxMatrix: 512 } as const;

function generate(dir: string): void {
  generateStudy(STUDY, (rel, bytes) => {
    const p = path.join(dir, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, bytes);
  });
}

function generateInChild(dir: string): void {
  const r = spawnSync(process.execPath, [...process.execArgv, __filename, '--generate', dir], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`phantom generation failed: ${r.stderr}`);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const r1 = (x: number): number => Math.round(x * 10) / 10;

async function describeStudy(dir: string): Promise<Record<string, unknown>> {
  const { studies } = await importPaths([dir]);
  const series = studies[0].series.map((s) => ({
    role: s.role,
    slices: s.stacks.reduce((n, v) => n + v.geometry.dims[2], 0),
    matrix: `${s.stacks[0].geometry.dims[0]}x${s.stacks[0].geometry.dims[1]}`,
  }));
  return { ...STUDY, series, slices: series.reduce((n, s) => n + s.slices, 0) };
}

function modelFor(root: string, given: string | undefined): { dir: string; note: string } {
  if (given) return { dir: given, note: `model package ${given} (--model)` };
  const dir = defaultModelDir();
  if (existsSync(path.join(dir, 'manifest.json'))) return { dir, note: `default model ${DEFAULT_MODEL_ID}` };
  const tiny = path.join(root, 'tiny-model');
  writeTinyPackage(tiny);
  return {
    dir: tiny,
    note: `default model ${DEFAULT_MODEL_ID} not found in ${dir}: using the tiny test ONNX pair (real onnxruntime sessions, trivial graphs)`,
  };
}

async function bench(provider: ProviderRequest, runs: number, modelDir?: string): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'sg-bench-'));
  try {
    const studyDir = path.join(root, 'study');
    generateInChild(studyDir);
    const model = modelFor(root, modelDir);
    const store = createStore({ dir: path.join(root, 'store') });
    const stages: Record<string, number[]> = Object.fromEntries(ANALYSIS_STAGES.map((s) => [s, []]));
    const totals: number[] = [];
    const cpuMs: number[] = [];
    let last: Awaited<ReturnType<typeof analyzeStudy>> | undefined;
    const loadBefore = os.loadavg().map(r1);
    for (let i = 0; i <= runs; i++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const r = await analyzeStudy(
        { paths: [studyDir] },
        { modelDir: model.dir, provider, store, report: true },
      );
      const total = performance.now() - t0;
      const cpu = process.cpuUsage(c0);
      if (i === 0) continue; // warm-up: model load, JIT, file cache
      totals.push(total);
      cpuMs.push((cpu.user + cpu.system) / 1000);
      for (const s of ANALYSIS_STAGES)
        stages[s].push((r.record.timingsMs[s] ?? 0) + (s === 'store' ? r.saveMs : 0));
      last = r;
    }
    store.close();
    const decode = median(stages['read+decode']);
    const totalMedian = median(totals);
    const out = {
      total_ms_median: r1(totalMedian),
      decode_ms_median: r1(decode),
      ratio_total_to_decode: r1(totalMedian / decode),
      cpu_ms_median: r1(median(cpuMs)),
      cpu_ms_per_core_median: r1(median(cpuMs) / os.cpus().length),
      peak_rss_mb: r1(process.resourceUsage().maxRSS / 1024),
      provider: last?.record.provider,
      ...(last?.record.providerNote ? { provider_note: last.record.providerNote } : {}),
      stages_ms_median: Object.fromEntries(ANALYSIS_STAGES.map((s) => [s, r1(median(stages[s]))])),
      runs,
      goals: { total_ms_below: 2000, ratio_below: 3, peak_rss_mb_below: 1024 },
      model: { id: last?.record.model.id, sha256: last?.record.model.sha256, note: model.note },
      study: await describeStudy(studyDir),
      machine: {
        cpus: os.cpus().length,
        cpu: os.cpus()[0]?.model,
        node: process.version,
        loadavg_before: loadBefore,
        loadavg_after: os.loadavg().map(r1),
      },
    };
    console.log(JSON.stringify(out, null, 2));
  } finally {
    await releaseCachedModels();
    rmSync(root, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      provider: { type: 'string' },
      runs: { type: 'string' },
      model: { type: 'string' },
      generate: { type: 'string' },
    },
  });
  if (values.generate) return generate(values.generate);
  const provider = (values.provider ?? 'auto') as ProviderRequest;
  if (!PROVIDER_REQUESTS.includes(provider))
    throw new Error(`--provider must be one of ${PROVIDER_REQUESTS.join(', ')}`);
  const runs = Number(values.runs ?? 7);
  if (!Number.isInteger(runs) || runs < 5)
    throw new Error('--runs must be an integer >= 5 (median of at least 5)');
  await bench(provider, runs, values.model);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
