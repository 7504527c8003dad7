/**
 * Measures the phantom generator: label frequencies over 2000 studies against the RSNA priors, and
 * generation speed with 1 and 2 workers on the default settings: wall-clock studies/s and, per core,
 * studies per CPU second (user + system of this process and of its finished worker processes, so other
 * load on the machine inflates it less than wall time); with 1 worker also the split between the main thread
 * (the generator) and V8's helper threads (optimising compiler, garbage-collector helpers).
 * Usage: npx tsx scripts/bench-phantom.ts [--studies N] [--workers 1,2] [--max-matrix M] [--no-labels]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writePhantomDataset } from '../main/engine/phantom/dataset';
import { GRADE_PRIORS, sampleStudyGrades } from '../main/engine/phantom/labels';
import { DEFAULT_MAX_MATRIX } from '../main/engine/phantom/study';
import { CONDITION_INFO, CONDITIONS, levelDisplay, LEVELS } from '../main/shared/targets';

function labelReport(studies: number): void {
  const grades = Array.from({ length: studies }, (_, i) => sampleStudyGrades('bench', i));
  console.log(
    `Label frequencies over ${studies} studies (seed "bench"): measured vs reference Moderate% / Severe%`,
  );
  console.log(['level', ...CONDITIONS.map((c) => CONDITION_INFO[c].short)].map((s) => s.padEnd(22)).join(''));
  let worst = 0;
  for (const level of LEVELS) {
    const cells = CONDITIONS.map((c) => {
      const n = [0, 0, 0];
      for (const g of grades) n[g[c][level]]++;
      const [pm, ps] = GRADE_PRIORS[level][c];
      const m = (100 * n[1]) / studies;
      const s = (100 * n[2]) / studies;
      worst = Math.max(worst, Math.abs(m - 100 * pm), Math.abs(s - 100 * ps));
      return `${m.toFixed(1)}/${s.toFixed(1)} (${(100 * pm).toFixed(1)}/${(100 * ps).toFixed(1)})`;
    });
    console.log([levelDisplay(level), ...cells].map((s) => s.padEnd(22)).join(''));
  }
  const allNormal = grades.filter((g) => CONDITIONS.every((c) => LEVELS.every((l) => g[c][l] === 0))).length;
  const severeSpinal = grades.filter((g) => LEVELS.some((l) => g.spinal_canal_stenosis[l] === 2)).length;
  console.log(`largest deviation from the reference: ${worst.toFixed(2)} percentage points`);
  console.log(
    `all Normal/Mild: ${((100 * allNormal) / studies).toFixed(1)}% (reference 12.9%); ` +
      `any Severe spinal level: ${((100 * severeSpinal) / studies).toFixed(1)}% (reference 18.5%)`,
  );
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

/**
 * CPU seconds (user + system) used so far by this process and by its waited-for children (worker
 * processes count once they have exited and been reaped); children read 0 where /proc is missing.
 */
function cpuSeconds(): number {
  const own = process.cpuUsage();
  let children = 0;
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    children = (Number(fields[13]) + Number(fields[14])) / USER_HZ; // cutime, cstime (fields 16, 17)
  } catch {
    children = 0;
  }
  return (own.user + own.system) / 1e6 + children;
}

/**
 * CPU seconds (user + system) of this process's main thread and of its other threads (V8's compiler and
 * garbage-collector helpers) from /proc/self/task; null where /proc is missing.
 */
function threadCpuSeconds(): { main: number; helpers: number } | null {
  try {
    let main = 0;
    let helpers = 0;
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const seconds = (Number(fields[11]) + Number(fields[12])) / USER_HZ; // utime, stime (fields 14, 15)
      if (Number(tid) === process.pid) main += seconds;
      else helpers += seconds;
    }
    return { main, helpers };
  } catch {
    return null;
  }
}

async function speed(studies: number, workers: number, maxMatrix: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-phantom-'));
  try {
    const c0 = cpuSeconds();
    const th0 = threadCpuSeconds();
    const t0 = process.hrtime.bigint();
    const summary = await writePhantomDataset({
      outDir: join(dir, 'ds'),
      studies,
      seed: 'bench',
      workers,
      maxMatrix,
    });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (workers > 1) await new Promise<void>((r) => setTimeout(r, 500)); // let the workers exit and be reaped
    const cpu = cpuSeconds() - c0;
    const th1 = threadCpuSeconds();
    // With one worker the generator runs on this process's main thread; the rest is V8's helper threads.
    const split =
      workers === 1 && th0 && th1
        ? `; main thread ${(th1.main - th0.main).toFixed(2)} CPU s, V8 helper threads ${(th1.helpers - th0.helpers).toFixed(2)}`
        : '';
    console.log(
      `${workers} worker(s), max matrix ${maxMatrix}: ${studies} studies (${summary.series} series) in ${seconds.toFixed(2)} s = ` +
        `${(studies / seconds).toFixed(2)} studies/s wall; ${cpu.toFixed(2)} CPU s = ` +
        `${(studies / cpu).toFixed(2)} studies per CPU second (per core)${split}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      studies: { type: 'string', default: '12' },
      workers: { type: 'string', default: '1,2' },
      'max-matrix': { type: 'string', default: String(DEFAULT_MAX_MATRIX) },
      'no-labels': { type: 'boolean', default: false },
    },
  });
  if (!values['no-labels']) labelReport(2000);
  const studies = Number(values.studies);
  const maxMatrix = Number(values['max-matrix']);
  for (const w of String(values.workers).split(',').map(Number)) await speed(studies, w, maxMatrix);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
