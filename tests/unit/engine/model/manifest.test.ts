import { appendFileSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { assertSessionMatches, loadModelPackage } from '../../../../main/engine/model/manifest';
import { AppError } from '../../../../main/shared/errors';
import { manifestFor, onnxUnavailableReason, writeTinyPackage } from './onnxFixtures';

const skipReason = onnxUnavailableReason();
if (skipReason) console.warn(`manifest tests skipped: ${skipReason}`);
const root = mkdtempSync(join(tmpdir(), 'sg-manifest-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function pkg(name: string, opts: Parameters<typeof writeTinyPackage>[1] = {}): string {
  const dir = join(root, name);
  writeTinyPackage(dir, opts);
  return dir;
}

function modelError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe.skipIf(skipReason !== undefined)('loadModelPackage', () => {
  it('accepts a valid package and its sessions match the manifest', async () => {
    const dir = pkg('ok');
    const p = loadModelPackage(dir);
    expect(p.manifest.classifier.crop.px).toBe(64);
    expect(p.manifestSha256).toMatch(/^[0-9a-f]{64}$/);
    const loc = await ort.InferenceSession.create(p.localizerPath);
    const cls = await ort.InferenceSession.create(p.classifierPath);
    expect(() => assertSessionMatches(p, 'localizer', loc)).not.toThrow();
    expect(() => assertSessionMatches(p, 'classifier', cls)).not.toThrow();
  });

  it('rejects a model whose output shape differs from the manifest', async () => {
    const dir = pkg('wrong-shape', { heatmapPx: 32 });
    const p = loadModelPackage(dir);
    const loc = await ort.InferenceSession.create(p.localizerPath);
    const e = modelError(() => assertSessionMatches(p, 'localizer', loc));
    expect(e.code).toBe('MODEL_INVALID');
    expect(e.message).toContain('"heatmaps"');
    expect(e.message).toContain('[batch, 10, 32, 32]');
    expect(e.file).toBe(p.localizerPath);
  });

  it('rejects a classifier built for another crop size', async () => {
    const dir = pkg('wrong-px', { px: 32 });
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifestFor(dir, 5, 64)));
    const p = loadModelPackage(dir);
    const cls = await ort.InferenceSession.create(p.classifierPath);
    const e = modelError(() => assertSessionMatches(p, 'classifier', cls));
    expect(e.message).toMatch(/input "sag_t2" has shape \[batch, 5, 32, 32\]/);
  });

  it('names a missing model file', () => {
    const dir = pkg('missing');
    unlinkSync(join(dir, 'classifier.onnx'));
    const e = modelError(() => loadModelPackage(dir));
    expect(e.code).toBe('MODEL_INVALID');
    expect(e.message).toContain('"classifier.onnx" is missing');
    expect(e.file).toBe(join(dir, 'classifier.onnx'));
  });

  it('detects a sha256 mismatch (same size, changed bytes)', () => {
    const dir = pkg('sha');
    const f = join(dir, 'localizer.onnx');
    const bytes = readFileSync(f);
    bytes[bytes.length - 1] ^= 0xff;
    writeFileSync(f, bytes);
    const e = modelError(() => loadModelPackage(dir));
    expect(e.message).toMatch(/"localizer.onnx" has sha256 [0-9a-f]{64}; the manifest says/);
  });

  it('detects a size mismatch', () => {
    const dir = pkg('size');
    appendFileSync(join(dir, 'classifier.onnx'), Buffer.from([0]));
    const e = modelError(() => loadModelPackage(dir));
    expect(e.message).toMatch(/"classifier.onnx" has \d+ bytes; the manifest says/);
  });

  it('reports bad JSON and schema problems with their path', () => {
    const dir = pkg('json');
    writeFileSync(join(dir, 'manifest.json'), '{ "schemaVersion": 1, ');
    expect(modelError(() => loadModelPackage(dir)).message).toContain('not valid JSON');
    const m = manifestFor(dir);
    m.levels = ['l5_s1', 'l4_l5', 'l3_l4', 'l2_l3', 'l1_l2'];
    delete m.intendedUse;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
    const e = modelError(() => loadModelPackage(dir));
    expect(e.message).toContain('levels: must be exactly [l1_l2');
    expect(e.message).toContain('intendedUse');
  });

  it('rejects input shapes that disagree with the crop spec', () => {
    const dir = pkg('crop');
    const m = manifestFor(dir) as { classifier: { crop: { px: number } } };
    m.classifier.crop.px = 96;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
    expect(modelError(() => loadModelPackage(dir)).message).toContain('crop spec (slices 5, px 96)');
  });

  it('reports a folder without manifest.json', () => {
    const e = modelError(() => loadModelPackage(join(root, 'nothing-here')));
    expect(e.message).toContain('no readable manifest.json');
  });
});
