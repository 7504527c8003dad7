/**
 * The bench's bare Cornerstone3D page: one StackViewport, StackScrollTool on the wheel, an image loader over
 * one stack's pixels (GET stack.json + stack.bin from the bench's server). No React, no app code.
 */
import {
  getRenderingCapabilities,
  imageLoader,
  init as initCore,
  metaData,
  RenderingEngine,
  Enums,
  utilities,
  type Types,
} from '@cornerstonejs/core';
import { addTool, init as initTools, StackScrollTool, ToolGroupManager, Enums as ToolEnums } from '@cornerstonejs/tools';

type Vec3 = [number, number, number];
type Dtype = 'int16' | 'uint16' | 'float32';
/** What the bench serves as stack.json (the app's stack geometry and window, reduced). */
interface StackMeta {
  dims: [number, number, number];
  dtype: Dtype;
  spacingMm: Vec3;
  direction: [Vec3, Vec3, Vec3];
  slicePositionsLps: Vec3[];
  autoWindow: { center: number; width: number };
  minValue: number;
  maxValue: number;
  sliceThicknessMm: number;
}
/** What the harness reads from the page (window.__bare). */
interface BareHandle {
  renderPath: 'cpu' | 'gpu';
  webglRenderer: string;
  softwareRasterizer: boolean;
  sliceCount: number;
  current: () => number;
  setIndex: (k: number) => Promise<void>;
  viewport: Types.IStackViewport;
}
declare global {
  interface Window {
    __bare?: BareHandle;
    __bareError?: string;
  }
}

const ARRAYS = { int16: Int16Array, uint16: Uint16Array, float32: Float32Array } as const;
const DATA_TYPE = { int16: 'Int16Array', uint16: 'Uint16Array', float32: 'Float32Array' } as const;
const FOR_UID = '1.2.826.0.1.3680043.10.1337.1';

function image(imageId: string, meta: StackMeta, values: ArrayLike<number> & { subarray: (a: number, b: number) => Types.PixelDataTypedArray }, k: number): Types.IImage {
  const [columns, rows] = meta.dims;
  const size = columns * rows;
  const scalarData = values.subarray(k * size, (k + 1) * size);
  const voxelManager = utilities.VoxelManager.createImageVoxelManager({ width: columns, height: rows, scalarData, numberOfComponents: 1, id: imageId });
  return {
    imageId, minPixelValue: meta.minValue, maxPixelValue: meta.maxValue, slope: 1, intercept: 0,
    windowCenter: meta.autoWindow.center, windowWidth: meta.autoWindow.width,
    voiLUTFunction: 'LINEAR' as Types.IImage['voiLUTFunction'],
    getPixelData: () => scalarData,
    getCanvas: () => { throw new Error('greyscale only'); },
    rows, columns, height: rows, width: columns, color: false, rgba: false, numberOfComponents: 1,
    columnPixelSpacing: meta.spacingMm[0], rowPixelSpacing: meta.spacingMm[1], sliceThickness: meta.sliceThicknessMm,
    invert: false, photometricInterpretation: 'MONOCHROME2', sizeInBytes: scalarData.byteLength,
    FrameOfReferenceUID: FOR_UID, dataType: DATA_TYPE[meta.dtype], voxelManager,
  };
}

