/**
 * Which studies are refused as not the lumbar spine, from Body Part Examined and Study Description.
 */
import { describe, expect, it } from 'vitest';
import type { InstanceHeader } from '../../../../main/engine/dicom/headerTypes';
import { missingRoles, nonSpineRegion } from '../../../../main/engine/dicom/studyChecks';

function header(bodyPartExamined: string, studyDescription: string): InstanceHeader {
  return { bodyPartExamined, study: { studyDescription } } as unknown as InstanceHeader;
}

describe('nonSpineRegion', () => {
  it.each([
    ['LSPINE', 'MRI LUMBAR SPINE W/O', undefined],
    ['', 'MR L-SPINE', undefined],
    ['SPINE', '', undefined],
    ['', 'TOTAL SPINE', undefined],
    ['', '', undefined],
    ['', 'Research 42', undefined],
    ['BRAIN', 'MRI BRAIN', 'BRAIN | MRI BRAIN'],
    ['KNEE', '', 'KNEE'],
    ['CSPINE', 'MR CERVICAL SPINE', 'CSPINE | MR CERVICAL SPINE'],
    ['', 'MR C-T-L SPINE', undefined],
  ])('%s / %s -> %s', (bodyPart, description, expected) => {
    expect(nonSpineRegion([header(bodyPart, description)])).toBe(expected);
  });
});

describe('missingRoles', () => {
  it('lists the required roles a study lacks', () => {
    expect(missingRoles(new Set(['Sagittal T1', 'Other']))).toEqual(['Sagittal T2/STIR', 'Axial T2']);
    expect(missingRoles(new Set(['Sagittal T1', 'Sagittal T2/STIR', 'Axial T2']))).toEqual([]);
  });
});
