/**
 * Which Cornerstone rendering path this window uses: WebGL on a real GPU, the CPU path where WebGL is
 * missing or a software rasteriser (SwiftShader, llvmpipe), overridable by a stored setting.
 * Renderer code: imports only main/shared, never node or the engine.
 */

export type RenderPath = 'gpu' | 'cpu';
export type RenderPathSetting = 'auto' | RenderPath;

/** localStorage key of the setting (values: auto | gpu | cpu). */
export const RENDER_PATH_KEY = 'spinegrade.renderPath';

/** The part of Web Storage the setting uses (localStorage in the window). */
export interface SettingStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What the machine's WebGL looks like (Cornerstone's getRenderingCapabilities, reduced). */
export interface WebglFacts {
  webgl: boolean;
  softwareRasterizer: boolean;
  /** UNMASKED_RENDERER_WEBGL, '' without WebGL. */
  renderer: string;
}

/** The stored setting; 'auto' when unset or unreadable. */
export function loadRenderPathSetting(storage: Pick<SettingStore, 'getItem'> | null = safeStorage()): RenderPathSetting {
  const v = storage?.getItem(RENDER_PATH_KEY) ?? null;
  return v === 'gpu' || v === 'cpu' ? v : 'auto';
}

/** Store the setting (applies at the next start of the window: Cornerstone picks its path once). */
export function saveRenderPathSetting(setting: RenderPathSetting, storage: SettingStore | null = safeStorage()): void {
  if (!storage) return;
  if (setting === 'auto') storage.removeItem(RENDER_PATH_KEY);
  else storage.setItem(RENDER_PATH_KEY, setting);
}

/**
 * The path for these facts: no WebGL -> cpu whatever the setting; 'auto' -> cpu on a software
 * rasteriser (measured faster there: CPU p95 ~19 ms vs 27-58 ms WebGL on SwiftShader), gpu otherwise.
 */
export function chooseRenderPath(setting: RenderPathSetting, facts: WebglFacts): RenderPath {
  if (!facts.webgl) return 'cpu';
  if (setting !== 'auto') return setting;
  return facts.softwareRasterizer ? 'cpu' : 'gpu';
}

function safeStorage(): SettingStore | null {
  try {
    return (globalThis as { localStorage?: SettingStore }).localStorage ?? null;
  } catch {
    return null;
  }
}
