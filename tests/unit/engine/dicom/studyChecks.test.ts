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
    // Other languages: the lumbar spine, and the head or brain.
    ['RACHIS', 'IRM RACHIS LOMBAIRE', undefined],
    ['', 'Colonna lombare', undefined],
    ['', 'MRT LWS nativ', undefined],
    ['', 'RM columna lumbar', undefined],
    ['TETE', 'IRM ENCEPHALE', 'TETE | IRM ENCEPHALE'],
    ['', 'IRM cérébrale', 'IRM cérébrale'],
    ['', 'Crâne sans injection', 'Crâne sans injection'],
    ['SCHAEDEL', 'MRT Schädel', 'SCHAEDEL | MRT Schädel'],
    ['', 'MRT Kopf', 'MRT Kopf'],
    ['', 'RM cerebro', 'RM cerebro'],
    ['', 'RM cabeza', 'RM cabeza'],
    ['', 'RM encefalo', 'RM encefalo'],
    ['', 'MRI hersenen', 'MRI hersenen'],
    ['', 'MR mózgowia', 'MR mózgowia'],
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
