// The on-screen impression: moderate and severe findings by level, most severe first, reader grades used.
import { describe, expect, it } from 'vitest';
import { impressionLines, NO_FINDINGS_IMPRESSION } from '../../../../renderer/src/findings/impression';
import { bundleWith, withOverride } from './analysisFixture';

describe('impressionLines', () => {
  it('says so when nothing is moderate or severe', () => {
    expect(impressionLines(bundleWith())).toEqual([NO_FINDINGS_IMPRESSION]);
  });

  it('orders levels by worst grade, then severe count, then cranial to caudal; severe first in a line', () => {
    const b = bundleWith({
      spinal_canal_stenosis_l2_l3: [0.1, 0.8, 0.1],
      left_neural_foraminal_narrowing_l4_l5: [0.1, 0.8, 0.1],
      spinal_canal_stenosis_l4_l5: [0.1, 0.1, 0.8],
      right_subarticular_stenosis_l5_s1: [0.1, 0.1, 0.8],
      left_subarticular_stenosis_l5_s1: [0.1, 0.1, 0.8],
    });
    expect(impressionLines(b)).toEqual([
      'L5/S1: severe left subarticular stenosis; severe right subarticular stenosis',
      'L4/L5: severe spinal canal stenosis; moderate left neural foraminal narrowing',
      'L2/L3: moderate spinal canal stenosis',
    ]);
  });

  it('uses the reader grade before sign-off and marks uncertain AI grades', () => {
    let b = bundleWith({
      spinal_canal_stenosis_l4_l5: [0.1, 0.1, 0.8],
      spinal_canal_stenosis_l1_l2: [0.3, 0.45, 0.25],
    });
    b = withOverride(b, { condition: 'spinal_canal_stenosis', level: 'l4_l5', grade: 'Normal/Mild' });
    expect(impressionLines(b)).toEqual(['L1/L2: moderate spinal canal stenosis (uncertain)']);
  });
});
