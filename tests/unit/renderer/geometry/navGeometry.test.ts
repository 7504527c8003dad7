/**
 * Reference lines, axial level labels and linked sagittal scrolling against phantom ground truth
 * (disc centres in LPS mm) and a hand-made geometry with a known answer.
 */
import { describe, expect, it } from 'vitest';
import type { StackGeometry } from '../../../../main/shared/apiWorkspace';
import { LEVELS } from '../../../../main/shared/targets';
import { add, dot, scale, sub } from '../../../../main/shared/vec3';
import { DISC_HALF_HEIGHT_MM, sliceLevelOf } from '../../../../renderer/src/viewer/geometry/levelLabel';
import { canLink, linkedSliceOf } from '../../../../renderer/src/viewer/geometry/linkedScroll';
import { referenceLineOn } from '../../../../renderer/src/viewer/geometry/referenceLine';
import {
  ijkToLps,
  lpsToIjk,
  meanSliceSpacingMm,
  nearestSliceTo,
  slicePositionMm,
  stackNormalLps,
} from '../../../../renderer/src/viewer/geometry/stackFrame';
import { levelPointsOn, phantomStacks } from './phantomStacks';

const axialSquare: StackGeometry = {
  dims: [100, 80, 1],
  spacingMm: [1, 1, 4],
  originLps: [-50, -40, 0],
  direction: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  slicePositionsLps: [[-50, -40, 0]],
};
const sagittalAt = (xMm: number): StackGeometry => ({
  dims: [60, 60, 1],
  spacingMm: [2, 2, 4],
  originLps: [xMm, -60, 60],
  direction: [
    [0, 1, 0],
    [0, 0, -1],
    [1, 0, 0],
  ],
  slicePositionsLps: [[xMm, -60, 60]],
});

describe('reference lines', () => {
  it('draws a sagittal plane at x = 10 mm as column 60 across the whole axial image', () => {
    const line = referenceLineOn(sagittalAt(10), 0, axialSquare, 0);
    expect(line).not.toBeNull();
    const ends = [line!.startPx, line!.endPx].map(([c, r]) => [c, r]).sort((a, b) => a[1] - b[1]);
    expect(ends[0][0]).toBeCloseTo(60, 9);
    expect(ends[1][0]).toBeCloseTo(60, 9);
    expect(ends[0][1]).toBeCloseTo(-0.5, 9);
    expect(ends[1][1]).toBeCloseTo(79.5, 9);
    expect(line!.startLps[0]).toBeCloseTo(10, 9);
  });

  it('has no line between parallel planes or for a plane beside the image', () => {
    expect(referenceLineOn(sagittalAt(10), 0, sagittalAt(20), 0)).toBeNull();
    expect(referenceLineOn(sagittalAt(80), 0, axialSquare, 0)).toBeNull();
  });

  it('draws the axial slice through L4/L5 on the sagittal T2 through the disc point, end points on the border', () => {
    for (const index of [0, 1, 2, 3]) {
      const study = phantomStacks('nav-reference', index);
      const disc = study.anatomy.levels.l4_l5.discCenterLps;
      const axial = study.axial.find((g) => !nearestSliceTo(g, disc).outside)!;
      const kAx = nearestSliceTo(axial, disc).sliceIndex;
      const t2 = study.sagT2;
      const kSag = nearestSliceTo(t2, disc).sliceIndex;
      const line = referenceLineOn(axial, kAx, t2, kSag)!;
      expect(line).not.toBeNull();
      const nAx = stackNormalLps(axial);
      for (const p of [line.startLps, line.endLps]) {
        expect(Math.abs(dot(sub(p, axial.slicePositionsLps[kAx]), nAx))).toBeLessThan(1e-6);
      }
      for (const [c, r] of [line.startPx, line.endPx]) {
        const onBorder = [c + 0.5, r + 0.5, t2.dims[0] - 0.5 - c, t2.dims[1] - 0.5 - r].some(
          (x) => Math.abs(x) < 1e-6,
        );
        expect(onBorder).toBe(true);
      }
      // The disc projected on the sagittal lies within one axial spacing of the line (row at the disc's column).
      const [dc, dr] = lpsToIjk(t2, disc);
      const [[c0, r0], [c1, r1]] = [line.startPx, line.endPx];
      const rowAtDisc = r0 + ((r1 - r0) * (dc - c0)) / (c1 - c0);
      expect(Math.abs(rowAtDisc - dr) * t2.spacingMm[1]).toBeLessThan(meanSliceSpacingMm(axial) + 1e-6);
    }
  });
});

