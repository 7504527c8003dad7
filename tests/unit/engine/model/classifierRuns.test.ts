import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassifierInput } from '../../../../main/engine/model/classifierInput';
import { CLASSIFIER_ROWS_PER_RUN, runClassifier } from '../../../../main/engine/model/classifierRuns';
import { loadModelPackage } from '../../../../main/engine/model/manifest';
import {
  createModelSessions,
  releaseModelSessions,
  type ModelSessions,
} from '../../../../main/engine/model/sessions';
import { onnxUnavailableReason, writeTinyPackage } from './onnxFixtures';

const skipReason = onnxUnavailableReason();
if (skipReason) console.warn(`classifierRuns tests skipped: ${skipReason}`);
const dir = mkdtempSync(join(tmpdir(), 'sg-runs-'));
const spec = { slices: 5, px: 16 };
let sessions: ModelSessions;

beforeAll(async () => {
  if (skipReason) return;
  writeTinyPackage(dir, { px: spec.px, slices: spec.slices });
  sessions = await createModelSessions(loadModelPackage(dir), { intraOpNumThreads: 1 });
});
afterAll(async () => {
  if (sessions) await releaseModelSessions(sessions);
  rmSync(dir, { recursive: true, force: true });
});

/** Row i: crops of constant brightness that differ per row and view; the tiny classifier reads their means. */
function row(i: number, mask: [number, number, number] = [1, 1, 1]): ClassifierInput {
  const v = spec.slices * spec.px * spec.px;
  return {
    sagT2: new Float32Array(v).fill(0.1 * (i + 1)),
    sagT1: new Float32Array(2 * v).fill(1.4 - 0.2 * i),
    axT2: new Float32Array(3 * v).fill(0.05 * i * i),
    viewMask: new Float32Array(mask),
    centres: {},
  };
}

/** The classifier session with every run's batch size recorded. */
function recording(session: ort.InferenceSession): { session: ort.InferenceSession; batches: number[] } {
  const batches: number[] = [];
  const wrapped = new Proxy(session, {
    get(target, key, receiver) {
      if (key === 'run') {
        return (feeds: Record<string, ort.Tensor>) => {
          batches.push(Number(feeds.sag_t2.dims[0]));
          return target.run(feeds);
        };
      }
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { session: wrapped, batches };
}

describe.skipIf(skipReason !== undefined)('runClassifier', () => {
  it('runs one level per run by default and returns the rows in order', async () => {
    const inputs = [0, 1, 2, 3, 4].map((i) => row(i, i === 3 ? [1, 0, 1] : [1, 1, 1]));
    const { session, batches } = recording(sessions.classifier);
    const probs = await runClassifier(session, inputs, spec);
    expect(CLASSIFIER_ROWS_PER_RUN).toBe(1);
    expect(batches).toEqual([1, 1, 1, 1, 1]);
    expect(probs).toHaveLength(5 * 15);
    for (let i = 0; i < inputs.length; i++) {
      const alone = await runClassifier(sessions.classifier, [inputs[i]], spec);
      expect(Array.from(probs.subarray(15 * i, 15 * (i + 1)))).toEqual(Array.from(alone));
    }
    // the rows really differ, so a mix-up of their order would show
    expect(Array.from(probs.subarray(0, 15))).not.toEqual(Array.from(probs.subarray(15, 30)));
  });

  it('splits into runs of at most rowsPerRun rows with the same probabilities as one batch', async () => {
    const inputs = [0, 1, 2, 3, 4].map((i) => row(i));
    const { session, batches } = recording(sessions.classifier);
    const inTwos = await runClassifier(session, inputs, spec, 2);
    expect(batches).toEqual([2, 2, 1]);
    const oneBatch = await runClassifier(sessions.classifier, inputs, spec, inputs.length);
    expect(inTwos).toHaveLength(oneBatch.length);
    for (let k = 0; k < oneBatch.length; k++) expect(inTwos[k]).toBeCloseTo(oneBatch[k], 6);
  });

  it('makes no run for a study without rows', async () => {
    const { session, batches } = recording(sessions.classifier);
    expect(await runClassifier(session, [], spec)).toHaveLength(0);
    expect(batches).toEqual([]);
  });
});
