/** Orientation letters: phantom sagittal (A/P, S/I) and axial (R/L, A/P) stacks, left = +x, oblique edges. */
import { describe, expect, it } from 'vitest';
import {
  directionLetters,
  edgeLettersFromIop,
  edgeLettersOf,
} from '../../../../renderer/src/viewer/geometry/orientation';
import {
  lpsToIjk,
  nearestSliceTo,
  slicePositionMm,
} from '../../../../renderer/src/viewer/geometry/stackFrame';
import { phantomStacks } from './phantomStacks';

describe('orientation letters', () => {
  it('reads the DICOM standard axial and sagittal orientations', () => {
    expect(edgeLettersFromIop([1, 0, 0, 0, 1, 0])).toEqual({ left: 'R', right: 'L', top: 'A', bottom: 'P' });
    expect(edgeLettersFromIop([0, 1, 0, 0, 0, -1])).toEqual({ left: 'A', right: 'P', top: 'S', bottom: 'I' });
    expect(() => edgeLettersFromIop([1, 0, 0])).toThrow(/6 numbers/);
  });

  it('names oblique edges with both letters, largest first', () => {
    const c = Math.cos(Math.PI / 6);
    const s = Math.sin(Math.PI / 6);
    // Row direction 30 degrees from +x (left) towards -y (anterior).
    expect(directionLetters([c, -s, 0])).toBe('LA');
    expect(directionLetters([-c, s, 0])).toBe('RP');
    expect(directionLetters([0.1, -0.2, 0.97])).toBe('S');
  });

  it('gives A/P and S/I on phantom sagittals, R/L and A/P on phantom axials', () => {
    for (const index of [0, 1, 2]) {
      const study = phantomStacks('nav-orientation', index);
      for (const g of [study.sagT1, study.sagT2]) {
        const e = edgeLettersOf(g.direction[0], g.direction[1]);
        expect([e.left[0], e.right[0]].sort()).toEqual(['A', 'P']);
        expect(e.top[0]).toBe('S');
        expect(e.bottom[0]).toBe('I');
      }
      for (const g of study.axial) {
        const e = edgeLettersOf(g.direction[0], g.direction[1]);
        // Radiological display: patient right on the viewer's left.
        expect(e.left[0]).toBe('R');
        expect(e.right[0]).toBe('L');
        expect(e.top[0]).toBe('A');
        expect(e.bottom[0]).toBe('P');
      }
    }
  });

  it('puts the patient-left foramen (+x in LPS) on the image right of the axial and at larger x on the sagittal', () => {
    const study = phantomStacks('nav-orientation', 4, 'contiguous');
    const l45 = study.anatomy.levels.l4_l5;
    expect(l45.foramenLps.left[0]).toBeGreaterThan(l45.foramenLps.right[0]);
    const ax = study.axial[0];
    expect(lpsToIjk(ax, l45.foramenLps.left)[0]).toBeGreaterThan(lpsToIjk(ax, l45.foramenLps.right)[0]);
    const t1 = study.sagT1;
    const kLeft = nearestSliceTo(t1, l45.foramenLps.left).sliceIndex;
    const kRight = nearestSliceTo(t1, l45.foramenLps.right).sliceIndex;
    expect(kLeft).not.toBe(kRight);
    const xOf = (k: number): number => t1.slicePositionsLps[k][0];
    expect(xOf(kLeft)).toBeGreaterThan(xOf(kRight));
    expect(Math.sign(slicePositionMm(t1, kLeft) - slicePositionMm(t1, kRight))).toBe(
      Math.sign(t1.direction[2][0]),
    );
  });
});
