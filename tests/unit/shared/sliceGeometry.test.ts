import { describe, expect, it } from 'vitest';
import {
  lpsToPixel,
  pixelToLps,
  planeOf,
  sliceNormal,
  type SliceGeometry,
} from '../../../main/shared/sliceGeometry';

const sagittal: SliceGeometry = {
  positionLps: [-20, -150, 120],
  rowDirection: [0, 1, 0], // columns run anterior -> posterior
  columnDirection: [0, 0, -1], // rows run head -> feet
  pixelSpacingMm: [0.5, 0.8], // [between rows, between columns]
};

describe('sliceGeometry', () => {
  it('maps pixels to LPS with PixelSpacing [row, column] in the right order', () => {
    const p = pixelToLps(sagittal, 10, 20);
    expect(p[0]).toBeCloseTo(-20);
    expect(p[1]).toBeCloseTo(-150 + 10 * 0.8);
    expect(p[2]).toBeCloseTo(120 - 20 * 0.5);
  });
  it('round-trips pixel -> LPS -> pixel and measures distance along the normal', () => {
    const p = pixelToLps(sagittal, 33.5, 71.25);
    const back = lpsToPixel(sagittal, [p[0] + 3, p[1], p[2]]);
    expect(back.col).toBeCloseTo(33.5);
    expect(back.row).toBeCloseTo(71.25);
    expect(back.distanceMm).toBeCloseTo(-3); // n = u x v = [-1, 0, 0]: towards patient right
    expect(sliceNormal(sagittal)).toEqual([-1, 0, 0]);
  });
  it('names planes from the normal', () => {
    expect(planeOf(sagittal)).toBe('sagittal');
    expect(planeOf({ ...sagittal, rowDirection: [1, 0, 0], columnDirection: [0, 1, 0] })).toBe('axial');
    expect(planeOf({ ...sagittal, rowDirection: [1, 0, 0], columnDirection: [0, 0, -1] })).toBe('coronal');
  });
});
