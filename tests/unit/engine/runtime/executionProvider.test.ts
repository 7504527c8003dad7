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
  gpuDriverFound,
  intraOpThreads,
  loadOrt,
  webGpuAvailability,
  WEBGPU_NOT_BUNDLED,
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
  it('puts WebGPU after the platform GPU providers and before CPU, in auto only where a GPU driver is found', () => {
    const gpu = { bundled: true, driverFound: true };
    const noGpu = { bundled: true, driverFound: false };
    expect(chooseProviders('auto', 'linux', false, gpu).order).toEqual(['webgpu', 'cpu']);
    expect(chooseProviders('auto', 'linux', true, gpu).order).toEqual(['cuda', 'webgpu', 'cpu']);
    expect(chooseProviders('auto', 'linux', false, noGpu)).toEqual({ order: ['cpu'], notes: [] });
    expect(chooseProviders('webgpu', 'linux', false, noGpu)).toEqual({ order: ['webgpu', 'cpu'], notes: [] });
    expect(chooseProviders('webgpu', 'darwin', false)).toEqual({
      order: ['cpu'],
      notes: [WEBGPU_NOT_BUNDLED],
    });
  });
  it('looks for a Vulkan loader and a GPU device node before auto tries WebGPU', () => {
    const has = (paths: string[]) => (p: string) => paths.includes(p);
    expect(gpuDriverFound(has(['/dev/dri', '/usr/lib/x86_64-linux-gnu/libvulkan.so.1']))).toBe(true);
    expect(gpuDriverFound(has(['/dev/nvidiactl', '/usr/lib64/libvulkan.so.1']))).toBe(true);
    expect(gpuDriverFound(has(['/dev/dri']))).toBe(false);
    expect(gpuDriverFound(has(['/usr/lib/libvulkan.so.1']))).toBe(false);
    expect(webGpuAvailability({ listSupportedBackends: () => [{ name: 'cpu', bundled: true }] })).toEqual({
      bundled: false,
      driverFound: false,
    });
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
  const webgpu = skipReason ? { bundled: false, driverFound: false } : webGpuAvailability(loadOrt());
  const webgpuSkip = !webgpu.bundled
    ? 'onnxruntime-node bundles no WebGPU provider on this platform'
    : webgpu.driverFound
      ? 'a GPU driver is present here, so WebGPU may start instead of falling back'
      : undefined;
  if (webgpuSkip) console.log(`WebGPU fallback test skipped: ${webgpuSkip}`);
  it.skipIf(webgpuSkip !== undefined)(
    'falls back to CPU when WebGPU is asked for on a machine without a GPU, with the reason',
    async () => {
      const r = await createSessionWithFallback(join(dir, 'classifier.onnx'), 'webgpu');
      expect(r.provider).toBe('cpu');
      expect(r.fallbackReason).toMatch(/^webgpu failed to start: .*adapter/i);
      expect(r.session.inputNames).toContain('view_mask');
      await r.session.release();
      const auto = await createSessionWithFallback(join(dir, 'classifier.onnx'), 'auto');
      expect(auto.provider).toBe('cpu');
      expect(auto.fallbackReason).toBeUndefined();
      await auto.session.release();
    },
  );
  it('uses CPU without a note when CPU is asked for', async () => {
    const r = await createSessionWithFallback(join(dir, 'localizer.onnx'), 'cpu');
    expect(r.provider).toBe('cpu');
    expect(r.fallbackReason).toBeUndefined();
    await r.session.release();
  });
});
