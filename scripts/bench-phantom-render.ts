/**
 * Benchmark of the phantom anatomy + renderer on one core: per study, build the anatomy, rasterise its
 * label grid, render a typical study (17 sagittal T2 + 17 sagittal T1 at 384^2, 25 axial T2 at 320^2)
 * and apply acquisition effects. Times are this process's CPU time (user + system), so other load on
 * the machine inflates them less than wall time. Usage: npx tsx scripts/bench-phantom-render.ts [studies=5]
 */
import { buildSpineAnatomy } from '../main/engine/phantom/anatomy/buildSpineAnatomy';
import { modelOf } from '../main/engine/phantom/anatomy/model';
import type { StudyGrades, SliceRequest } from '../main/engine/phantom/anatomyTypes';
import { applyAcquisitionEffects } from '../main/engine/phantom/render/acquisition';
import { gridOf } from '../main/engine/phantom/render/labelGrid';
import { axialPreviewPlane, sagittalPreviewPlane } from '../main/engine/phantom/render/previewPlanes';
import { renderSlice } from '../main/engine/phantom/render/renderSlice';
import { createRng, type Rng } from '../main/engine/rng';
import { CONDITIONS, LEVELS, type SeverityIndex } from '../main/shared/targets';

function randomGrades(rng: Rng): StudyGrades {
  const grades = {} as StudyGrades;
  for (const c of CONDITIONS) {
    grades[c] = {} as StudyGrades[typeof c];
    for (const l of LEVELS) grades[c][l] = (rng.bool(0.75) ? 0 : rng.bool(0.7) ? 1 : 2) as SeverityIndex;
  }
  return grades;
}

function studyRequests(anatomy: ReturnType<typeof buildSpineAnatomy>): SliceRequest[] {
  const out: SliceRequest[] = [];
  for (const contrast of ['T2', 'T1'] as const) {
    for (let i = 0; i < 17; i++) {
      const geometry = sagittalPreviewPlane(anatomy, (i - 8) * 4, 300, 384);
      out.push({ geometry, cols: 384, rows: 384, sliceThicknessMm: 3.5, contrast });
    }
  }
  for (const level of LEVELS) {
    for (let k = 0; k < 5; k++) {
      const geometry = axialPreviewPlane(anatomy, level, 180, 320, (k - 2) * 4);
      out.push({ geometry, cols: 320, rows: 320, sliceThicknessMm: 4, contrast: 'T2' });
    }
  }
  return out;
}

/** CPU milliseconds (user + system) used by this process so far. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function main(): void {
  const studies = Number(process.argv[2] ?? 5);
  const rows: number[][] = [];
  for (let s = 0; s < studies; s++) {
    const rng = createRng(`bench-${s}`);
    const t0 = cpuMs();
    const anatomy = buildSpineAnatomy(rng.fork('anatomy'), randomGrades(rng.fork('grades')));
    const t1 = cpuMs();
    gridOf(modelOf(anatomy));
    const t2 = cpuMs();
    const requests = studyRequests(anatomy);
    const images = requests.map((r) => renderSlice(anatomy, r));
    const t3 = cpuMs();
    const noise = rng.fork('noise');
    images.forEach((img, i) =>
      applyAcquisitionEffects(img, requests[i].cols, requests[i].rows, noise, {
        noiseSigma: 0.03,
        biasStrength: 0.2,
        ghosting: 0.01,
      }),
    );
    const t4 = cpuMs();
    const pixels = requests.reduce((n, r) => n + r.cols * r.rows, 0);
    rows.push([t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0]);
    console.log(
      `study ${s}: build ${(t1 - t0).toFixed(0)} ms, grid ${(t2 - t1).toFixed(0)} ms, render ${(t3 - t2).toFixed(0)} ms ` +
        `(${requests.length} slices, ${(pixels / 1e6).toFixed(2)} Mpx), acquisition ${(t4 - t3).toFixed(0)} ms, total ${(t4 - t0).toFixed(0)} ms`,
    );
  }
  const warm = rows.slice(1);
  if (warm.length) {
    const mean = (k: number): string => (warm.reduce((a, r) => a + r[k], 0) / warm.length).toFixed(0);
    console.log(
      `mean of studies 1..${studies - 1} (after warm-up): build ${mean(0)} ms, grid ${mean(1)} ms, render ${mean(2)} ms, ` +
        `acquisition ${mean(3)} ms, total ${mean(4)} ms per study`,
    );
  }
}

main();
