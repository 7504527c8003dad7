import { describe, expect, it } from 'vitest';
import {
  allTargets,
  CONDITION_INFO,
  conditionFromTitleCase,
  levelDisplay,
  levelFromDisplay,
  rowId,
  severityIndex,
  SEVERITY_WEIGHTS,
} from '../../../main/shared/targets';

describe('targets', () => {
  it('lists 25 distinct targets', () => {
    const t = allTargets();
    expect(t).toHaveLength(25);
    expect(new Set(t.map((x) => `${x.condition}_${x.level}`)).size).toBe(25);
  });
  it('spells levels, conditions, severities and row ids as RSNA does', () => {
    expect(levelDisplay('l5_s1')).toBe('L5/S1');
    expect(levelFromDisplay('L4/L5')).toBe('l4_l5');
    expect(levelFromDisplay('L6/S1')).toBeUndefined();
    expect(conditionFromTitleCase('Left Neural Foraminal Narrowing')).toBe('left_neural_foraminal_narrowing');
    expect(severityIndex('Severe')).toBe(2);
    expect(severityIndex('')).toBeUndefined();
    expect(rowId('44036939', 'spinal_canal_stenosis', 'l1_l2')).toBe('44036939_spinal_canal_stenosis_l1_l2');
    expect(CONDITION_INFO.right_subarticular_stenosis.titleCase).toBe('Right Subarticular Stenosis');
  });
  it('weights Severe 4, not 3', () => {
    expect(SEVERITY_WEIGHTS).toEqual([1, 2, 4]);
  });
});
