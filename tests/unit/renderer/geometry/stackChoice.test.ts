/** The 3D cursor's stack choice on per-disc phantom axials: the block holding the point, else the stack shown. */
import { describe, expect, it } from 'vitest';
import type { StackDetail, StackGeometry } from '../../../../main/shared/apiWorkspace';
import { LEVELS } from '../../../../main/shared/targets';
import { dot, sub } from '../../../../main/shared/vec3';
import { stackForPoint } from '../../../../renderer/src/viewer/geometry/stackChoice';
import {
  meanSliceSpacingMm,
  nearestSliceTo,
  stackNormalLps,
} from '../../../../renderer/src/viewer/geometry/stackFrame';
import { phantomStacks } from './phantomStacks';

const detail = (
  g: StackGeometry,
  uid: string,
  stackIndex: number,
  role: StackDetail['role'],
): StackDetail => ({
  seriesInstanceUid: uid,
  stackIndex,
  role,
  geometry: g,
  sopInstanceUids: [],
  instanceNumbers: [],
});

describe('stack choice for a patient point', () => {
  it('switches a per-disc axial pane to the block of the clicked disc, within one slice spacing of it', () => {
    const study = phantomStacks('nav-choice', 1, 'per-disc');
    expect(study.axial.length).toBeGreaterThan(1);
    const axials = study.axial.map((g, i) => detail(g, 'ax', i, 'Axial T2'));
    const sag = detail(study.sagT2, 'sag', 0, 'Sagittal T2/STIR');
    let switched = 0;
    for (const level of LEVELS) {
      const disc = study.anatomy.levels[level].discCenterLps;
      const holders = axials.filter((a) => !nearestSliceTo(a.geometry, disc).outside);
      if (holders.length === 0) continue;
      for (const shown of axials) {
        const c = stackForPoint(shown, [...axials, sag], disc);
        const chosen = axials[c.stackIndex];
        expect(holders).toContain(chosen);
        if (chosen !== shown) switched++;
        const off = dot(
          sub(disc, chosen.geometry.slicePositionsLps[c.sliceIndex]),
          stackNormalLps(chosen.geometry),
        );
        expect(Math.abs(off)).toBeLessThanOrEqual(meanSliceSpacingMm(chosen.geometry) / 2 + 1e-6);
        expect(c.distanceMm).toBeCloseTo(off, 9);
      }
    }
    expect(switched).toBeGreaterThan(0);
  });

  it('keeps the shown stack when no parallel stack of its role holds the point', () => {
    const study = phantomStacks('nav-choice', 2, 'contiguous');
    const ax = detail(study.axial[0], 'ax', 0, 'Axial T2');
    const sag = detail(study.sagT2, 'sag', 0, 'Sagittal T2/STIR');
    const far = sub(study.axial[0].slicePositionsLps[0], [0, 0, 200]);
    const c = stackForPoint(ax, [ax, sag], far);
    expect(c.seriesInstanceUid).toBe('ax');
    expect(c.sliceIndex).toBe(nearestSliceTo(study.axial[0], far).sliceIndex);
    // A sagittal is never chosen for an axial pane, even when it holds the point.
    const mid = study.sagT2.slicePositionsLps[Math.floor(study.sagT2.dims[2] / 2)];
    expect(stackForPoint(ax, [sag], sub(mid, [0, 0, 300])).seriesInstanceUid).toBe('ax');
  });
});
