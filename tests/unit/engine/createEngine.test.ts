// createEngine: the engine entry reports real facts of this installation (version, ONNX providers).
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../main/engine/createEngine';
import { findAppRoot, probeOnnxRuntime, readAppVersion } from '../../../main/engine/engineInfo';
import { PHANTOM_MODEL_BANNER } from '../../../main/shared/intendedUse';
import { readFileSync } from 'node:fs';
import path from 'node:path';

describe('createEngine().getAppInfo', () => {
  it('reports the package version, the banner and the onnxruntime-node providers', async () => {
    const engine = createEngine();
    const r = await engine.getAppInfo();
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const pkg = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as {
      version: string;
    };
    expect(r.value.appVersion).toBe(pkg.version);
    expect(r.value.intendedUse).toBe(PHANTOM_MODEL_BANNER);
    expect(r.value.platform).toBe(process.platform);
    expect(r.value.onnxRuntime.available).toBe(true);
    expect(r.value.onnxRuntime.providers).toContainEqual({ name: 'cpu', bundled: true });
    await engine.close();
  });

  it('reports a runtime that cannot load as data, not a crash', async () => {
    const info = await probeOnnxRuntime(() =>
      Promise.reject(new Error('libonnxruntime.so.1: cannot open shared object')),
    );
    expect(info).toEqual({
      available: false,
      providers: [],
      error: 'onnxruntime-node could not be loaded: libonnxruntime.so.1: cannot open shared object',
    });
  });

  it('finds the app root from nested folders and nowhere else', () => {
    const root = path.resolve(__dirname, '../../..');
    expect(findAppRoot(path.join(root, 'main', 'engine'))).toBe(root);
    expect(findAppRoot('/')).toBeNull();
    expect(readAppVersion('/')).toBe('unknown');
  });
});
