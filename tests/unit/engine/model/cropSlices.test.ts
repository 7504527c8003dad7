// Crops for a package with fewer slices per crop (`quantize --slices 3`, models/training/README.md): the app's
// 3-slice crops must be exactly the middle 3 slices of its 5-slice crops, in the same order, for every view.
import { describe, expect, it } from 'vitest';
import { axialCrops, foramenCrops, sagittalCrop, type CropSpec } from '../../../../main/engine/model/crops';
import type { Vec3 } from '../../../../main/shared/vec3';
import { linearField, makeVolume, SAG_U, SAG_V, tiltedAxialVolume } from './syntheticVolume';

const five: CropSpec = { slices: 5, px: 16, cropMm: 12, recessOffsetMm: 12 };
const three: CropSpec = { ...five, slices: 3 };
const plane = five.px * five.px;
const field = linearField([3, 2, 1]);
const sag = makeVolume({
  dims: [96, 96, 15],
  pixelMm: [0.8, 0.8],
  sliceSpacingMm: 4,
  u: SAG_U,
  v: SAG_V,
  centreLps: [0, 0, 0],
  role: 'Sagittal T2/STIR',
  field,
});

/** Crops [K, S, P, P] -> the middle 3 slices of each of the K crops. */
function middleThree(data: Float32Array, crops: number): Float32Array {
  const out = new Float32Array(crops * 3 * plane);
  for (let c = 0; c < crops; c++)
    out.set(data.subarray((c * 5 + 1) * plane, (c * 5 + 4) * plane), c * 3 * plane);
  return out;
}

describe('3-slice crops are the middle of the 5-slice crops', () => {
  it('sagittal T2 and both foramen crops (lateral-first order kept)', () => {
    const p: Vec3 = [2, 3, -4];
    const a = sagittalCrop(sag, p, five).data;
    expect(sagittalCrop(sag, p, three).data).toEqual(middleThree(a, 1));
    const right: Vec3 = [-14, 1, 0];
    const left: Vec3 = [14, 1, 0];
    const f5 = foramenCrops(sag, right, left, five).data;
    const f3 = foramenCrops(sag, right, left, three).data;
    expect(f3).toEqual(middleThree(f5, 2));
    expect(f3.some((x) => x > 0)).toBe(true);
  });

  it('the three axial crops', () => {
    const ax = tiltedAxialVolume(field);
    const lp: Vec3 = [0.5, 8, -29];
    const a5 = axialCrops(ax, lp, 10, five).data;
    const a3 = axialCrops(ax, lp, 10, three).data;
    expect(a3).toEqual(middleThree(a5, 3));
    expect(new Set(a3).size).toBeGreaterThan(10);
  });
});
