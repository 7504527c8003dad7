/**
 * Synthetic study and analysis records for store and report tests. They test the store and the report,
 * not the model: the probabilities are made up, shaped like the contract.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AnalysisRecord, StudyInfo } from '../../../../main/shared/analysis';
import type { Finding, LevelPoint } from '../../../../main/shared/findings';
import {
  CONDITION_INFO,
  LEVELS,
  SEVERITIES,
  allTargets,
  type Condition,
  type Level,
} from '../../../../main/shared/targets';
import type { StudyImport } from '../../../../main/engine/store/types';

export const SAG_T2_UID = '1.2.826.0.1.3680043.8.498.2';
export const AXIAL_UID = '1.2.826.0.1.3680043.8.498.3';

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `spinegrade-${prefix}-`));
}

export function studyInfo(
  uid = '1.2.826.0.1.3680043.8.498.1',
  overrides: Partial<StudyInfo> = {},
): StudyInfo {
  return {
    studyInstanceUid: uid,
    patientName: 'Doe^Jane',
    patientId: 'PID-0001',
    patientBirthDate: '19700131',
    patientSex: 'F',
    studyDate: '20240315',
    accessionNumber: 'ACC-42',
    studyDescription: 'MRI LUMBAR SPINE',
    institutionName: 'Phantom General',
    ...overrides,
  };
}

/** A study import with `perSeries` instances in each of two series (paths need not exist for the store). */
export function studyImport(uid?: string, perSeries = 3, dir = '/data/export'): StudyImport {
  const series = [
    {
      seriesInstanceUid: SAG_T2_UID,
      seriesDescription: 'Sagittal T2/STIR',
      role: 'Sagittal T2/STIR' as const,
    },
    { seriesInstanceUid: AXIAL_UID, seriesDescription: 'Axial T2', role: 'Axial T2' as const },
  ];
  return {
    study: studyInfo(uid),
    series: series.map((s, si) => ({
      ...s,
      instances: Array.from({ length: perSeries }, (_, k) => ({
        sopInstanceUid: `${s.seriesInstanceUid}.${k + 1}`,
        filePath: path.join(dir, `s${si}`, `${k + 1}.dcm`),
        sha256: (si * 100 + k).toString(16).padStart(64, '0'),
        sizeBytes: 1000 + k,
      })),
    })),
  };
}

/** Grades by target column, e.g. { spinal_canal_stenosis_l4_l5: 2 }; all others Normal/Mild. */
export type GradeMap = Partial<Record<`${Condition}_${Level}`, 0 | 1 | 2 | 'na'>>;

function finding(condition: Condition, level: Level, g: 0 | 1 | 2 | 'na', k: number): Finding {
  if (g === 'na') {
    return {
      condition,
      level,
      side: CONDITION_INFO[condition].side,
      probabilities: null,
      grade: null,
      assessable: false,
      notAssessableReason: 'axial stack does not cover this level',
      uncertain: false,
      keyLocation: null,
    };
  }
  const p: [number, number, number] = [0.1, 0.1, 0.1];
  p[g] = 0.8;
  const onAxial = condition.includes('subarticular') || condition.startsWith('spinal');
  return {
    condition,
    level,
    side: CONDITION_INFO[condition].side,
    probabilities: p,
    grade: SEVERITIES[g],
    assessable: true,
    uncertain: k % 7 === 3,
    keyLocation: {
      seriesInstanceUid: onAxial ? AXIAL_UID : SAG_T2_UID,
      sopInstanceUid: `${onAxial ? AXIAL_UID : SAG_T2_UID}.${LEVELS.indexOf(level) + 1}`,
      sliceIndex: onAxial ? LEVELS.indexOf(level) * 2 + 1 : 4,
      row: 30 + LEVELS.indexOf(level) * 8,
      col: 32,
      positionLps: [0, 0, LEVELS.indexOf(level) * -30 + 0],
    },
  };
}

export function levelPoints(count = 5): LevelPoint[] {
  return Array.from({ length: count }, (_, i) => ({
    level: LEVELS[i % 5],
    seriesInstanceUid: SAG_T2_UID,
    sliceIndex: 4,
    row: 12 + (i % 5) * 9,
    col: 30,
    positionLps: [0, 1.5 * i, (i % 5) * -30 + 0] as const,
  }));
}

export function analysisRecord(
  analysisId: string,
  studyUid = '1.2.826.0.1.3680043.8.498.1',
  grades: GradeMap = {},
  extraLevelPoints = 0,
): AnalysisRecord {
  return {
    analysisId,
    studyInstanceUid: studyUid,
    createdAt: '2024-03-16T10:00:00.000Z',
    appVersion: '0.1.0',
    model: {
      id: 'phantom-2stage',
      version: '1.0.0',
      sha256: 'ab'.repeat(32),
      name: 'Phantom two-stage grader',
      intendedUse: 'Research use only: grading of lumbar MRI for demonstration.',
    },
    provider: 'cpu',
    providerNote: 'CUDA requested but not installed; used CPU.',
    timingsMs: { decode: 120, localise: 40, classify: 60 },
    seriesUsed: [
      {
        role: 'Sagittal T2/STIR',
        seriesInstanceUid: SAG_T2_UID,
        seriesDescription: 'Sagittal T2/STIR',
        sliceCount: 9,
      },
      { role: 'Axial T2', seriesInstanceUid: AXIAL_UID, seriesDescription: 'Axial T2', sliceCount: 10 },
    ],
    levelAssignmentMethod: 'sagittal localiser heatmaps, projected onto the axial stack',
    findings: allTargets().map((t, k) =>
      finding(t.condition, t.level, grades[`${t.condition}_${t.level}`] ?? 0, k),
    ),
    levelPoints: levelPoints(5 + extraLevelPoints),
  };
}
