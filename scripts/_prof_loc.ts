import { mkdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import path from 'node:path'; import os from 'node:os';
import { generateStudy } from '/work/main/main/engine/phantom/study';
import { importPaths } from '/work/main/main/engine/import/importPaths';
import { modelSessionsFor } from '/work/main/main/engine/analysis/modelCache';
import { defaultModelDir } from '/work/main/main/engine/analysis/defaultModel';
import { localizerBatch, LOCALIZER_PX } from '/work/main/main/engine/model/localizerInput';
import { runFloat } from '/work/main/main/engine/model/sessions';
(async () => {
const dir = mkdtempSync(path.join(os.tmpdir(), 'pl-'));
generateStudy({ seed: 'bench', studyIndex: 25, missingRole: 'none', maxMatrix: 512 }, (rel, b) => { const p = path.join(dir, rel); mkdirSync(path.dirname(p), { recursive: true }); writeFileSync(p, b); });
const { studies } = await importPaths([dir]);
const vols = studies[0].series.flatMap((s) => s.stacks).filter((v) => v.role !== 'Axial T2');
const s = await modelSessionsFor(defaultModelDir(), 'cpu');
for (let rep = 0; rep < 4; rep++) {
  let tr = 0, tx = 0;
  for (const v of vols) {
    const n = v.geometry.dims[2];
    for (const bs of [n]) {
    let t = performance.now(); const inp = localizerBatch(v, 0, bs); tr += performance.now() - t;
    t = performance.now(); await runFloat(s.localizer, { image: { data: inp, dims: [bs, 3, LOCALIZER_PX, LOCALIZER_PX] } }, 'heatmaps'); tx += performance.now() - t;
    }
  }
  console.log('resample', tr.toFixed(1), 'ort', tx.toFixed(1));
}
// per-batch-size cost
const v = vols[0];
for (const bs of [1, 4, 8, 16]) {
  const inp = localizerBatch(v, 0, bs);
  const t = performance.now();
  for (let r = 0; r < 3; r++) await runFloat(s.localizer, { image: { data: inp, dims: [bs, 3, LOCALIZER_PX, LOCALIZER_PX] } }, 'heatmaps');
  console.log('bs', bs, ((performance.now() - t) / 3 / bs).toFixed(2), 'ms/slice');
}
process.exit(0);

})();
