// Start stacks and slices of the three panes: mid-sagittal T2 from the level points, left-foramen T1,
// axial at the most severe finding (its own stack among several), fallbacks without an analysis.
import { describe, expect, it } from 'vitest';
import { mostSevereFinding, paneStarts } from '../../../../renderer/src/viewer/paneStacks';
import { analysisWith, finding, keyLocation, studyDetail } from './viewerFixture';

describe('paneStarts', () => {
  it('without an analysis: T2 middle slice, T1 20 mm to the patient left, axial longest stack middle', () => {
    const d = studyDetail();
    const s = paneStarts(d, null);
    expect(s.sagittalT2).toEqual({ seriesInstanceUid: 'sag-t2', stackIndex: 0, sliceIndex: 7 });
    // Sagittal normal is -x (patient right): +20 mm towards the left is 5 slices (4 mm) down from slice 7.
    expect(s.sagittalT1?.sliceIndex).toBe(2);
    expect(s.axialT2).toEqual({ seriesInstanceUid: 'ax-t2', stackIndex: 0, sliceIndex: 4 });
  });

  it('with an analysis: level points, left foramen and the most severe finding decide', () => {
    const d = studyDetail();
    const [t2, t1] = [d.series[0].stacks[0], d.series[1].stacks[0]];
    const ax1 = d.series[2].stacks[1];
    const lp = (k: number) => ({ level: 'l4_l5' as const, ...keyLocation(t2, k) });
    const a = analysisWith(
      [
        finding('left_neural_foraminal_narrowing', 'l1_l2', 'Normal/Mild', keyLocation(t1, 11)),
        finding('left_neural_foraminal_narrowing', 'l2_l3', 'Normal/Mild', keyLocation(t1, 12)),
        finding('left_neural_foraminal_narrowing', 'l3_l4', 'Moderate', keyLocation(t1, 10)),
        finding('left_subarticular_stenosis', 'l4_l5', 'Severe', keyLocation(ax1, 6)),
        finding('right_subarticular_stenosis', 'l4_l5', 'Moderate', keyLocation(d.series[2].stacks[0], 3)),
        finding('spinal_canal_stenosis', 'l5_s1', 'Normal/Mild', null),
      ],
      [lp(6), lp(8), lp(8), lp(9), lp(7)],
    );
    const s = paneStarts(d, a);
    expect(s.sagittalT2?.sliceIndex).toBe(8);
    expect(s.sagittalT1?.sliceIndex).toBe(11);
    expect(s.axialT2).toEqual({ seriesInstanceUid: 'ax-t2', stackIndex: 1, sliceIndex: 6 });
  });

  it('a study without a series of a role leaves that pane empty', () => {
    const d = studyDetail();
    d.series = d.series.filter((x) => x.role !== 'Sagittal T1');
    expect(paneStarts(d, null).sagittalT1).toBeNull();
  });
});

describe('mostSevereFinding', () => {
  it('ranks by grade, then by the probability of severe; ignores findings without a key location', () => {
    const d = studyDetail();
    const t2 = d.series[0].stacks[0];
    const a = analysisWith([
      finding('spinal_canal_stenosis', 'l1_l2', 'Moderate', keyLocation(t2, 1)),
      finding('spinal_canal_stenosis', 'l2_l3', 'Severe', null),
      finding('spinal_canal_stenosis', 'l3_l4', 'Severe', keyLocation(t2, 3)),
    ]);
    expect(mostSevereFinding(a)?.level).toBe('l3_l4');
    expect(mostSevereFinding(null)).toBeNull();
  });
});
