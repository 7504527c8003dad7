import { describe, expect, it } from 'vitest';
import { buildSpineAnatomy } from '../../../../../main/engine/phantom/anatomy/buildSpineAnatomy';
import { AMOUNT_RANGES, severityAmount } from '../../../../../main/engine/phantom/anatomy/severity';
import { createRng } from '../../../../../main/engine/rng';
import { LEVELS } from '../../../../../main/shared/targets';
import { dot, norm, sub } from '../../../../../main/shared/vec3';
import { build, grades } from '../render/phantomFixtures';

describe('buildSpineAnatomy', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = JSON.stringify(build('det-1').levels);
    expect(JSON.stringify(build('det-1').levels)).toBe(a);
    expect(JSON.stringify(build('det-2').levels)).not.toBe(a);
  });

  it('puts left points at larger patient x than right points (LPS: +x is patient left)', () => {
    for (const seed of ['lr-1', 'lr-2', 'lr-3']) {
      const a = build(seed);
      for (const level of LEVELS) {
        const la = a.levels[level];
        expect(la.foramenLps.left[0] - la.foramenLps.right[0]).toBeGreaterThan(15);
        expect(la.recessLps.left[0] - la.recessLps.right[0]).toBeGreaterThan(10);
        expect(la.foramenLps.left[0]).toBeGreaterThan(la.canalCenterLps[0]);
        expect(la.recessLps.right[0]).toBeLessThan(la.canalCenterLps[0]);
      }
    }
  });

  it('orders levels head to foot, canal behind the disc, normals superior, axes orthonormal', () => {
    const a = build('order');
    const [l, p, s] = a.bodyAxes;
    for (const [x, y] of [
      [l, p],
      [p, s],
      [l, s],
    ])
      expect(Math.abs(dot(x, y))).toBeLessThan(1e-9);
    for (const axis of a.bodyAxes) expect(norm(axis)).toBeCloseTo(1, 9);
    for (let i = 0; i < LEVELS.length; i++) {
      const la = a.levels[LEVELS[i]];
      expect(la.discNormal[2]).toBeGreaterThan(0.5);
      const back = dot(sub(la.canalCenterLps, la.discCenterLps), p);
      expect(back).toBeGreaterThan(15);
      expect(back).toBeLessThan(40);
      if (i > 0) expect(la.discCenterLps[2]).toBeLessThan(a.levels[LEVELS[i - 1]].discCenterLps[2]);
      expect(la.discHeightMm).toBeGreaterThan(3);
      expect(la.discHeightMm).toBeLessThan(14);
    }
  });

  it('applies a seeded patient shift and rotation (bodyAxes not identity for most seeds)', () => {
    const tilts = ['rot-1', 'rot-2', 'rot-3'].map((seed) => 1 - build(seed).bodyAxes[2][2]);
    expect(Math.max(...tilts)).toBeGreaterThan(1e-5);
  });

  it('loses disc height with degeneration (severe grades at a level)', () => {
    const rng = (): ReturnType<typeof createRng> => createRng('height');
    const healthy = buildSpineAnatomy(rng(), grades());
    const severe = buildSpineAnatomy(
      rng(),
      grades([
        ['spinal_canal_stenosis', 'l4_l5', 2],
        ['left_subarticular_stenosis', 'l4_l5', 2],
      ]),
    );
    expect(severe.levels.l4_l5.discHeightMm).toBeLessThan(healthy.levels.l4_l5.discHeightMm * 0.8);
  });

  it('draws severity amounts inside each grade range, ranges overlapping slightly', () => {
    const rng = createRng('amounts');
    for (const grade of [0, 1, 2] as const) {
      for (let i = 0; i < 200; i++) {
        const v = severityAmount(rng, grade);
        expect(v).toBeGreaterThanOrEqual(AMOUNT_RANGES[grade][0]);
        expect(v).toBeLessThanOrEqual(AMOUNT_RANGES[grade][1]);
      }
    }
    expect(AMOUNT_RANGES[1][0]).toBeLessThan(AMOUNT_RANGES[0][1]);
    expect(AMOUNT_RANGES[2][0]).toBeLessThan(AMOUNT_RANGES[1][1]);
  });
});
