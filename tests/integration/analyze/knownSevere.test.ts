import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeStudy } from '../../../main/engine/analysis/analyzeStudy';
import { DEFAULT_MODEL_ID, defaultModelDir } from '../../../main/engine/analysis/defaultModel';
import { releaseCachedModels } from '../../../main/engine/analysis/modelCache';
import { sampleStudyGrades } from '../../../main/engine/phantom/labels';
import { CONDITION_INFO, CONDITIONS, LEVELS, type Condition, type Level } from '../../../main/shared/targets';
import { tempDir, writePhantomStudy } from '../../unit/engine/analysis/fixtures';

const modelDir = defaultModelDir();
const skipReason = existsSync(path.join(modelDir, 'manifest.json'))
  ? undefined
  : `the default model ${DEFAULT_MODEL_ID} is not in ${modelDir} yet (no manifest.json)`;
if (skipReason) console.warn(`known-severe phantom test skipped: ${skipReason}`);

const SEED = 'analyze-known-severe';

/** First study of the seed with a severe spinal canal stenosis and a severe sided target. */
function studyWithSevereTargets(): { index: number; severe: Array<{ condition: Condition; level: Level }> } {
  for (let index = 0; index < 500; index += 1) {
    const g = sampleStudyGrades(SEED, index);
    const severe = CONDITIONS.flatMap((condition) =>
      LEVELS.filter((level) => g[condition][level] === 2).map((level) => ({ condition, level })),
    );
    const scs = severe.some((t) => t.condition === 'spinal_canal_stenosis');
    const sided = severe.some((t) => CONDITION_INFO[t.condition].side !== 'center');
    if (scs && sided) return { index, severe };
  }
  throw new Error(`no study of seed ${SEED} has both kinds of severe target (phantom priors changed?)`);
}

describe.skipIf(skipReason !== undefined)(`analyze with the default model (${DEFAULT_MODEL_ID})`, () => {
  const root = tempDir('known-severe');
  afterAll(async () => {
    await releaseCachedModels();
    rmSync(root, { recursive: true, force: true });
  });

  it('on a phantom with known severe targets, grades them severe at the right level and side', async () => {
    const { index, severe } = studyWithSevereTargets();
    writePhantomStudy(root, { seed: SEED, studyIndex: index, maxMatrix: 384 });
    const { record } = await analyzeStudy({ paths: [root] }, { modelDir, provider: 'cpu' });
    for (const t of severe) {
      const f = record.findings.find((x) => x.condition === t.condition && x.level === t.level)!;
      expect(f.grade, `${t.condition} ${t.level}: ${JSON.stringify(f.probabilities)}`).toBe('Severe');
      const side = CONDITION_INFO[t.condition].side;
      if (side === 'center' || !f.keyLocation) continue;
      // Patient left is +x (LPS): the key location lies on the named side of this level's midline point.
      const mid = record.levelPoints.find((p) => p.level === t.level)!.positionLps[0];
      const x = f.keyLocation.positionLps[0];
      expect(
        side === 'left' ? x > mid : x < mid,
        `${t.condition} ${t.level} key location x ${x} vs ${mid}`,
      ).toBe(true);
    }
  }, 120_000);
});
