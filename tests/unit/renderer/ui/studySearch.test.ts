// Study list search by patient name, ID, study date (either form) and accession.
import { describe, expect, it } from 'vitest';
import type { StudyListItem } from '../../../../main/shared/apiRecords';
import { matchesStudy } from '../../../../renderer/src/studies/studySearch';

const item: StudyListItem = {
  study: {
    studyInstanceUid: '1.2',
    patientName: 'DOE^JANE',
    patientId: 'PID-778',
    patientBirthDate: '19700101',
    patientSex: 'F',
    studyDate: '20240315',
    accessionNumber: 'ACC991',
    studyDescription: 'MRI L-SPINE',
    institutionName: '',
  },
  seriesCount: 3,
  instanceCount: 60,
  firstImportedAt: '',
  lastImportedAt: '',
  analyses: [],
};

describe('matchesStudy', () => {
  it.each(['jane doe', 'pid-778', '20240315', '2024-03-15', 'acc991', 'DOE 2024-03'])('finds %s', (q) => {
    expect(matchesStudy(item, q)).toBe(true);
  });
  it.each(['smith', '2023', 'acc992'])('does not find %s', (q) => {
    expect(matchesStudy(item, q)).toBe(false);
  });
});
