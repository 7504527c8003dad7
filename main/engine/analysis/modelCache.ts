/**
 * Model sessions created once per (model folder, provider request) and reused across studies, each warmed
 * up by one run on zeros when created (the first real study then pays no graph set-up).
 * Plain Node; never imports electron or the faces.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { loadModelPackage } from '../model/manifest';
import { createModelSessions, releaseModelSessions, runFloat, type ModelSessions } from '../model/sessions';
import type { ProviderRequest } from '../runtime/executionProvider';

const cache = new Map<string, Promise<ModelSessions>>();

/** One localizer and one classifier run on batch-1 zeros of the manifest's shapes. */
export async function warmUp(s: ModelSessions): Promise<void> {
  const [, c, h, w] = s.pkg.manifest.localizer.inputs.image;
  await runFloat(
    s.localizer,
    { image: { data: new Float32Array(c * h * w), dims: [1, c, h, w] } },
    'heatmaps',
  );
  const { slices, px } = s.pkg.manifest.classifier.crop;
  const n = slices * px * px;
  await runFloat(
    s.classifier,
    {
      sag_t2: { data: new Float32Array(n), dims: [1, slices, px, px] },
      sag_t1: { data: new Float32Array(2 * n), dims: [1, 2, slices, px, px] },
      ax_t2: { data: new Float32Array(3 * n), dims: [1, 3, slices, px, px] },
      view_mask: { data: new Float32Array(3), dims: [1, 3] },
    },
    'probs',
  );
}

async function create(modelDir: string, provider: ProviderRequest): Promise<ModelSessions> {
  if (!existsSync(path.join(modelDir, 'manifest.json'))) {
    throw new AppError(
      'NOT_FOUND',
      `No model package at ${modelDir}: it has no manifest.json. Give the folder of a model package ` +
        '(models/<model-id>/ holding manifest.json and its ONNX files; see models/README.md).',
      modelDir,
    );
  }
  const sessions = await createModelSessions(loadModelPackage(modelDir), { provider });
  try {
    await warmUp(sessions);
  } catch (e) {
    await releaseModelSessions(sessions);
    throw e;
  }
  return sessions;
}

/**
 * Warm sessions of the package in `modelDir` for `provider`, created on first use. The package is verified
 * (manifest schema, file sizes and sha256) when the sessions are created; later calls reuse them, so the
 * sha256 recorded with each analysis is that of the bytes the sessions were built from.
 */
export function modelSessionsFor(modelDir: string, provider: ProviderRequest): Promise<ModelSessions> {
  const key = `${path.resolve(modelDir)}\n${provider}`;
  let entry = cache.get(key);
  if (!entry) {
    entry = create(path.resolve(modelDir), provider);
    cache.set(key, entry);
    entry.catch(() => cache.delete(key));
  }
  return entry;
}

/** Release every cached session (engine shutdown, end of a CLI run). */
export async function releaseCachedModels(): Promise<void> {
  const entries = [...cache.values()];
  cache.clear();
  const settled = await Promise.allSettled(entries);
  for (const s of settled) if (s.status === 'fulfilled') await releaseModelSessions(s.value);
}
