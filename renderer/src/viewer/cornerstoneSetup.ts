/**
 * Starts Cornerstone3D once per window: the rendering path for this machine (renderPath.ts), the tools,
 * the `spinegrade:` image loader and metadata provider over the open study's stacks.
 * Renderer code: only main/shared; never the DICOM image loader, web workers or codec wasm.
 */
import { getRenderingCapabilities, imageLoader, init as initCore, metaData } from '@cornerstonejs/core';
import { init as initTools } from '@cornerstonejs/tools';
import { pinCpuPixelRatio } from './cpuPixelRatio';
import { createImageLoader } from './imageLoader';
import { createMetadataProvider } from './metadataProvider';
import {
  chooseRenderPath,
  loadRenderPathSetting,
  type RenderPath,
  type RenderPathSetting,
} from './renderPath';
import { IMAGE_SCHEME, StackRegistry, type FetchStackPixels } from './stackRegistry';
import { registerViewerTools } from './toolGroup';

export interface CornerstoneRuntime {
  registry: StackRegistry;
  renderPath: RenderPath;
  /** The setting it was chosen from. */
  renderPathSetting: RenderPathSetting;
  /** UNMASKED_RENDERER_WEBGL ('' without WebGL). */
  webglRenderer: string;
  softwareRasterizer: boolean;
}

/** Priority of our metadata provider (above Cornerstone's generic one). */
const PROVIDER_PRIORITY = 10_000;

let runtime: CornerstoneRuntime | null = null;

/** Cornerstone, started on first call (later calls return the same runtime). */
export function ensureCornerstone(fetchPixels: FetchStackPixels): CornerstoneRuntime {
  if (runtime) return runtime;
  const caps = getRenderingCapabilities();
  const setting = loadRenderPathSetting();
  const renderPath = chooseRenderPath(setting, {
    webgl: caps.webgl,
    softwareRasterizer: caps.softwareRasterizer,
    renderer: caps.renderer,
  });
  // Cornerstone's CPU path is consistent only at ratio 1 (cpuPixelRatio.ts): its images stay at CSS size.
  if (renderPath === 'cpu') pinCpuPixelRatio(window);
  initCore({ rendering: { useCPURendering: renderPath === 'cpu' }, debug: {} });
  initTools();
  const registry = new StackRegistry(fetchPixels);
  imageLoader.registerImageLoader(IMAGE_SCHEME, createImageLoader(registry));
  metaData.addProvider(createMetadataProvider(registry), PROVIDER_PRIORITY);
  registerViewerTools();
  runtime = {
    registry,
    renderPath,
    renderPathSetting: setting,
    webglRenderer: caps.renderer,
    softwareRasterizer: caps.softwareRasterizer,
  };
  return runtime;
}

/** The runtime when Cornerstone has been started, else null. */
export function cornerstoneRuntime(): CornerstoneRuntime | null {
  return runtime;
}
