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
/** Studies analysed: the first ones of the seed with a severe spinal canal stenosis and a severe sided target. */
const STUDIES = 2;
/**
 * Share of the known severe targets that must be graded Severe. The model's held-out severe recall is 77-89% per
 * condition (models/<default>/MODEL_CARD.md, confusion matrix), so demanding every one on a fixed study would
 * test luck, not the pipeline; what the pipeline must get right every time is the level and the side (below).
 */
const MIN_SEVERE_RECALL = 0.75;

type Target = { condition: Condition; level: Level };

/** The first studies of the seed with a severe spinal canal stenosis and a severe sided target. */
function studiesWithSevereTargets(): Array<{ index: number; grades: ReturnType<typeof sampleStudyGrades> }> {
  const found: Array<{ index: number; grades: ReturnType<typeof sampleStudyGrades> }> = [];
  for (let index = 0; index < 500 && found.length < STUDIES; index += 1) {
    const grades = sampleStudyGrades(SEED, index);
    const severe = targetsWith(grades, (g) => g === 2);
    const scs = severe.some((t) => t.condition === 'spinal_canal_stenosis');
    const sided = severe.some((t) => CONDITION_INFO[t.condition].side !== 'center');
    if (scs && sided) found.push({ index, grades });
  }
  if (found.length < STUDIES) {
    throw new Error(
      `fewer than ${STUDIES} studies of seed ${SEED} have both kinds of severe target (phantom priors changed?)`,
    );
  }
  return found;
}

function targetsWith(grades: ReturnType<typeof sampleStudyGrades>, keep: (g: number) => boolean): Target[] {
  return CONDITIONS.flatMap((condition) =>
    LEVELS.filter((level) => keep(grades[condition][level])).map((level) => ({ condition, level })),
  );
}

/** Conditions graded by the same head: left and right of a sided condition are one family (mirrored). */
function family(c: Condition): string {
  return c.replace(/^(left|right)_/, '');
}

describe.skipIf(skipReason !== undefined)(`analyze with the default model (${DEFAULT_MODEL_ID})`, () => {
  const root = tempDir('known-severe');
  afterAll(async () => {
    await releaseCachedModels();
    rmSync(root, { recursive: true, force: true });
  });

  it('on phantoms with known severe targets: each at least Moderate, ranked above the normal targets of its kind at the other levels and side, key location on its side; most graded Severe', async () => {
    let severeCount = 0;
    let gradedSevere = 0;
    const misses: string[] = [];
    for (const { index, grades } of studiesWithSevereTargets()) {
      const dir = path.join(root, `study-${index}`);
      writePhantomStudy(dir, { seed: SEED, studyIndex: index, maxMatrix: 384 });
      const { record } = await analyzeStudy({ paths: [dir] }, { modelDir, provider: 'cpu' });
      const finding = (t: Target) =>
        record.findings.find((x) => x.condition === t.condition && x.level === t.level)!;
      const normals = targetsWith(grades, (g) => g === 0);
      for (const t of targetsWith(grades, (g) => g === 2)) {
        const f = finding(t);
        const what = `study ${index} ${t.condition} ${t.level}: ${JSON.stringify(f.probabilities)}`;
        severeCount += 1;
        if (f.grade === 'Severe') gradedSevere += 1;
        else misses.push(what);
        expect(f.grade, what).not.toBe('Normal/Mild');
        expect(f.grade, what).not.toBeNull();
        // Level and side: a severe target's P(severe) is above that of every Normal/Mild target of the same kind
        // (the other levels, and for a sided condition the other side). Swapped sides or levels fail this.
        const pSevere = f.probabilities![2];
        for (const n of normals.filter((x) => family(x.condition) === family(t.condition))) {
          const pn = finding(n).probabilities?.[2];
          if (pn === undefined) continue; // not assessable (e.g. outside the axial coverage): no probability
          expect(pSevere, `${what} vs normal ${n.condition} ${n.level} p(severe) ${pn}`).toBeGreaterThan(pn);
        }
        const side = CONDITION_INFO[t.condition].side;
        if (side === 'center' || !f.keyLocation) continue;
        // Patient left is +x (LPS): the key location lies on the named side of this level's midline point.
        const mid = record.levelPoints.find((p) => p.level === t.level)!.positionLps[0];
        const x = f.keyLocation.positionLps[0];
        expect(side === 'left' ? x > mid : x < mid, `${what} key location x ${x} vs ${mid}`).toBe(true);
      }
    }
    console.log(
      `known severe targets graded Severe: ${gradedSevere} of ${severeCount}${misses.length ? ` (not: ${misses.join('; ')})` : ''}`,
    );
    expect(gradedSevere / severeCount, misses.join('; ')).toBeGreaterThanOrEqual(MIN_SEVERE_RECALL);
  }, 240_000);
});
