/**
 * Model package loading: the manifest.json schema (models/README.md), file presence, sha256 and the
 * tensor names/shapes an onnxruntime session declares. Plain Node; never imports electron or the faces.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { InferenceSession } from 'onnxruntime-node';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { CONDITIONS, LEVELS } from '../../shared/targets';
import { sha256Hex } from '../sha256';

const shape = z.array(z.number().int().min(-1)).min(1);
const tensorMap = z.record(z.string().min(1), shape);

const stage = z.object({
  file: z.string().min(1),
  inputs: tensorMap,
  outputs: tensorMap,
});

const sameOrder = (expected: readonly string[]) =>
  z.array(z.string()).refine((a) => a.length === expected.length && a.every((v, i) => v === expected[i]), {
    message: `must be exactly [${expected.join(', ')}] in this order`,
  });

/** Schema of manifest.json, schemaVersion 1 (see models/README.md). */
export const ModelManifestSchema = z.object({
  schemaVersion: z.literal(1),
  id: z.string().min(1),
  name: z.string().min(1),
  version: z.string().min(1),
  created: z.string().min(1),
  intendedUse: z.string().min(1),
  trainingData: z.string(),
  evaluation: z.record(z.string(), z.unknown()).optional(),
  conditions: sameOrder(CONDITIONS),
  levels: sameOrder(LEVELS),
  classes: sameOrder(['normal_mild', 'moderate', 'severe']),
  calibration: z.string(),
  files: z.record(
    z.string().min(1),
    z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().min(0) }),
  ),
  localizer: stage.extend({
    inputs: z.object({ image: shape }),
    outputs: z.object({ heatmaps: shape }),
  }),
  classifier: stage.extend({
    inputs: z.object({ sag_t2: shape, sag_t1: shape, ax_t2: shape, view_mask: shape }),
    outputs: z.object({ probs: shape }),
    crop: z.object({
      slices: z.number().int().min(1).max(31),
      px: z.number().int().min(8).max(512),
      cropMm: z.number().positive(),
      recessOffsetMm: z.number().min(0),
    }),
  }),
  normalization: z.string(),
});
export type ModelManifest = z.infer<typeof ModelManifestSchema>;

/** A validated model package: its manifest and the absolute paths of its two ONNX files. */
export interface ModelPackage {
  dir: string;
  manifest: ModelManifest;
  localizerPath: string;
  classifierPath: string;
  /** sha256 of manifest.json's bytes: identifies the package (it pins every file's sha256). */
  manifestSha256: string;
}

/** Session surface needed to check a model against its manifest. */
export type SessionShapeInfo = Pick<
  InferenceSession,
  'inputNames' | 'outputNames' | 'inputMetadata' | 'outputMetadata'
>;

function invalid(message: string, file: string): AppError {
  return new AppError('MODEL_INVALID', message, file);
}

/** sha256 (hex) of a file's bytes. */
export function sha256File(path: string): string {
  return sha256Hex(readFileSync(path));
}

function readManifest(path: string): ModelManifest {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw invalid(`The model package has no readable manifest.json.`, path);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw invalid(`manifest.json is not valid JSON: ${e instanceof Error ? e.message : String(e)}`, path);
  }
  const parsed = ModelManifestSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw invalid(`manifest.json does not match the schema: ${problems.join('; ')}`, path);
  }
  return parsed.data;
}

function checkCropConsistency(m: ModelManifest, path: string): void {
  const { slices: s, px: p } = m.classifier.crop;
  const want: Record<string, number[]> = {
    sag_t2: [-1, s, p, p],
    sag_t1: [-1, 2, s, p, p],
    ax_t2: [-1, 3, s, p, p],
    view_mask: [-1, 3],
  };
  for (const [name, expected] of Object.entries(want)) {
    const got = m.classifier.inputs[name as keyof typeof m.classifier.inputs];
    if (got.join(',') !== expected.join(',')) {
      throw invalid(
        `classifier input "${name}" is [${got.join(', ')}] but the crop spec (slices ${s}, px ${p}) needs [${expected.join(', ')}].`,
        path,
      );
    }
  }
  const probs = m.classifier.outputs.probs.join(',');
  if (probs !== '-1,5,3')
    throw invalid(`classifier output "probs" must be [-1, 5, 3], got [${probs}].`, path);
  const img = m.localizer.inputs.image;
  if (img.length !== 4 || img[1] !== 3) throw invalid(`localizer input "image" must be [-1, 3, H, W].`, path);
  const hm = m.localizer.outputs.heatmaps;
  if (hm.length !== 4 || hm[1] !== 10)
    throw invalid(`localizer output "heatmaps" must be [-1, 10, h, w].`, path);
}

