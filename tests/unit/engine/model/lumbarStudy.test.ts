// What makes a study readable as a lumbar spine MRI (main/engine/model/lumbarStudy.ts): a sagittal T1 or
// T2/STIR stack by geometry before grading, and a column of confident level points after localising.
import { describe, expect, it } from 'vitest';
import {
  LUMBAR_COLUMN,
  lumbarColumnLength,
  notLumbarAfterGrading,
  notLumbarBeforeGrading,
  showsLumbarColumn,
  type LevelCandidate,
} from '../../../../main/engine/model/lumbarStudy';
import type { Finding } from '../../../../main/shared/findings';
import type { SeriesRole } from '../../../../main/shared/findings';
import type { Vec3 } from '../../../../main/shared/vec3';
import { AX_U, AX_V, makeVolume, SAG_U, SAG_V } from './syntheticVolume';

const at = (positionLps: Vec3, peak = 0.6): LevelCandidate => ({ positionLps, peak });

/** A lumbar column as the trained localiser finds it on a phantom (measured: seed 31337, study 1004589231). */
const PHANTOM_COLUMN: LevelCandidate[] = [
  at([22, 45, 50], 0.61),
  at([22, 44, 13], 0.6),
  at([22, 47, -20], 0.65),
  at([23, 56, -50], 0.64),
  at([24, 68, -74], 0.61),
];
/** What the same localiser found on a blank sagittal slab (measured): weak peaks, scattered. */
const BLANK_SLAB: LevelCandidate[] = [
  at([-54, -8, 76], 0.11),
  at([1, -14, 47], 0.1),
  at([-51, 8, 6], 0.08),
  at([-49, 65, -14], 0.11),
  at([6, 63, -36], 0.13),
];

function volume(role: SeriesRole, plane: 'sagittal' | 'axial', slices = 11) {
  const sag = plane === 'sagittal';
  return makeVolume({
    dims: [40, 40, slices],
    pixelMm: [1, 1],
    sliceSpacingMm: 4,
    u: sag ? SAG_U : AX_U,
    v: sag ? SAG_V : AX_V,
    centreLps: [0, 0, 0],
    role,
    seriesInstanceUid: `1.2.${role.length}.${plane}`,
    field: () => 100,
  });
}

describe('lumbarColumnLength', () => {
  it('counts a lumbar column found by the localiser', () => {
    expect(lumbarColumnLength(PHANTOM_COLUMN)).toBe(5);
  });

  it('gives 0 for weak peaks, wherever they are', () => {
    expect(lumbarColumnLength(BLANK_SLAB)).toBe(0);
    expect(lumbarColumnLength(PHANTOM_COLUMN.map((p) => at(p.positionLps, 0.2)))).toBe(0);
  });

  it('does not line up points scattered like those of a head-like slab (measured), even made confident', () => {
    const headLike = [
      at([-16, 3, -33], 0.14),
      at([-51, 42, 41], 0.18),
      at([-27, 39, 21], 0.18),
      at([-47, 29, 4], 0.24),
      at([4, 35, -7], 0.2),
    ];
    expect(lumbarColumnLength(headLike)).toBe(0);
    expect(lumbarColumnLength(headLike.map((p) => at(p.positionLps, 0.9)))).toBe(2);
  });

  it('does not line up confident points scattered like the blank slab', () => {
    expect(lumbarColumnLength(BLANK_SLAB.map((p) => at(p.positionLps, 0.9)))).toBeLessThan(
      LUMBAR_COLUMN.minLevels,
    );
  });

  it('skips one misplaced or missing level and keeps the rest', () => {
    const outlier = [...PHANTOM_COLUMN];
    outlier[2] = at([-40, 10, 90]);
    expect(lumbarColumnLength(outlier)).toBe(4);
    expect(lumbarColumnLength([PHANTOM_COLUMN[0], null, ...PHANTOM_COLUMN.slice(2)])).toBe(4);
  });

  it('accepts a mild scoliotic drift and refuses steps too short, too long, sideways or upward', () => {
    const drift = PHANTOM_COLUMN.map((p, i) =>
      at([p.positionLps[0] + 8 * i, p.positionLps[1], p.positionLps[2]]),
    );
    expect(lumbarColumnLength(drift)).toBe(5);
    const column = (step: Vec3): LevelCandidate[] =>
      [0, 1, 2, 3, 4].map((i) => at([step[0] * i, step[1] * i, 60 + step[2] * i]));
    expect(lumbarColumnLength(column([0, 3, -33]))).toBe(5);
    expect(lumbarColumnLength(column([0, 0, -10]))).toBe(1); // 10 mm: smaller than any lumbar disc spacing
    expect(lumbarColumnLength(column([0, 0, -80]))).toBe(1);
    expect(lumbarColumnLength(column([20, 0, -30]))).toBe(1); // 20 mm sideways per level
    expect(lumbarColumnLength(column([0, 30, -20]))).toBe(1); // mostly front-to-back
    expect(lumbarColumnLength(column([0, 0, 33]))).toBe(1); // L5/S1 above L1/L2
  });
});

/** The same localiser on study 1079642187 (seed 31337) under `evaluate --perturb 2` (measured): a column
 * whose every step fits, all five peaks below minPeak (clean, the same study peaks at 0.29-0.33). */
