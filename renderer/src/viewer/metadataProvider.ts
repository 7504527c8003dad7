/**
 * Cornerstone metadata provider for `spinegrade:` ids, answered from the engine's stack geometry:
 * (0020,0032) per slice, (0020,0037), (0028,0030), one frame of reference per study, VOI from the stack's
 * automatic window. Renderer code: only main/shared.
 */
import type { StackRegistry } from './stackRegistry';

/** MR Image Storage (the engine's stacks are MR series). */
const MR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.4';

/** Provider function for metaData.addProvider: the module of an image id, or undefined when not ours. */
export function createMetadataProvider(registry: StackRegistry): (type: string, imageId: string) => unknown {
  return (type, imageId) => {
    const ref = registry.resolve(imageId);
    if (!ref) return undefined;
    const { entry, k } = ref;
    const g = entry.stack.geometry;
    const [columns, rows] = g.dims;
    const [colSpacingMm, rowSpacingMm] = g.spacingMm;
    const [u, v] = g.direction;
    switch (type) {
      case 'imagePlaneModule':
        return {
          frameOfReferenceUID: entry.frameOfReferenceUid,
          rows,
          columns,
          imageOrientationPatient: [...u, ...v],
          rowCosines: [...u],
          columnCosines: [...v],
          imagePositionPatient: [...g.slicePositionsLps[k]],
          pixelSpacing: [rowSpacingMm, colSpacingMm],
          rowPixelSpacing: rowSpacingMm,
          columnPixelSpacing: colSpacingMm,
          sliceThickness: entry.stack.sliceThicknessMm ?? g.spacingMm[2],
          usingDefaultValues: false,
        };
      case 'imagePixelModule': {
        const dtype = registry.loadedPixels(entry)?.pixels.dtype ?? 'int16';
        const bits = dtype === 'float32' ? 32 : 16;
        return {
          samplesPerPixel: 1,
          photometricInterpretation: 'MONOCHROME2',
          rows,
          columns,
          bitsAllocated: bits,
          bitsStored: bits,
          highBit: bits - 1,
          pixelRepresentation: dtype === 'int16' ? 1 : 0,
        };
      }
      case 'voiLutModule': {
        const w = registry.loadedPixels(entry)?.pixels.autoWindow;
        return w ? { windowCenter: [w.center], windowWidth: [w.width], voiLUTFunction: 'LINEAR' } : undefined;
      }
      case 'modalityLutModule':
        return { rescaleSlope: 1, rescaleIntercept: 0, rescaleType: 'US', modality: 'MR' };
      case 'generalSeriesModule':
        return {
          modality: 'MR',
          seriesInstanceUID: entry.series.seriesInstanceUid,
          seriesDescription: entry.series.seriesDescription,
          seriesNumber: entry.series.seriesNumber,
          studyInstanceUID: entry.studyInstanceUid,
        };
      case 'generalImageModule':
        return { instanceNumber: entry.stack.instanceNumbers[k], sopInstanceUID: entry.stack.sopInstanceUids[k] };
      case 'sopCommonModule':
        return { sopClassUID: MR_IMAGE_STORAGE, sopInstanceUID: entry.stack.sopInstanceUids[k] };
      case 'patientModule':
        return { patientName: registry.study()?.study.patientName ?? '', patientId: registry.study()?.study.patientId ?? '' };
      default:
        return undefined;
    }
  };
}
