/**
 * onnxruntime-node sessions of a model package: one per model, created once and reused, checked against
 * the manifest's tensor names and shapes. Plain Node; never imports electron or the faces.
 */
import { availableParallelism } from 'node:os';
import * as ort from 'onnxruntime-node';
import { AppError } from '../../shared/errors';
import { assertSessionMatches, type ModelPackage } from './manifest';

export interface ModelSessions {
  pkg: ModelPackage;
  localizer: ort.InferenceSession;
  classifier: ort.InferenceSession;
  /** Execution providers requested, in order of preference. */
  executionProviders: string[];
}

export interface SessionOptions {
  /** Default ['cpu']. */
  executionProviders?: string[];
  /** Intra-op threads; default: the machine's core count. */
  intraOpNumThreads?: number;
}

async function open(path: string, o: SessionOptions): Promise<ort.InferenceSession> {
  try {
    return await ort.InferenceSession.create(path, {
      executionProviders: o.executionProviders ?? ['cpu'],
      intraOpNumThreads: o.intraOpNumThreads ?? availableParallelism(),
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
  } catch (e) {
    throw new AppError(
      'MODEL_INVALID',
      `onnxruntime could not load the model: ${e instanceof Error ? e.message : String(e)}`,
      path,
    );
  }
}

/** Create and validate both sessions of a package. Throws AppError('MODEL_INVALID'). */
export async function createModelSessions(pkg: ModelPackage, o: SessionOptions = {}): Promise<ModelSessions> {
  const localizer = await open(pkg.localizerPath, o);
  const classifier = await open(pkg.classifierPath, o);
  try {
    assertSessionMatches(pkg, 'localizer', localizer);
    assertSessionMatches(pkg, 'classifier', classifier);
  } catch (e) {
    await Promise.all([localizer.release(), classifier.release()]);
    throw e;
  }
  return { pkg, localizer, classifier, executionProviders: o.executionProviders ?? ['cpu'] };
}

/** Release both sessions. */
export async function releaseModelSessions(s: ModelSessions): Promise<void> {
  await Promise.all([s.localizer.release(), s.classifier.release()]);
}

/** Run a session on float32 feeds and return the named float32 output with its dims. */
export async function runFloat(
  session: ort.InferenceSession,
  feeds: Record<string, { data: Float32Array; dims: number[] }>,
  output: string,
): Promise<{ data: Float32Array; dims: readonly number[] }> {
  const tensors: Record<string, ort.Tensor> = {};
  for (const [name, f] of Object.entries(feeds)) tensors[name] = new ort.Tensor('float32', f.data, f.dims);
  const result = await session.run(tensors);
  const out = result[output];
  if (!out || out.type !== 'float32')
    throw new AppError('MODEL_MISMATCH', `The model returned no float32 output "${output}".`);
  return { data: out.data as Float32Array, dims: out.dims };
}
