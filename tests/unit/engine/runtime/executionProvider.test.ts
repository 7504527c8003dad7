import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chooseProviders,
  createSessionWithFallback,
  cudaBinariesPresent,
  ortBinaryDir,
  CUDA_HOWTO,
  intraOpThreads,
} from '../../../../main/engine/runtime/executionProvider';
import { onnxUnavailableReason, writeOnnxPair } from '../model/onnxFixtures';

describe('chooseProviders', () => {
  it('prefers CUDA on Linux/Windows only when its binaries are installed', () => {
    expect(chooseProviders('auto', 'linux', true).order).toEqual(['cuda', 'cpu']);
    expect(chooseProviders('auto', 'linux', false).order).toEqual(['cpu']);
    expect(chooseProviders('auto', 'win32', true).order).toEqual(['cuda', 'dml', 'cpu']);
    expect(chooseProviders('auto', 'darwin', false).order).toEqual(['coreml', 'cpu']);
  });
  it('explains why an explicit request cannot be honoured', () => {
    const c = chooseProviders('cuda', 'linux', false);
    expect(c.order).toEqual(['cpu']);
    expect(c.notes).toEqual([CUDA_HOWTO]);
    expect(chooseProviders('dml', 'linux', false).notes[0]).toMatch(/Windows only/);
    expect(chooseProviders('coreml', 'win32', false).notes[0]).toMatch(/macOS only/);
  });
  it('uses every core, at least one thread', () => {
    expect(intraOpThreads(8)).toBe(8);
    expect(intraOpThreads(0)).toBe(1);
  });
});

const skipReason = onnxUnavailableReason();
if (skipReason) console.log(`executionProvider session tests skipped: ${skipReason}`);

describe.skipIf(Boolean(skipReason))('createSessionWithFallback (real onnxruntime-node)', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sg-ep-'));
    writeOnnxPair(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cudaHere = cudaBinariesPresent(ortBinaryDir());
  if (cudaHere)
    console.log('CUDA fallback test skipped: CUDA provider binaries are installed on this machine');
  it.skipIf(cudaHere)('falls back to CPU when CUDA is asked for but absent, and says why', async () => {
    const r = await createSessionWithFallback(join(dir, 'classifier.onnx'), 'cuda');
    expect(r.provider).toBe('cpu');
    expect(r.fallbackReason).toMatch(/CUDA/);
    expect(r.session.inputNames).toContain('view_mask');
    await r.session.release();
  });
  it('uses CPU without a note when CPU is asked for', async () => {
    const r = await createSessionWithFallback(join(dir, 'localizer.onnx'), 'cpu');
    expect(r.provider).toBe('cpu');
    expect(r.fallbackReason).toBeUndefined();
    await r.session.release();
  });
});
