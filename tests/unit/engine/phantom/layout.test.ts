import { describe, expect, it } from 'vitest';
import { buildSpineAnatomy } from '../../../../main/engine/phantom/anatomy/buildSpineAnatomy';
import { labelCoordinates } from '../../../../main/engine/phantom/coordinates';
import { studyIdOf, seriesIdsOf } from '../../../../main/engine/phantom/ids';
import { sampleStudyGrades } from '../../../../main/engine/phantom/labels';
import { planStudyLayout } from '../../../../main/engine/phantom/layout';
import type { StudyLayout } from '../../../../main/engine/phantom/layoutTypes';
import { createRng } from '../../../../main/engine/rng';
import { signedDistanceMm, sliceNormal } from '../../../../main/shared/sliceGeometry';
import { LEVELS } from '../../../../main/shared/targets';
import { dot, norm } from '../../../../main/shared/vec3';

/** Layouts of many studies from the real anatomy (no rendering: fast). */
const cases = Array.from({ length: 120 }, (_, i) => {
  const grades = sampleStudyGrades('layout', i);
  const anatomy = buildSpineAnatomy(createRng(`layout/${i}`), grades);
  const layout: StudyLayout = planStudyLayout(anatomy, createRng(`layout/${i}/plan`), { maxMatrix: 640 });
  return { anatomy, layout };
});

describe('phantom series layout', () => {
  it('draws acquisition parameters in the documented ranges', () => {
    for (const { layout } of cases) {
      for (const s of layout.series) {
        expect(s.pixelSpacingMm).toBeGreaterThanOrEqual(0.3);
        expect(s.pixelSpacingMm).toBeLessThanOrEqual(0.9);
        for (const m of [s.cols, s.rows]) {
          expect(m).toBeGreaterThanOrEqual(256);
          expect(m).toBeLessThanOrEqual(640);
        }
        expect(s.spacingBetweenSlicesMm).toBeGreaterThanOrEqual(s.sliceThicknessMm);
        const slices = s.stacks.flatMap((st) => st.slices);
        for (const g of slices) {
          expect(Math.abs(norm(g.rowDirection) - 1)).toBeLessThan(1e-5);
          expect(Math.abs(dot(g.rowDirection, g.columnDirection))).toBeLessThan(1e-5);
        }
        expect(new Set(s.instanceNumbers).size).toBe(slices.length);
        if (s.role !== 'Axial T2') {
          expect(slices.length).toBeGreaterThanOrEqual(13);
          expect(slices.length).toBeLessThanOrEqual(25);
          expect(s.sliceThicknessMm).toBeGreaterThanOrEqual(3);
          expect(s.sliceThicknessMm).toBeLessThanOrEqual(4.5);
          expect(s.spacingBetweenSlicesMm - s.sliceThicknessMm).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('covers both neural foramina of every level with the sagittal slices', () => {
    for (const { anatomy, layout } of cases) {
      for (const s of layout.series.filter((x) => x.role !== 'Axial T2')) {
        const slices = s.stacks[0].slices;
        for (const level of LEVELS) {
          for (const p of [anatomy.levels[level].foramenLps.left, anatomy.levels[level].foramenLps.right]) {
            const d = Math.min(...slices.map((g) => Math.abs(signedDistanceMm(g, p))));
            expect(d).toBeLessThanOrEqual(s.spacingBetweenSlicesMm / 2 + 1e-3);
          }
        }
      }
    }
  });

  it('varies the axial coverage: contiguous and per-disc blocks of 3-6 slices tilted to the disc, splits, upper levels missed', () => {
    const modes = new Set(cases.map((c) => c.layout.axialMode));
    expect([...modes].sort()).toEqual(['contiguous', 'per-disc']);
    expect(cases.some((c) => c.layout.series.filter((s) => s.role === 'Axial T2').length === 2)).toBe(true);
    expect(cases.some((c) => !c.layout.axialLevels.includes('l1_l2'))).toBe(true);
    expect(cases.some((c) => c.layout.series.some((s) => s.contrast === 'STIR'))).toBe(true);
    for (const { anatomy, layout } of cases.filter((c) => c.layout.axialMode === 'per-disc')) {
      for (const st of layout.series.filter((s) => s.role === 'Axial T2').flatMap((s) => s.stacks)) {
        expect(st.slices.length).toBeGreaterThanOrEqual(3);
        expect(st.slices.length).toBeLessThanOrEqual(6);
        const n = anatomy.levels[st.level ?? 'l1_l2'].discNormal;
        expect(dot(sliceNormal(st.slices[0]), n)).toBeGreaterThan(0.9999);
      }
    }
  });

  it('writes no SS coordinate for a level the axial series do not reach, and every other target gets one', () => {
    let unreached = 0;
    cases.forEach(({ anatomy, layout }, i) => {
      const ids = seriesIdsOf(
        'layout',
        i,
        layout.series.map((s) => s.key),
      );
      const coords = labelCoordinates(
        anatomy,
        layout.series.map((s) => ({ ...s, seriesId: ids[s.key] })),
      );
      const ss = coords.filter((c) => c.condition === 'left_subarticular_stenosis').map((c) => c.level);
      for (const level of LEVELS) {
        if (!layout.axialLevels.includes(level)) {
          expect(ss).not.toContain(level);
          unreached++;
        } else expect(ss).toContain(level);
      }
      expect(coords.filter((c) => !c.condition.includes('subarticular'))).toHaveLength(15);
    });
    expect(unreached).toBeGreaterThan(0);
  });

  it('gives distinct RSNA-style integer ids', () => {
    const ids = Array.from({ length: 500 }, (_, i) => studyIdOf('ids', i));
    expect(new Set(ids).size).toBe(500);
    for (const id of ids) expect(Number.isInteger(id) && id >= 10_000_000 && id < 2 ** 32).toBe(true);
    expect(studyIdOf('ids', 3)).toBe(ids[3]);
    expect(studyIdOf('other', 3)).not.toBe(ids[3]);
  });
});
