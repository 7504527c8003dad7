/**
 * Phantom v2 confounders: transitional anatomy about 1 in 7 with its disc morphology, spondylolisthesis
 * mostly at L4/L5 with the column above slipped forward, labels on the same discs, and bone findings
 * (haemangioma bright on T1 and T2) where the layout puts them.
 */
import { describe, expect, it } from 'vitest';
import { bodyToLps, modelOf } from '../../../../../main/engine/phantom/anatomy/model';
import { toBody } from '../../../../../main/engine/phantom/anatomy/geometry';
import { buildSpineLayout } from '../../../../../main/engine/phantom/anatomy/spineLayout';
import { TRANSITIONAL_RATE } from '../../../../../main/engine/phantom/anatomy/variants';
import { sampleStudyGrades } from '../../../../../main/engine/phantom/labels';
import { createRng } from '../../../../../main/engine/rng';
import { build, grades, meanAt, render, sagittalThrough } from '../render/phantomFixtures';

const N = 700;
const layouts = Array.from({ length: N }, (_, i) =>
  buildSpineLayout(createRng(`variants/${i}`), sampleStudyGrades('variants', i)),
);

describe('phantom confounders (v2)', () => {
  it('draws transitional anatomy in about 1 in 7 studies, half sacralised L5, half lumbarised S1', () => {
    const sac = layouts.filter((l) => l.variant.transitional === 'sacralised-l5');
    const lum = layouts.filter((l) => l.variant.transitional === 'lumbarised-s1');
    expect((sac.length + lum.length) / N).toBeGreaterThan(TRANSITIONAL_RATE - 0.04);
    expect((sac.length + lum.length) / N).toBeLessThan(TRANSITIONAL_RATE + 0.04);
    expect(Math.min(sac.length, lum.length)).toBeGreaterThan(0.3 * (sac.length + lum.length));
    for (const l of sac) {
      const l5s1 = l.discs.find((d) => d.level === 'l5_s1');
      expect(l5s1?.morphology).toBe('rudimentary');
      expect(l5s1?.upper.name).toBe('L5');
    }
    for (const l of lum) {
      const s1s2 = l.discs.find((d) => d.upper.name === 'S1');
      expect(s1s2?.morphology).toBe('formed');
      expect(s1s2?.heightMm).toBeGreaterThan(5);
      // RSNA labels stay put: L5/S1 is still the disc between L5 and S1.
      expect(l.discs.find((d) => d.level === 'l5_s1')?.upper.name).toBe('L5');
    }
  });

  it('slips mostly L4 on L5, moving the column above forward and the disc half as far', () => {
    const slipped = layouts.filter((l) => l.variant.spondylolisthesis);
    expect(slipped.length / N).toBeGreaterThan(0.03);
    expect(slipped.length / N).toBeLessThan(0.15);
    const l4l5 = slipped.filter((l) => l.variant.spondylolisthesis?.level === 'l4_l5');
    expect(l4l5.length / slipped.length).toBeGreaterThan(0.5);
    // L4 body centre relative to L5's along the L4/L5 disc's posterior axis: lower (more anterior) by about the slip.
    const offset = (l: (typeof layouts)[number]): number => {
      const d = l.discs.find((x) => x.level === 'l4_l5');
      if (!d) throw new Error('no L4/L5 disc');
      const { wy, wz } = d.frame;
      return (d.upper.frame.oy - d.lower.frame.oy) * wy + (d.upper.frame.oz - d.lower.frame.oz) * wz;
    };
    const mean = (xs: number[]): number => xs.reduce((x, y) => x + y, 0) / xs.length;
    const plain = mean(layouts.filter((l) => !l.variant.spondylolisthesis).map(offset));
    const slippedOffset = mean(l4l5.map(offset));
    const slipMm = mean(l4l5.map((l) => l.variant.spondylolisthesis?.slipMm ?? 0));
    expect(slipMm).toBeGreaterThan(3);
    expect(slippedOffset - plain).toBeLessThan(-0.7 * slipMm);
    expect(slippedOffset - plain).toBeGreaterThan(-1.3 * slipMm);
  });

  it('paints a haemangioma that is bright on T1 and T2 where the layout puts it', () => {
    const seed = Array.from({ length: 200 }, (_, k) => `haem-${k}`).find((s) =>
      buildSpineLayout(createRng(s).fork('layout'), grades()).vertebrae.some(
        (v) => (v.findings?.haemangioma?.r ?? 0) > 6,
      ),
    );
    if (!seed) throw new Error('no seed with a haemangioma over 6 mm in 200');
    const v = buildSpineLayout(createRng(seed).fork('layout'), grades()).vertebrae.find(
      (x) => (x.findings?.haemangioma?.r ?? 0) > 6,
    );
    const h = v?.findings?.haemangioma;
    if (!v || !h) throw new Error('haemangioma vanished');
    const a = build(seed);
    const p = bodyToLps(modelOf(a), toBody(v.frame, h.u, h.w, h.h));
    const marrow = bodyToLps(modelOf(a), toBody(v.frame, -h.u * 0.1, -h.w, -h.h * 0.5 - Math.sign(h.h) * 9));
    for (const contrast of ['T1', 'T2'] as const) {
      const img = render(a, sagittalThrough(a, p), contrast);
      expect(meanAt(img, p)).toBeGreaterThan(meanAt(img, marrow) * 1.25);
    }
  });
});
