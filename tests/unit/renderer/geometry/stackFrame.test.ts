/** Stack frames: ijk <-> LPS round trips (uneven spacing too), nearest slice and "outside", on phantom stacks. */
import { describe, expect, it } from 'vitest';
import type { StackGeometry } from '../../../../main/shared/apiWorkspace';
import { distance, dot, sub } from '../../../../main/shared/vec3';
import {
  ijkToLps,
  lpsToIjk,
  meanSliceSpacingMm,
  nearestSliceTo,
  slicePositionMm,
  stackNormalLps,
} from '../../../../renderer/src/viewer/geometry/stackFrame';
import { phantomStacks } from './phantomStacks';

const study = phantomStacks('nav-geometry', 3, 'contiguous');

/** An axial stack with a gap: slices at z = 0, 4, 8, 20 (mm), 1 mm pixels, 64 x 48. */
const gapped: StackGeometry = {
  dims: [64, 48, 4],
  spacingMm: [1, 1, 20 / 3],
  originLps: [-32, -24, 0],
  direction: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  slicePositionsLps: [
    [-32, -24, 0],
    [-32, -24, 4],
    [-32, -24, 8],
    [-32, -24, 20],
  ],
};

describe('stack frames', () => {
  it('maps ijk to LPS and back on every phantom stack', () => {
    for (const g of [study.sagT1, study.sagT2, ...study.axial]) {
      for (const ijk of [
        [0, 0, 0],
        [g.dims[0] - 1, g.dims[1] - 1, g.dims[2] - 1],
        [17.25, 40.5, Math.floor(g.dims[2] / 2)],
      ] as const) {
        const back = lpsToIjk(g, ijkToLps(g, [ijk[0], ijk[1], ijk[2]]));
        // IOP is written rounded (6 decimals), so u and v are unit/orthogonal to ~1e-6: 1e-3 px.
        back.forEach((x, axis) => expect(Math.abs(x - ijk[axis])).toBeLessThan(1e-3));
      }
    }
  });

  it('puts slice k at IPP_k and positions slices along the normal', () => {
    const g = study.sagT2;
    const k = 5;
    expect(distance(ijkToLps(g, [0, 0, k]), g.slicePositionsLps[k])).toBeLessThan(1e-9);
    const step = slicePositionMm(g, k + 1) - slicePositionMm(g, k);
    expect(step).toBeCloseTo(meanSliceSpacingMm(g), 3);
    expect(step).toBeGreaterThan(0);
  });

  it('interpolates k across a gap and finds the nearest slice with its distance', () => {
    expect(lpsToIjk(gapped, [0, 0, 14])[2]).toBeCloseTo(2.5, 9);
    expect(ijkToLps(gapped, [32, 24, 2.5])).toEqual([0, 0, 14]);
    expect(nearestSliceTo(gapped, [0, 0, 15])).toEqual({ sliceIndex: 3, distanceMm: -5, outside: false });
    expect(nearestSliceTo(gapped, [0, 0, 5])).toMatchObject({ sliceIndex: 1, distanceMm: 1, outside: false });
  });

  it('says "outside" beyond half a spacing past either end, not inside', () => {
    const g = study.axial[0];
    const half = meanSliceSpacingMm(g) / 2;
    const n = stackNormalLps(g);
    const first = g.slicePositionsLps[0];
    const last = g.slicePositionsLps[g.dims[2] - 1];
    const before = sub(first, [n[0] * (half + 0.5), n[1] * (half + 0.5), n[2] * (half + 0.5)]);
    const justBefore = sub(first, [n[0] * (half - 0.5), n[1] * (half - 0.5), n[2] * (half - 0.5)]);
    expect(nearestSliceTo(g, before)).toMatchObject({ sliceIndex: 0, outside: true });
    expect(nearestSliceTo(g, justBefore)).toMatchObject({ sliceIndex: 0, outside: false });
    const after = nearestSliceTo(g, [last[0] + n[0] * 50, last[1] + n[1] * 50, last[2] + n[2] * 50]);
    expect(after).toMatchObject({ sliceIndex: g.dims[2] - 1, outside: true });
    expect(after.distanceMm).toBeCloseTo(50, 6);
    expect(dot(n, n)).toBeCloseTo(1, 9);
  });
});
