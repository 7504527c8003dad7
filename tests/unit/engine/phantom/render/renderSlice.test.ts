import { describe, expect, it } from 'vitest';
import { renderSlice } from '../../../../../main/engine/phantom/render/renderSlice';
import { add } from '../../../../../main/shared/vec3';
import { lerpVec } from './vecTest';
import { areaAround, axialAt, build, meanAt, render, sagittalThrough } from './phantomFixtures';

describe('renderSlice', () => {
  it('is deterministic: same seed and request give an identical image', () => {
    const a = build('render-det');
    const b = build('render-det');
    const req = (x: ReturnType<typeof build>): Float32Array =>
      renderSlice(x, {
        geometry: sagittalThrough(x, x.levels.l3_l4.canalCenterLps, 260, 128),
        cols: 128,
        rows: 128,
        sliceThicknessMm: 4,
        contrast: 'T2',
      });
    const ia = req(a);
    expect(ia).toEqual(req(b));
    expect(ia.length).toBe(128 * 128);
    expect(req(build('render-det-other'))).not.toEqual(ia);
  });

  it('puts disc, canal and body points on the right tissue in a mid-sagittal T2 / T1', () => {
    const a = build('gt-sag');
    const mid = a.levels.l2_l3.canalCenterLps;
    const t2 = render(a, sagittalThrough(a, mid), 'T2');
    const t1 = render(a, sagittalThrough(a, mid), 'T1');
    const [l1l2, l2l3, l3l4, l4l5] = (['l1_l2', 'l2_l3', 'l3_l4', 'l4_l5'] as const).map((l) => a.levels[l]);
    // Phantom v2 puts a haemangioma (bright on T1 and T2) in some bodies: the marrow reference is the median
    // of the L2, L3 and L4 body centres.
    const bodies = [
      lerpVec(l1l2.discCenterLps, l2l3.discCenterLps, 0.5),
      lerpVec(l2l3.discCenterLps, l3l4.discCenterLps, 0.5),
      lerpVec(l3l4.discCenterLps, l4l5.discCenterLps, 0.5),
    ];
    const marrow = (img: typeof t2): number => bodies.map((p) => meanAt(img, p)).sort((x, y) => x - y)[1];
    for (const la of [l1l2, l2l3, l3l4]) {
      // v2 discs carry an intranuclear cleft (dark line) at mid-height: sample the nucleus a quarter height above it.
      const [cx, cy, cz] = la.discCenterLps;
      const [nx, ny, nz] = la.discNormal;
      const nucleus = lerpVec(la.discCenterLps, [cx + nx, cy + ny, cz + nz], la.discHeightMm * 0.25);
      // Healthy nucleus: bright on T2, brighter than marrow; CSF brighter still on T2, dark on T1.
      expect(meanAt(t2, nucleus)).toBeGreaterThan(marrow(t2) * 1.15);
      expect(meanAt(t2, la.canalCenterLps, 0)).toBeGreaterThan(marrow(t2) * 1.5);
      expect(meanAt(t1, la.canalCenterLps, 0)).toBeLessThan(marrow(t1) * 0.6);
    }
    // Marrow: intermediate-bright on T1, above the nucleus.
    expect(marrow(t1)).toBeGreaterThan(meanAt(t1, l2l3.discCenterLps));
  });

  it('orders CSF and fat as T1 and T2 require (fat bright on both, dark on STIR)', () => {
    const a = build('fat-csf');
    const la = a.levels.l3_l4;
    const t1 = render(a, sagittalThrough(a, la.canalCenterLps), 'T1');
    const t2 = render(a, sagittalThrough(a, la.canalCenterLps), 'T2');
    const stir = render(a, sagittalThrough(a, la.canalCenterLps), 'STIR');
    // Bright pixels of the back (within 70 mm of a point 90 mm behind the canal): mostly subcutaneous fat.
    // In front of the spine, fluid-filled bowel stays bright on STIR, as it should, so it is left out.
    const back = lerpVec(la.canalCenterLps, add(la.canalCenterLps, a.bodyAxes[1]), 90);
    const fatArea = (img: typeof t1, lo: number): number => areaAround(img, back, 70, (v) => v > lo);
    expect(meanAt(t1, la.canalCenterLps, 0)).toBeLessThan(0.3);
    expect(meanAt(t2, la.canalCenterLps, 0)).toBeGreaterThan(0.85);
    // Plenty of bright (fat) pixels on T1, hardly any on STIR (fat suppressed; only CSF, nuclei stay bright).
    expect(fatArea(t1, 0.75)).toBeGreaterThan(fatArea(stir, 0.75) * 4);
    expect(fatArea(t2, 0.65)).toBeGreaterThan(fatArea(stir, 0.65) * 3);
  });

  it('severe canal stenosis leaves a much smaller CSF cross-section on axial T2 than normal', () => {
    const normal = build('scs', []);
    const severe = build('scs', [['spinal_canal_stenosis', 'l4_l5', 2]]);
    const csf = (a: ReturnType<typeof build>): number =>
      areaAround(
        render(a, axialAt(a, 'l4_l5'), 'T2', 4, 320),
        a.levels.l4_l5.canalCenterLps,
        16,
        (v) => v > 0.9,
      );
    const aNormal = csf(normal);
    const aSevere = csf(severe);
    expect(aNormal).toBeGreaterThan(60);
    expect(aSevere).toBeLessThan(aNormal * 0.5);
  });

  it('severe left foraminal narrowing removes foraminal fat on the left, not the right (sagittal T1)', () => {
    const base = build('nfn', []);
    const left = build('nfn', [['left_neural_foraminal_narrowing', 'l4_l5', 2]]);
    const fatArea = (a: ReturnType<typeof build>, side: 'left' | 'right'): number => {
      const p = a.levels.l4_l5.foramenLps[side];
      return areaAround(render(a, sagittalThrough(a, p), 'T1', 3), p, 9, (v) => v > 0.7);
    };
    const leftBase = fatArea(base, 'left');
    const rightBase = fatArea(base, 'right');
    expect(leftBase).toBeGreaterThan(20);
    expect(fatArea(left, 'left')).toBeLessThan(leftBase * 0.5);
    // The right foramen shares the disc (its height loss), so it may change a little, never like the left.
    expect(fatArea(left, 'right')).toBeGreaterThan(rightBase * 0.8);
  });

  it('places the NFN point on the exiting root ringed by fat (root darker than its fat on T1)', () => {
    const a = build('root');
    for (const side of ['left', 'right'] as const) {
      const p = a.levels.l3_l4.foramenLps[side];
      const t1 = render(a, sagittalThrough(a, p), 'T1', 3);
      const root = meanAt(t1, p, 0);
      const ring = areaAround(t1, p, 6, (v) => v > root + 0.2);
      expect(root).toBeLessThan(0.6);
      expect(ring).toBeGreaterThan(10);
    }
  });
});
