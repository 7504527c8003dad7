/**
 * Cornerstone image loader for `spinegrade:` ids: one slice of a stack the engine decoded, handed out as a
 * view of the stack's pixel buffer (no copy, no DICOM parsing). Renderer code: only main/shared.
 */
import { utilities, type Types } from '@cornerstonejs/core';
import type { LoadedStack, RegisteredStack, StackRegistry } from './stackRegistry';

const DATA_TYPE: Record<LoadedStack['pixels']['dtype'], Types.PixelDataTypedArrayString> = {
  int16: 'Int16Array',
  uint16: 'Uint16Array',
  float32: 'Float32Array',
};

/** The IImage of slice k, its pixels a subarray of the stack's typed array. */
export function sliceImage(imageId: string, entry: RegisteredStack, loaded: LoadedStack, k: number): Types.IImage {
  const [columns, rows] = entry.stack.geometry.dims;
  const [colSpacingMm, rowSpacingMm] = entry.stack.geometry.spacingMm;
  const scalarData = loaded.values.subarray(k * loaded.sliceSize, (k + 1) * loaded.sliceSize);
  const voxelManager = utilities.VoxelManager.createImageVoxelManager({
    width: columns,
    height: rows,
    scalarData,
    numberOfComponents: 1,
    id: imageId,
  });
  const { autoWindow, minValue, maxValue } = loaded.pixels;
  return {
    imageId,
    minPixelValue: minValue,
    maxPixelValue: maxValue,
    slope: 1,
    intercept: 0,
    windowCenter: autoWindow.center,
    windowWidth: autoWindow.width,
    voiLUTFunction: 'LINEAR' as Types.IImage['voiLUTFunction'],
    getPixelData: () => scalarData,
    getCanvas: () => {
      throw new Error('spinegrade images are greyscale; there is no colour canvas');
    },
    rows,
    columns,
    height: rows,
    width: columns,
    color: false,
    rgba: false,
    numberOfComponents: 1,
    columnPixelSpacing: colSpacingMm,
    rowPixelSpacing: rowSpacingMm,
    ...(entry.stack.sliceThicknessMm !== undefined ? { sliceThickness: entry.stack.sliceThicknessMm } : {}),
    invert: false,
    photometricInterpretation: 'MONOCHROME2',
    sizeInBytes: scalarData.byteLength,
    FrameOfReferenceUID: entry.frameOfReferenceUid,
    dataType: DATA_TYPE[loaded.pixels.dtype],
    voxelManager,
  };
}

/** The loader function registered for the scheme (Cornerstone calls it per image id). */
export function createImageLoader(registry: StackRegistry): Types.ImageLoaderFn {
  return (imageId: string) => {
    const ref = registry.resolve(imageId);
    const promise = ref
      ? registry.pixels(ref.entry).then((loaded) => sliceImage(imageId, ref.entry, loaded, ref.k))
      : Promise.reject(new Error(`Unknown image ${imageId}: its study is no longer open.`));
    return { promise };
  };
}