function provider(meta: StackMeta): (type: string, imageId: string) => unknown {
  const [columns, rows] = meta.dims;
  const [u, v] = meta.direction;
  const bits = meta.dtype === 'float32' ? 32 : 16;
  return (type, imageId) => {
    if (!imageId.startsWith('bare:')) return undefined;
    const k = Number(imageId.slice('bare:'.length));
    switch (type) {
      case 'imagePlaneModule':
        return {
          frameOfReferenceUID: FOR_UID, rows, columns, imageOrientationPatient: [...u, ...v], rowCosines: [...u], columnCosines: [...v],
          imagePositionPatient: [...meta.slicePositionsLps[k]], pixelSpacing: [meta.spacingMm[1], meta.spacingMm[0]],
          rowPixelSpacing: meta.spacingMm[1], columnPixelSpacing: meta.spacingMm[0], sliceThickness: meta.sliceThicknessMm, usingDefaultValues: false,
        };
      case 'imagePixelModule':
        return { samplesPerPixel: 1, photometricInterpretation: 'MONOCHROME2', rows, columns, bitsAllocated: bits, bitsStored: bits, highBit: bits - 1, pixelRepresentation: meta.dtype === 'int16' ? 1 : 0 };
      case 'voiLutModule':
        return { windowCenter: [meta.autoWindow.center], windowWidth: [meta.autoWindow.width], voiLUTFunction: 'LINEAR' };
      case 'modalityLutModule':
        return { rescaleSlope: 1, rescaleIntercept: 0, rescaleType: 'US', modality: 'MR' };
      case 'generalSeriesModule':
        return { modality: 'MR', seriesInstanceUID: '1.2.826.0.1.3680043.10.1337.2', studyInstanceUID: '1.2.826.0.1.3680043.10.1337.3' };
      case 'generalImageModule':
        return { instanceNumber: k + 1, sopInstanceUID: `1.2.826.0.1.3680043.10.1337.4.${k}` };
      case 'sopCommonModule':
        return { sopClassUID: '1.2.840.10008.5.1.4.1.1.4', sopInstanceUID: `1.2.826.0.1.3680043.10.1337.4.${k}` };
      default:
        return undefined;
    }
  };
}

async function start(): Promise<void> {
  const q = new URLSearchParams(location.search);
  const el = document.getElementById('viewport') as HTMLDivElement;
  el.style.width = `${Number(q.get('w') ?? 512)}px`;
  el.style.height = `${Number(q.get('h') ?? 512)}px`;
  const [meta, buf] = await Promise.all([
    fetch('./stack.json').then((r) => r.json() as Promise<StackMeta>),
    fetch('./stack.bin').then((r) => r.arrayBuffer()),
  ]);
  const values = new ARRAYS[meta.dtype](buf);
  const caps = getRenderingCapabilities();
  // 'auto' follows the app's rule (renderer/src/viewer/renderPath.ts): CPU without WebGL or on a software rasteriser.
  const asked = q.get('path');
  const renderPath = asked === 'gpu' || asked === 'cpu' ? asked : caps.webgl && !caps.softwareRasterizer ? 'gpu' : 'cpu';
  initCore({ rendering: { useCPURendering: renderPath === 'cpu' }, debug: {} });
  initTools();
  imageLoader.registerImageLoader('bare', (imageId: string) => ({
    promise: Promise.resolve(image(imageId, meta, values, Number(imageId.slice('bare:'.length)))),
  }));
  metaData.addProvider(provider(meta), 10_000);
  addTool(StackScrollTool);
  const engine = new RenderingEngine('bare-engine');
  engine.enableElement({ viewportId: 'bare', element: el, type: Enums.ViewportType.STACK, defaultOptions: { background: [0, 0, 0] as Types.Point3 } });
  const group = ToolGroupManager.createToolGroup('bare-tools');
  if (!group) throw new Error('no tool group');
  group.addTool(StackScrollTool.toolName, { debounceIfNotLoaded: false });
  group.setToolActive(StackScrollTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Wheel }] });
  group.addViewport('bare', 'bare-engine');
  const vp = engine.getViewport('bare') as Types.IStackViewport;
  const ids = Array.from({ length: meta.dims[2] }, (_, k) => `bare:${k}`);
  await vp.setStack(ids, Math.min(ids.length - 1, Math.max(0, Number(q.get('start') ?? 0))));
  vp.render();
  window.__bare = {
    renderPath,
    webglRenderer: caps.renderer,
    softwareRasterizer: caps.softwareRasterizer,
    sliceCount: ids.length,
    current: () => vp.getCurrentImageIdIndex(),
    setIndex: async (k) => {
      await vp.setImageIdIndex(k);
    },
    viewport: vp,
  };
}

start().catch((e: unknown) => {
  window.__bareError = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
});
