/** Tests the report's impression wording and order with synthetic findings (not the model). */
import { describe, expect, it } from 'vitest';
import {
  buildImpression,
  notAssessableLines,
  NO_FINDINGS_IMPRESSION,
} from '../../../../main/engine/report/impression';
import { reviewFindings } from '../../../../main/engine/report/reviewedFindings';
import type { ReaderOverride } from '../../../../main/shared/analysis';
import { analysisRecord } from '../store/fixtures';

const override = (o: Partial<ReaderOverride>): ReaderOverride => ({
  analysisId: 'a',
  condition: 'spinal_canal_stenosis',
  level: 'l1_l2',
  grade: 'Severe',
  note: '',
  reader: 'Dr A',
  createdAt: '2024-03-16T11:00:00Z',
  addendum: false,
  ...o,
});

describe('impression', () => {
  it('says so when nothing is moderate or severe', () => {
    expect(buildImpression(reviewFindings(analysisRecord('a').findings, []))).toEqual([
      NO_FINDINGS_IMPRESSION,
    ]);
  });

  it('lists levels most severe first, severe before moderate within a level, in plain words', () => {
    const a = analysisRecord('a', undefined, {
      spinal_canal_stenosis_l2_l3: 1,
      left_neural_foraminal_narrowing_l4_l5: 1,
      spinal_canal_stenosis_l4_l5: 2,
      right_subarticular_stenosis_l5_s1: 2,
      left_subarticular_stenosis_l5_s1: 2,
      right_neural_foraminal_narrowing_l1_l2: 1,
    });
    for (const f of a.findings) f.uncertain = false;
    expect(buildImpression(reviewFindings(a.findings, []))).toEqual([
      'L5/S1: severe left subarticular stenosis; severe right subarticular stenosis',
      'L4/L5: severe spinal canal stenosis; moderate left neural foraminal narrowing',
      'L1/L2: moderate right neural foraminal narrowing',
      'L2/L3: moderate spinal canal stenosis',
    ]);
  });

  it('uses the reader grade before sign-off, ignores addenda, and marks uncertain AI gradings', () => {
    const a = analysisRecord('a', undefined, {
      spinal_canal_stenosis_l3_l4: 1,
      spinal_canal_stenosis_l4_l5: 2,
    });
    a.findings.find((f) => f.level === 'l3_l4' && f.condition === 'spinal_canal_stenosis')!.uncertain = true;
    a.findings.find((f) => f.level === 'l4_l5' && f.condition === 'spinal_canal_stenosis')!.uncertain = false;
    const overrides = [
      override({ level: 'l4_l5', grade: 'Normal/Mild' }),
      override({ level: 'l1_l2', grade: 'Severe', addendum: true }),
    ];
    const reviewed = reviewFindings(a.findings, overrides);
    expect(buildImpression(reviewed)).toEqual(['L3/L4: moderate spinal canal stenosis (uncertain)']);
    const l45 = reviewed.find(
      (r) => r.finding.level === 'l4_l5' && r.finding.condition === 'spinal_canal_stenosis',
    );
    expect(l45).toMatchObject({ grade: 'Normal/Mild', source: 'Reader', finding: { grade: 'Severe' } });
  });

  it('lists not-assessable targets with their reason unless a reader graded them', () => {
    const a = analysisRecord('a', undefined, {
      left_subarticular_stenosis_l5_s1: 'na',
      right_subarticular_stenosis_l5_s1: 'na',
    });
    const reviewed = reviewFindings(a.findings, [
      override({ condition: 'right_subarticular_stenosis', level: 'l5_s1', grade: 'Moderate' }),
    ]);
    expect(notAssessableLines(reviewed)).toEqual([
      'L5/S1 left subarticular stenosis: not assessable (axial stack does not cover this level)',
    ]);
    expect(buildImpression(reviewed)).toEqual(['L5/S1: moderate right subarticular stenosis']);
  });
});
