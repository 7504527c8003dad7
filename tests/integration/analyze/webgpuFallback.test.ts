// Asking for the WebGPU provider on a machine without a GPU: the analysis runs on CPU and records why, through
// analyzeStudy and through the contract's edge (the provider choice accepts 'webgpu'), with the default model.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeStudy } from '../../../main/engine/analysis/analyzeStudy';
import { defaultModelDir } from '../../../main/engine/analysis/defaultModel';
import { releaseCachedModels } from '../../../main/engine/analysis/modelCache';
import { createEngine } from '../../../main/engine/createEngine';
import { loadOrt, webGpuAvailability } from '../../../main/engine/runtime/executionProvider';
import type { AnalysisRecord } from '../../../main/shared/analysis';
import { dispatchApiCall } from '../../../main/shared/apiDispatch';
import { tempDir, writePhantomStudy } from '../../unit/engine/analysis/fixtures';

const modelDir = defaultModelDir();
const webgpu = webGpuAvailability(loadOrt());
const skipReason = !existsSync(path.join(modelDir, 'manifest.json'))
  ? `no default model in ${modelDir}`
  : !webgpu.bundled
    ? 'onnxruntime-node bundles no WebGPU provider on this platform'
    : webgpu.driverFound
      ? 'a GPU driver is present here, so WebGPU may start instead of falling back'
      : undefined;
if (skipReason) console.warn(`WebGPU fallback analysis test skipped: ${skipReason}`);

describe.skipIf(skipReason !== undefined)('analysis asked to run on WebGPU without a GPU', () => {
  const root = tempDir('webgpu');
  afterAll(async () => {
    await releaseCachedModels();
    rmSync(root, { recursive: true, force: true });
  });

  it('runs on CPU and records the reason in the analysis', async () => {
    writePhantomStudy(path.join(root, 'data'), { seed: 'webgpu-fallback-v4' });
    const { record } = await analyzeStudy(
      { paths: [path.join(root, 'data')] },
      { modelDir, provider: 'webgpu' },
    );
    expect(record.provider).toBe('cpu');
    expect(record.providerNote).toMatch(/webgpu failed to start: .*adapter/i);
    // Graded on CPU: every sagittal target, and every subarticular one the study's axial T2 covers.
    for (const f of record.findings.filter((x) => !x.assessable)) {
      expect(f.condition).toMatch(/_subarticular_/);
      expect(f.notAssessableReason).toMatch(/^Not covered by the axial T2 series/);
    }
    expect(record.findings.filter((f) => f.assessable).length).toBeGreaterThanOrEqual(15);

    const engine = createEngine({ storeDir: path.join(root, 'store'), modelDir: path.dirname(modelDir) });
    try {
      const imported = await engine.importStudy({ paths: [path.join(root, 'data')] });
      if (!imported.ok) throw new Error(imported.error.message);
      const arg = { studyInstanceUid: imported.value.studies[0].studyInstanceUid, provider: 'webgpu' };
      const r = await dispatchApiCall(engine, 'analyzeStudy', arg);
      expect(r.ok, JSON.stringify(r)).toBe(true);
      const stored = (r as { value: AnalysisRecord }).value;
      expect(stored.provider).toBe('cpu');
      expect(stored.providerNote).toBe(record.providerNote);
    } finally {
      await engine.close();
    }
  }, 120_000);
});
