/**
 * Role classification from plane, description and timing, and the mismatches it reports.
 */
import { describe, expect, it } from 'vitest';
import {
  classifyRole,
  contrastFromDescription,
  planeFromDescription,
} from '../../../../main/engine/dicom/classifyRole';
import type { RoleInput } from '../../../../main/engine/dicom/classifyRole';

const base: RoleInput = {
  plane: 'sagittal',
  seriesDescription: '',
  timing: {},
  scanningSequence: '',
  sliceCount: 15,
};

describe('classifyRole', () => {
  it.each([
    ['sagittal', 'Sagittal T1', {}, 'Sagittal T1'],
    ['sagittal', 'SAG T2 FRFSE', {}, 'Sagittal T2/STIR'],
    ['sagittal', 't2_tse_sag_384', {}, 'Sagittal T2/STIR'],
    ['sagittal', 'Sag STIR', {}, 'Sagittal T2/STIR'],
    ['sagittal', 'SAG TIRM', {}, 'Sagittal T2/STIR'],
    ['axial', 'AX T2', {}, 'Axial T2'],
    ['axial', 't2_tse_tra', {}, 'Axial T2'],
    ['axial', 'AX T1', {}, 'Other'],
    ['coronal', 'COR T2', {}, 'Other'],
    ['sagittal', 'Localizer', { repetitionTimeMs: 500, echoTimeMs: 10 }, 'Other'],
    // No contrast in the description: TR/TE/TI decide.
    ['sagittal', 'SAG', { repetitionTimeMs: 550, echoTimeMs: 9 }, 'Sagittal T1'],
    ['sagittal', 'series 3', { repetitionTimeMs: 3000, echoTimeMs: 110 }, 'Sagittal T2/STIR'],
    ['sagittal', '', { repetitionTimeMs: 4500, echoTimeMs: 40, inversionTimeMs: 170 }, 'Sagittal T2/STIR'],
    ['axial', '', { repetitionTimeMs: 5000, echoTimeMs: 90 }, 'Axial T2'],
    ['axial', '', {}, 'Other'],
  ] as const)('%s "%s" %j -> %s', (plane, description, timing, role) => {
    expect(classifyRole({ ...base, plane, seriesDescription: description, timing }).role).toBe(role);
  });

  it('trusts geometry over a description naming another plane, and says so', () => {
    const d = classifyRole({ ...base, plane: 'axial', seriesDescription: 'Sagittal T2' });
    expect(d.role).toBe('Axial T2');
    expect(d.mismatch).toMatch(/sagittal.*axial/);
  });

  it('reports a description contradicting the timing', () => {
    const d = classifyRole({
      ...base,
      seriesDescription: 'SAG T1',
      timing: { repetitionTimeMs: 3500, echoTimeMs: 100 },
    });
    expect(d.role).toBe('Sagittal T1');
    expect(d.mismatch).toMatch(/T1.*T2/);
  });

  it('gives a single slice no grading role', () => {
    expect(classifyRole({ ...base, seriesDescription: 'Sagittal T1', sliceCount: 1 }).role).toBe('Other');
  });

  it('parses plane and contrast words', () => {
    expect(planeFromDescription('AXT2')).toBe('axial');
    expect(planeFromDescription('T2 TRA')).toBe('axial');
    expect(planeFromDescription('relax T2')).toBeUndefined();
    expect(contrastFromDescription('T1 T2 combo')).toBeUndefined();
  });
});