describe('3D cursor and axial level labels', () => {
  it('maps the L4/L5 disc point on the sagittal T2 to an axial slice within one slice spacing, labelled "L4/L5 disc"', () => {
    for (const index of [0, 1, 2, 3, 4, 5]) {
      const study = phantomStacks('nav-cursor', index);
      const points = levelPointsOn(study.anatomy, study.sagT2, 'sag-t2');
      const p = points.find((q) => q.level === 'l4_l5')!;
      const clicked = ijkToLps(study.sagT2, [p.col, p.row, p.sliceIndex]);
      const hits = study.axial
        .map((g) => ({ g, hit: nearestSliceTo(g, clicked) }))
        .filter((h) => !h.hit.outside);
      expect(hits.length).toBeGreaterThan(0);
      const { g, hit } = hits.sort((a, b) => Math.abs(a.hit.distanceMm) - Math.abs(b.hit.distanceMm))[0];
      const discDistanceMm = dot(
        sub(study.anatomy.levels.l4_l5.discCenterLps, g.slicePositionsLps[hit.sliceIndex]),
        stackNormalLps(g),
      );
      expect(Math.abs(discDistanceMm)).toBeLessThanOrEqual(meanSliceSpacingMm(g));
      const label = sliceLevelOf(g, hit.sliceIndex, points);
      expect(label.text).toBe('L4/L5 disc');
    }
  });

  it('labels a contiguous axial slice halfway between two discs "between L4/L5 and L5/S1", and the ends above/below', () => {
    const study = phantomStacks('nav-levels', 2, 'contiguous');
    const g = study.axial[0];
    const points = levelPointsOn(study.anatomy, study.sagT2, 'sag-t2');
    const a = study.anatomy.levels.l4_l5.discCenterLps;
    const b = study.anatomy.levels.l5_s1.discCenterLps;
    const mid = scale(add(a, b), 0.5);
    const k = nearestSliceTo(g, mid).sliceIndex;
    expect(sliceLevelOf(g, k, points).text).toBe('between L4/L5 and L5/S1');
    const labels = Array.from({ length: g.dims[2] }, (_, kk) => sliceLevelOf(g, kk, points));
    const discs = new Set(
      labels.filter((l) => l.kind === 'disc').map((l) => (l.kind === 'disc' ? l.level : '')),
    );
    expect(discs.has('l4_l5')).toBe(true);
    expect(sliceLevelOf(g, 0, []).kind).toBe('none');
    // One-slice stacks 30 mm cranial of L1/L2 and caudal of L5/S1 (+z is superior in LPS).
    const at = (pLps: readonly [number, number, number]): StackGeometry => ({
      ...g,
      dims: [g.dims[0], g.dims[1], 1],
      slicePositionsLps: [pLps],
    });
    const l12 = study.anatomy.levels[LEVELS[0]].discCenterLps;
    const l5s1 = study.anatomy.levels[LEVELS[4]].discCenterLps;
    expect(sliceLevelOf(at(add(l12, [0, 0, 30])), 0, points).text).toBe('above L1/L2');
    expect(sliceLevelOf(at(add(l5s1, [0, 0, -30])), 0, points).text).toBe('below L5/S1');
    // "At the disc" up to half a disc height (4 mm) plus half the slice spacing from the level point.
    const tol = DISC_HALF_HEIGHT_MM + g.spacingMm[2] / 2;
    const l45 = study.anatomy.levels.l4_l5.discCenterLps;
    const n = stackNormalLps(g);
    const off = (mm: number): StackGeometry => at(add(l45, scale(n, mm)));
    expect(sliceLevelOf(off(tol - 0.2), 0, points).text).toBe('L4/L5 disc');
    expect(sliceLevelOf(off(-(tol - 0.2)), 0, points).text).toBe('L4/L5 disc');
    expect(sliceLevelOf(off(tol + 0.2), 0, points).kind).toBe('between');
  });
});

describe('linked scrolling of the two sagittals', () => {
  it('moves T1 to the slice nearest the T2 slice position, on every T2 slice', () => {
    for (const index of [0, 1, 2]) {
      const { sagT1, sagT2, axial } = phantomStacks('nav-link', index);
      expect(canLink(sagT2, sagT1)).toBe(true);
      expect(canLink(sagT2, axial[0])).toBe(false);
      expect(linkedSliceOf(sagT2, 0, axial[0])).toBeNull();
      for (let k = 0; k < sagT2.dims[2]; k++) {
        const linked = linkedSliceOf(sagT2, k, sagT1)!;
        const sT2 = slicePositionMm(sagT2, k);
        const best = Array.from({ length: sagT1.dims[2] }, (_, j) => j).sort(
          (x, y) => Math.abs(slicePositionMm(sagT1, x) - sT2) - Math.abs(slicePositionMm(sagT1, y) - sT2),
        )[0];
        expect(linked.sliceIndex).toBe(best);
        if (!linked.outside)
          expect(Math.abs(linked.distanceMm)).toBeLessThanOrEqual(meanSliceSpacingMm(sagT1) / 2 + 0.5);
      }
    }
  });
});
