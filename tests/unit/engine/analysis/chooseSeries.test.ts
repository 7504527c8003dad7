import { describe, expect, it } from 'vitest';
import { chooseSeries, MIN_SAGITTAL_SLICES } from '../../../../main/engine/analysis/chooseSeries';
import type { ImportedStudy } from '../../../../main/engine/dicom/importTypes';
import type { Volume } from '../../../../main/engine/volume/types';
import type { SeriesRole } from '../../../../main/shared/findings';
import { studyInfo } from '../store/fixtures';
import { makeVolume, SAG_U, SAG_V } from '../model/syntheticVolume';

function stack(role: SeriesRole, uid: string, slices: number, seriesNumber: number, spacingMm = 3): Volume {
  const v = makeVolume({
    dims: [8, 8, slices],
    pixelMm: [1, 1],
    sliceSpacingMm: spacingMm,
    u: SAG_U,
    v: SAG_V,
    centreLps: [0, 0, 0],
    role,
    seriesInstanceUid: uid,
    field: () => 1,
  });
  return { ...v, seriesNumber };
}

function study(stacks: Volume[]): ImportedStudy {
  const bySeries = new Map<string, Volume[]>();
  for (const s of stacks)
    bySeries.set(s.seriesInstanceUid, [...(bySeries.get(s.seriesInstanceUid) ?? []), s]);
  return {
    info: studyInfo(),
    series: [...bySeries.values()].map((st) => ({
      seriesInstanceUid: st[0].seriesInstanceUid,
      seriesNumber: st[0].seriesNumber,
      seriesDescription: `desc ${st[0].seriesInstanceUid}`,
      modality: 'MR',
      role: st[0].role,
      stacks: st,
    })),
  };
}

describe('chooseSeries', () => {
  it('takes the sagittal stack with most decoded slices per role and every axial stack', () => {
    const t2small = stack('Sagittal T2/STIR', '1.1', 12, 3);
    const t2big = stack('Sagittal T2/STIR', '1.2', 17, 4);
    const t1 = stack('Sagittal T1', '1.3', 15, 5);
    const ax = [
      stack('Axial T2', '1.4', 5, 6),
      stack('Axial T2', '1.4', 4, 6),
      stack('Axial T2', '1.5', 6, 7),
    ];
    const r = chooseSeries(study([t2small, t2big, t1, ...ax]));
    expect(r.volumes).toEqual([t2big, t1, ...ax]);
    expect(r.seriesUsed.map((s) => [s.seriesInstanceUid, s.sliceCount])).toEqual([
      ['1.2', 17],
      ['1.3', 15],
      ['1.4', 9],
      ['1.5', 6],
    ]);
  });

  it('counts failed slices out, then prefers wider coverage and the lower series number', () => {
    const a = { ...stack('Sagittal T1', '2.1', 15, 9), failedSliceIndices: [0, 1, 2] };
    const b = stack('Sagittal T1', '2.2', 13, 8, 3);
    const c = stack('Sagittal T1', '2.3', 13, 7, 4);
    expect(chooseSeries(study([a, b, c])).volumes).toEqual([c]);
    const d = stack('Sagittal T1', '2.4', 13, 2, 4);
    expect(chooseSeries(study([c, d])).volumes).toEqual([d]);
  });

  it(`ignores sagittal stacks under ${MIN_SAGITTAL_SLICES} slices and refuses a study with nothing usable`, () => {
    const scout = stack('Sagittal T2/STIR', '3.1', 2, 1);
    const other = stack('Other', '3.2', 20, 2);
    expect(() => chooseSeries(study([scout, other]))).toThrow(
      expect.objectContaining({ code: 'MISSING_SERIES', message: expect.stringMatching(/desc 3\.2.*Other/) }),
    );
  });
});
