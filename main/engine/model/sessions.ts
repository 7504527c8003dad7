/**
 * onnxruntime-node sessions of a model package: one per model, created once and reused, checked against
 * the manifest's tensor names and shapes. Plain Node; never imports electron or the faces.
 */
import type * as ort from 'onnxruntime-node';
import { AppError } from '../../shared/errors';
import {
  createSessionWithFallback,
  loadOrt,
  type CreatedSession,
  type ProviderRequest,
} from '../runtime/executionProvider';
import { assertSessionMatches, type ModelPackage } from './manifest';

export interface ModelSessions {
  pkg: ModelPackage;
  localizer: ort.InferenceSession;
  classifier: ort.InferenceSession;
  /** Execution provider actually used: 'cpu', 'cuda', ..., or e.g. 'cuda+cpu' when the two sessions differ. */
  provider: string;
  /** Why the requested provider was not used (after a fallback); absent when it was. */
  providerNote?: string;
}

export interface SessionOptions {
  /** Provider to ask for (default 'cpu'); unavailable ones fall back to CPU with the reason recorded. */
  provider?: ProviderRequest;
  /** Intra-op threads; default intraOpThreads() of runtime/executionProvider (every core). */
  intraOpNumThreads?: number;
}

async function open(path: string, o: SessionOptions): Promise<CreatedSession> {
  try {
    return await createSessionWithFallback(path, o.provider ?? 'cpu', {
      intraOpNumThreads: o.intraOpNumThreads,
    });
  } catch (e) {
    throw new AppError(
      'MODEL_INVALID',
      `onnxruntime could not load the model: ${e instanceof Error ? e.message : String(e)}`,
      path,
    );
  }
}

/** One provider name and one note for the pair of sessions. */
function providerOf(a: CreatedSession, b: CreatedSession): { provider: string; providerNote?: string } {
  const provider = a.provider === b.provider ? a.provider : `${a.provider}+${b.provider}`;
  const notes = [...new Set([a.fallbackReason, b.fallbackReason].filter((n): n is string => Boolean(n)))];
  return notes.length > 0 ? { provider, providerNote: notes.join(' ') } : { provider };
}

/**
 * Create and validate both sessions of a package through createSessionWithFallback, so the provider
 * actually used (and why another was not) is known. Throws AppError('MODEL_INVALID').
 */
export async function createModelSessions(pkg: ModelPackage, o: SessionOptions = {}): Promise<ModelSessions> {
  const localizer = await open(pkg.localizerPath, o);
  let classifier: CreatedSession;
  try {
    classifier = await open(pkg.classifierPath, o);
  } catch (e) {
    await localizer.session.release();
    throw e;
  }
  try {
    assertSessionMatches(pkg, 'localizer', localizer.session);
    assertSessionMatches(pkg, 'classifier', classifier.session);
  } catch (e) {
    await Promise.all([localizer.session.release(), classifier.session.release()]);
    throw e;
  }
  return {
    pkg,
    localizer: localizer.session,
    classifier: classifier.session,
    ...providerOf(localizer, classifier),
  };
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
  const { Tensor } = loadOrt();
  const tensors: Record<string, ort.Tensor> = {};
  for (const [name, f] of Object.entries(feeds)) tensors[name] = new Tensor('float32', f.data, f.dims);
  const result = await session.run(tensors);
  const out = result[output];
  if (!out || out.type !== 'float32')
    throw new AppError('MODEL_MISMATCH', `The model returned no float32 output "${output}".`);
  return { data: out.data as Float32Array, dims: out.dims };
}
