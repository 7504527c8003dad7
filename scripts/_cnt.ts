import { mkdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import path from 'node:path'; import os from 'node:os';
import { generateStudy } from '../main/engine/phantom/study';
import { importPaths } from '../main/engine/import/importPaths';
import { modelSessionsFor } from '../main/engine/analysis/modelCache';
import { defaultModelDir } from '../main/engine/analysis/defaultModel';
import { localize } from '../main/engine/model/localize';
(async () => {
const dir = mkdtempSync(path.join(os.tmpdir(), 'pl-'));
generateStudy({ seed: 'bench', studyIndex: 25, missingRole: 'none', maxMatrix: 512 }, (rel, b) => { const p = path.join(dir, rel); mkdirSync(path.dirname(p), { recursive: true }); writeFileSync(p, b); });
const s = await modelSessionsFor(defaultModelDir(), 'cpu');
const orig = s.localizer.run.bind(s.localizer);
let calls: number[] = []; let ortMs = 0;
(s.localizer as any).run = async (f: any, ...r: any[]) => { calls.push(f.image.dims[0]); const t = performance.now(); const o = await orig(f, ...r); ortMs += performance.now() - t; return o; };
for (let i = 0; i < 8; i++) {
  const { studies } = await importPaths([dir]);
  const vols = studies[0].series.flatMap((s) => s.stacks);
  const t2 = vols.find((v) => v.role === 'Sagittal T2/STIR'); const t1 = vols.find((v) => v.role === 'Sagittal T1');
  calls = []; ortMs = 0; const t = performance.now(); await localize(s, t2, t1);
  if (i > 3) console.log('batches', calls, 'ort', ortMs.toFixed(1), 'total', (performance.now() - t).toFixed(1));
}
process.exit(0);
})();
