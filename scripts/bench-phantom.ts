/**
 * Measures the phantom generator: label frequencies over 2000 studies against the RSNA priors, and
 * generation speed (studies/s) with 1 and 2 workers on the default settings.
 * Usage: npx tsx scripts/bench-phantom.ts [--studies N] [--workers 1,2] [--max-matrix M]
 */
import { mkdtempSync, rmSync } from 'node:fs';
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

async function speed(studies: number, workers: number, maxMatrix: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-phantom-'));
  try {
    const t0 = process.hrtime.bigint();
    const summary = await writePhantomDataset({
      outDir: join(dir, 'ds'),
      studies,
      seed: 'bench',
      workers,
      maxMatrix,
    });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    console.log(
      `${workers} worker(s), max matrix ${maxMatrix}: ${studies} studies (${summary.series} series) in ${seconds.toFixed(2)} s = ` +
        `${(studies / seconds).toFixed(2)} studies/s`,
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
    },
  });
  labelReport(2000);
  const studies = Number(values.studies);
  const maxMatrix = Number(values['max-matrix']);
  for (const w of String(values.workers).split(',').map(Number)) await speed(studies, w, maxMatrix);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
