// The rendering path: CPU without WebGL or on a software rasteriser (auto), WebGL on a real GPU, the stored
// setting overriding auto (never forcing WebGL where there is none).
import { describe, expect, it } from 'vitest';
import {
  chooseRenderPath,
  loadRenderPathSetting,
  RENDER_PATH_KEY,
  saveRenderPathSetting,
} from '../../../../renderer/src/viewer/renderPath';

const swiftshader = {
  webgl: true,
  softwareRasterizer: true,
  renderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device))',
};
const nvidia = { webgl: true, softwareRasterizer: false, renderer: 'ANGLE (NVIDIA, NVIDIA RTX A4000)' };
const none = { webgl: false, softwareRasterizer: false, renderer: '' };

describe('chooseRenderPath', () => {
  it('auto: cpu on a software rasteriser, gpu on hardware, cpu without WebGL', () => {
    expect(chooseRenderPath('auto', swiftshader)).toBe('cpu');
    expect(chooseRenderPath('auto', nvidia)).toBe('gpu');
    expect(chooseRenderPath('auto', none)).toBe('cpu');
  });
  it('the setting overrides auto, but gpu without WebGL stays cpu', () => {
    expect(chooseRenderPath('gpu', swiftshader)).toBe('gpu');
    expect(chooseRenderPath('cpu', nvidia)).toBe('cpu');
    expect(chooseRenderPath('gpu', none)).toBe('cpu');
  });
});

describe('render path setting', () => {
  it('reads gpu/cpu, anything else is auto; auto removes the key', () => {
    const m = new Map<string, string>();
    const storage = {
      getItem: (k: string) => m.get(k) ?? null,
      setItem: (k: string, v: string) => void m.set(k, v),
      removeItem: (k: string) => void m.delete(k),
    };
    expect(loadRenderPathSetting(storage)).toBe('auto');
    saveRenderPathSetting('gpu', storage);
    expect(m.get(RENDER_PATH_KEY)).toBe('gpu');
    expect(loadRenderPathSetting(storage)).toBe('gpu');
    m.set(RENDER_PATH_KEY, 'webgpu');
    expect(loadRenderPathSetting(storage)).toBe('auto');
    saveRenderPathSetting('auto', storage);
    expect(m.has(RENDER_PATH_KEY)).toBe(false);
    expect(loadRenderPathSetting(null)).toBe('auto');
  });
});
