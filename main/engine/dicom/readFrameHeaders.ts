/**
 * Per-frame geometry, rescale and MR timing: from the top-level header of a classic image, or from the
 * shared and per-frame functional groups of an enhanced multi-frame image (PS3.3 C.7.6.16).
 * Plain TypeScript; never imports electron.
 */
import type { DataSet } from 'dicom-parser';
import type { SliceGeometry } from '../../shared/sliceGeometry';
import { dot, norm, type Vec3 } from '../../shared/vec3';
import { fd, item, itemCount, num, nums } from './dataSetValues';
import type { FrameHeader, MrTiming } from './headerTypes';
import { TAG } from './tags';

/** Where a functional group of a frame is found: its item, or the top-level dataset of a classic image. */
type Lookup = (groupTag: string) => DataSet | undefined;

/**
 * Geometry from (0020,0032), (0020,0037) and (0028,0030); null when any is missing, the row and column
 * directions are not unit-length and perpendicular within 1e-3, or a spacing is not positive.
 */
export function sliceGeometryFrom(
  ippDs: DataSet | undefined,
  iopDs: DataSet | undefined,
  spacingDs: DataSet | undefined,
): SliceGeometry | null {
  const ipp = ippDs && nums(ippDs, TAG.ImagePositionPatient);
  const iop = iopDs && nums(iopDs, TAG.ImageOrientationPatient);
  const ps = spacingDs && nums(spacingDs, TAG.PixelSpacing);
  if (!ipp || ipp.length < 3 || !iop || iop.length < 6 || !ps || ps.length < 2) return null;
  const u: Vec3 = [iop[0], iop[1], iop[2]];
  const v: Vec3 = [iop[3], iop[4], iop[5]];
  const nu = norm(u);
  const nv = norm(v);
  if (Math.abs(nu - 1) > 1e-2 || Math.abs(nv - 1) > 1e-2 || Math.abs(dot(u, v)) > 1e-2) return null;
  if (!(ps[0] > 0 && ps[1] > 0)) return null;
  return {
    positionLps: [ipp[0], ipp[1], ipp[2]],
    rowDirection: [u[0] / nu, u[1] / nu, u[2] / nu],
    columnDirection: [v[0] / nv, v[1] / nv, v[2] / nv],
    pixelSpacingMm: [ps[0], ps[1]],
  };
}

function frameFrom(frameIndex: number, top: DataSet, at: Lookup): FrameHeader {
  const measures = at(TAG.PixelMeasuresSequence);
  const transform = at(TAG.PixelValueTransformationSequence);
  const timing: MrTiming = {};
  const tr = num(at(TAG.MRTimingAndRelatedParametersSequence) ?? top, TAG.RepetitionTime);
  const echo = at(TAG.MREchoSequence);
  const te = echo && echo !== top ? fd(echo, TAG.EffectiveEchoTime) : num(top, TAG.EchoTime);
  const modifier = at(TAG.MRModifierSequence);
  const ti = modifier && modifier !== top ? fd(modifier, TAG.InversionTimes) : num(top, TAG.InversionTime);
  if (tr !== undefined) timing.repetitionTimeMs = tr;
  if (te !== undefined) timing.echoTimeMs = te;
  if (ti !== undefined) timing.inversionTimeMs = ti;
  const frame: FrameHeader = {
    frameIndex,
    geometry: sliceGeometryFrom(at(TAG.PlanePositionSequence), at(TAG.PlaneOrientationSequence), measures),
    rescaleSlope: (transform && num(transform, TAG.RescaleSlope)) ?? 1,
    rescaleIntercept: (transform && num(transform, TAG.RescaleIntercept)) ?? 0,
    timing,
  };
  const thickness = measures && num(measures, TAG.SliceThickness);
  const between = measures && num(measures, TAG.SpacingBetweenSlices);
  if (thickness !== undefined) frame.sliceThicknessMm = thickness;
  if (between !== undefined) frame.spacingBetweenSlicesMm = between;
  return frame;
}

/**
 * One FrameHeader per frame. Enhanced images look each functional group up in the frame's item of
 * (5200,9230) Per-frame Functional Groups first, then in (5200,9229) Shared Functional Groups.
 * Classic images take every attribute from the top level; frames after the first of a classic
 * multi-frame image get no geometry (the header does not say where they are).
 */
export function readFrameHeaders(ds: DataSet, numberOfFrames: number): FrameHeader[] {
  const perFrameCount = itemCount(ds, TAG.PerFrameFunctionalGroupsSequence);
  const shared = item(ds, TAG.SharedFunctionalGroupsSequence);
  const frames: FrameHeader[] = [];
  for (let f = 0; f < numberOfFrames; f++) {
    if (perFrameCount > 0 || shared) {
      const perFrame = item(ds, TAG.PerFrameFunctionalGroupsSequence, f);
      const at: Lookup = (group) =>
        item(perFrame, group) ?? item(shared, group) ?? fallbackTopLevel(ds, group);
      frames.push(frameFrom(f, ds, at));
    } else {
      const frame = frameFrom(f, ds, () => ds);
      if (f > 0) frame.geometry = null;
      frames.push(frame);
    }
  }
  return frames;
}

/** Some writers keep pixel spacing or rescale at the top level even in enhanced images. */
function fallbackTopLevel(ds: DataSet, group: string): DataSet | undefined {
  if (group === TAG.PixelMeasuresSequence && ds.elements[TAG.PixelSpacing]) return ds;
  if (group === TAG.PixelValueTransformationSequence && ds.elements[TAG.RescaleSlope]) return ds;
  return undefined;
}