const PERTURBED_COLUMN: LevelCandidate[] = [
  at([-20.1, 39.4, 51.2], 0.226),
  at([-18.5, 36.4, 20.3], 0.201),
  at([-17.4, 25.7, -13.2], 0.18),
  at([-19.0, 28.5, -43.7], 0.243),
  at([-27.0, 34.1, -67.5], 0.209),
];
/** The head-like slab's points (measured), as in the test above. */
const HEAD_LIKE: LevelCandidate[] = [
  at([-16, 3, -33], 0.14),
  at([-51, 42, 41], 0.18),
  at([-27, 39, 21], 0.18),
  at([-47, 29, 4], 0.24),
  at([4, 35, -7], 0.2),
];

describe('showsLumbarColumn', () => {
  it('accepts a lumbar column with weak peaks when all five levels line up (the perturbed phantom)', () => {
    expect(lumbarColumnLength(PERTURBED_COLUMN)).toBe(0);
    expect(lumbarColumnLength(PERTURBED_COLUMN, LUMBAR_COLUMN.completeColumnMinPeak)).toBe(5);
    expect(showsLumbarColumn(PERTURBED_COLUMN)).toBe(true);
    expect(showsLumbarColumn(PHANTOM_COLUMN)).toBe(true);
  });

  it('refuses a weak column with one level missing, misplaced or below the lower floor', () => {
    expect(showsLumbarColumn([...PERTURBED_COLUMN.slice(0, 4), null])).toBe(false);
    expect(showsLumbarColumn(PERTURBED_COLUMN.slice(0, 4))).toBe(false);
    const misplaced = [...PERTURBED_COLUMN];
    misplaced[2] = at([-40, 10, 90], 0.2);
    expect(showsLumbarColumn(misplaced)).toBe(false);
    const fainter = [...PERTURBED_COLUMN];
    fainter[1] = at(PERTURBED_COLUMN[1].positionLps, 0.12);
    expect(showsLumbarColumn(fainter)).toBe(false);
  });

  it('still refuses the head-like and blank slabs, whose weak peaks do not line up', () => {
    expect(showsLumbarColumn(HEAD_LIKE)).toBe(false);
    expect(showsLumbarColumn(HEAD_LIKE.map((p) => at(p.positionLps, 0.2)))).toBe(false);
    expect(showsLumbarColumn(BLANK_SLAB)).toBe(false);
    expect(showsLumbarColumn(BLANK_SLAB.map((p) => at(p.positionLps, 0.2)))).toBe(false);
  });

  it('is what notLumbarAfterGrading applies', () => {
    const vols = [volume('Sagittal T2/STIR', 'sagittal')];
    const graded = [{ assessable: true, condition: 'spinal_canal_stenosis', level: 'l1_l2' } as Finding];
    expect(notLumbarAfterGrading(vols, graded, PERTURBED_COLUMN)).toBeUndefined();
    expect(notLumbarAfterGrading(vols, graded, [...PERTURBED_COLUMN.slice(0, 4), null])).toMatch(
      /only 0 of the 5 disc levels were found with confidence .* \(or all 5 in line with peaks >= 0.15\)/,
    );
  });
});

describe('notLumbarBeforeGrading', () => {
  it('refuses stacks without a sagittal T1 or T2/STIR stack, naming each series with its plane', () => {
    const why = notLumbarBeforeGrading([volume('Axial T2', 'axial'), volume('Other', 'axial')]);
    expect(why).toMatch(/no sagittal T1 or T2\/STIR series/);
    expect(why).toMatch(/"Axial T2" \(axial, Axial T2, 11 slices, 40 x 40 mm\)/);
    expect(why).toMatch(/"Other" \(axial, Other/);
  });

  it('refuses a sagittal localizer (role Other) and a two-slice sagittal stack', () => {
    expect(notLumbarBeforeGrading([volume('Other', 'sagittal'), volume('Axial T2', 'axial')])).toBeDefined();
    expect(notLumbarBeforeGrading([volume('Sagittal T2/STIR', 'sagittal', 2)])).toBeDefined();
  });

  it('accepts a sagittal T2 or T1 stack', () => {
    expect(notLumbarBeforeGrading([volume('Sagittal T2/STIR', 'sagittal')])).toBeUndefined();
    expect(
      notLumbarBeforeGrading([volume('Sagittal T1', 'sagittal'), volume('Axial T2', 'axial')]),
    ).toBeUndefined();
  });
});

describe('notLumbarAfterGrading', () => {
  const vols = [volume('Sagittal T2/STIR', 'sagittal')];
  const finding = (assessable: boolean): Finding =>
    ({ assessable, condition: 'spinal_canal_stenosis', level: 'l1_l2' }) as Finding;

  it('refuses when no target is assessable', () => {
    expect(notLumbarAfterGrading(vols, [finding(false)], PHANTOM_COLUMN)).toMatch(/not one of the 25/);
  });

  it('refuses when the level points form no lumbar column, saying how many were confident', () => {
    expect(notLumbarAfterGrading(vols, [finding(true)], BLANK_SLAB)).toMatch(
      /no lumbar column: only 0 of the 5 disc levels were found with confidence/,
    );
    const scattered = BLANK_SLAB.map((p) => at(p.positionLps, 0.9));
    expect(notLumbarAfterGrading(vols, [finding(true)], scattered)).toMatch(
      /5 of the 5 disc levels were found with confidence but only [0-2] of them line up/,
    );
  });

  it('accepts a lumbar column', () => {
    expect(notLumbarAfterGrading(vols, [finding(true)], PHANTOM_COLUMN)).toBeUndefined();
  });
});