function checkFile(dir: string, m: ModelManifest, file: string): string {
  const path = join(dir, file);
  const entry = m.files[file];
  if (!entry)
    throw invalid(
      `manifest.json names "${file}" as a model file but lists no sha256 for it in "files".`,
      path,
    );
  let bytes: number;
  try {
    bytes = statSync(path).size;
  } catch {
    throw invalid(`Model file "${file}" is missing from the package.`, path);
  }
  if (bytes !== entry.bytes) {
    throw invalid(
      `Model file "${file}" has ${bytes} bytes; the manifest says ${entry.bytes}. The file is damaged or replaced.`,
      path,
    );
  }
  const actual = sha256File(path);
  if (actual !== entry.sha256) {
    throw invalid(
      `Model file "${file}" has sha256 ${actual}; the manifest says ${entry.sha256}. The file is damaged or replaced.`,
      path,
    );
  }
  return path;
}

/**
 * Load and validate a model package folder: manifest schema, crop/shape consistency, every listed file
 * present with the manifest's size and sha256. Throws AppError('MODEL_INVALID') naming the file and problem.
 */
export function loadModelPackage(dir: string): ModelPackage {
  const manifestPath = join(dir, 'manifest.json');
  const manifest = readManifest(manifestPath);
  checkCropConsistency(manifest, manifestPath);
  for (const file of Object.keys(manifest.files)) checkFile(dir, manifest, file);
  return {
    dir,
    manifest,
    localizerPath: checkFile(dir, manifest, manifest.localizer.file),
    classifierPath: checkFile(dir, manifest, manifest.classifier.file),
    manifestSha256: sha256File(manifestPath),
  };
}

function dimMatches(manifestDim: number, modelDim: number | string): boolean {
  if (manifestDim === -1) return typeof modelDim === 'string' || modelDim === -1;
  return modelDim === manifestDim;
}

function checkTensors(
  kind: 'input' | 'output',
  expected: Record<string, number[]>,
  metadata: readonly InferenceSession.ValueMetadata[],
  path: string,
): void {
  for (const [name, want] of Object.entries(expected)) {
    const meta = metadata.find((m) => m.name === name);
    if (!meta) {
      const have = metadata.map((m) => m.name).join(', ');
      throw invalid(`The model has no ${kind} named "${name}" (it has: ${have}).`, path);
    }
    if (!meta.isTensor || meta.type !== 'float32') {
      throw invalid(`The model's ${kind} "${name}" must be a float32 tensor.`, path);
    }
    const got = meta.shape;
    const ok = got.length === want.length && want.every((d, i) => dimMatches(d, got[i]));
    if (!ok) {
      throw invalid(
        `The model's ${kind} "${name}" has shape [${got.join(', ')}]; the manifest says [${want.join(', ')}] (-1 = dynamic batch).`,
        path,
      );
    }
  }
}

/**
 * Check that a loaded onnxruntime session declares exactly the tensor names, float32 types, ranks and
 * fixed dims of the manifest's stage. Throws AppError('MODEL_INVALID') naming the file and tensor.
 */
export function assertSessionMatches(
  pkg: ModelPackage,
  which: 'localizer' | 'classifier',
  session: SessionShapeInfo,
): void {
  const st = pkg.manifest[which];
  const path = which === 'localizer' ? pkg.localizerPath : pkg.classifierPath;
  checkTensors('input', st.inputs, session.inputMetadata, path);
  checkTensors('output', st.outputs, session.outputMetadata, path);
}
