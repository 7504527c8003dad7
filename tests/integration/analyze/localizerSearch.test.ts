/**
 * The coarse-to-fine localizer search (every other slice, then the neighbours of each best slice) finds
 * the same level points and foramina as running the localizer on every slice, on phantoms with the
 * default model, and runs it on fewer slices.
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_ID, defaultModelDir } from '../../../main/engine/analysis/defaultModel';
import { modelSessionsFor, releaseCachedModels } from '../../../main/engine/analysis/modelCache';
import { importPaths } from '../../../main/engine/import/importPaths';
import { localize, type Localization } from '../../../main/engine/model/localize';
import { localizerImage } from '../../../main/engine/model/localizerInput';
import type { ModelSessions } from '../../../main/engine/model/sessions';
import type { Volume } from '../../../main/engine/volume/types';
import { tempDir, writePhantomStudy } from '../../unit/engine/analysis/fixtures';

const modelDir = defaultModelDir();
const skipReason = existsSync(path.join(modelDir, 'manifest.json'))
  ? undefined
  : `the default model ${DEFAULT_MODEL_ID} is not in ${modelDir} yet (no manifest.json)`;
if (skipReason) console.warn(`localizer search test skipped: ${skipReason}`);

/** Slice and pixel of every decoded point, for comparison. */
function summary(l: Localization): unknown {
  const pt = (p: Localization['levelPoints'][number]): unknown =>
    p ? { series: p.volume.seriesInstanceUid, k: p.k, i: p.i, j: p.j } : null;
  return {
    levels: l.levelPoints.map(pt),
    foramina: l.foramina.map((f) => ({ left: pt(f.left), right: pt(f.right) })),
  };
}

/** Count the slices the localizer runs on (and keep the first batch's input), by wrapping the session's run. */
function counting(sessions: ModelSessions): {
  sessions: ModelSessions;
  slices: () => number;
  firstInput: () => Float32Array | undefined;
} {
  let n = 0;
  let first: Float32Array | undefined;
  const localizer = new Proxy(sessions.localizer, {
    get(target, prop, receiver) {
      if (prop === 'run') {
        return (feeds: Record<string, { dims: readonly number[]; data: unknown }>, ...rest: unknown[]) => {
          n += Number(feeds.image.dims[0]);
          first ??= Float32Array.from(feeds.image.data as Float32Array);
          return (target.run as (...a: unknown[]) => unknown).call(target, feeds, ...rest);
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return { sessions: { ...sessions, localizer }, slices: () => n, firstInput: () => first };
}

describe.skipIf(skipReason !== undefined)('localizer search', () => {
  const root = tempDir('localizer-search');
  afterAll(async () => {
    await releaseCachedModels();
    rmSync(root, { recursive: true, force: true });
  });

  it('coarse-to-fine equals every-slice on 4 phantoms, on fewer slices', async () => {
    const base = await modelSessionsFor(modelDir, 'cpu');
    let fine = 0;
    let every = 0;
    for (const studyIndex of [0, 1, 2, 3]) {
      const dir = path.join(root, String(studyIndex));
      writePhantomStudy(dir, { seed: 'localizer-search', studyIndex, maxMatrix: 256 });
      const { studies } = await importPaths([dir]);
      const stacks = studies[0].series.flatMap((s) => s.stacks) as Volume[];
      const sagT2 = stacks.find((v) => v.role === 'Sagittal T2/STIR');
      const sagT1 = stacks.find((v) => v.role === 'Sagittal T1');
      const a = counting(base);
      const coarse = await localize(a.sessions, sagT2, sagT1, 'coarse-to-fine');
      const b = counting(base);
      const all = await localize(b.sessions, sagT2, sagT1, 'every-slice');
      expect(summary(coarse), `study ${studyIndex}`).toEqual(summary(all));
      // The coarse pass opens with sagittal T2 slices 0, 2, 4: each input is prep's localizerImage.
      const size = 3 * 256 * 256;
      for (const [b, k] of [
        [0, 0],
        [1, 2],
        [2, 4],
      ])
        expect(a.firstInput()?.subarray(b * size, (b + 1) * size)).toEqual(localizerImage(sagT2!, k));
      expect(b.slices()).toBe((sagT2?.geometry.dims[2] ?? 0) + (sagT1?.geometry.dims[2] ?? 0));
      fine += a.slices();
      every += b.slices();
    }
    expect(fine).toBeLessThan(every);
  }, 120_000);
});
