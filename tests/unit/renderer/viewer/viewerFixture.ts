// A small StudyDetail (sagittal T2, sagittal T1, axial T2 in two stacks) and an analysis on it, built in
// code with known geometry, for the viewer's pure modules.
import type { AnalysisRecord } from '../../../../main/shared/analysis';
import type { SeriesDetail, StackDetail, StudyDetail } from '../../../../main/shared/apiWorkspace';
import type { Finding, KeyLocation, SeriesRole } from '../../../../main/shared/findings';
import type { Condition, Level, Severity } from '../../../../main/shared/targets';
import type { Vec3 } from '../../../../main/shared/vec3';

/** A stack of `n` slices at `spacingMm` along `normal` starting at `origin`. */
export function stackOf(
  seriesUid: string,
  stackIndex: number,
  role: SeriesRole,
  u: Vec3,
  v: Vec3,
  origin: Vec3,
  n: number,
  spacingMm: number,
): StackDetail {
  const normal: Vec3 = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
  const positions = Array.from({ length: n }, (_, k): Vec3 => [
    origin[0] + k * spacingMm * normal[0],
    origin[1] + k * spacingMm * normal[1],
    origin[2] + k * spacingMm * normal[2],
  ]);
  return {
    seriesInstanceUid: seriesUid,
    stackIndex,
    role,
    geometry: {
      dims: [64, 48, n],
      spacingMm: [0.8, 0.9, spacingMm],
      originLps: positions[0],
      direction: [u, v, normal],
      slicePositionsLps: positions,
    },
    sopInstanceUids: positions.map((_, k) => `${seriesUid}.${stackIndex}.${k}`),
    instanceNumbers: positions.map((_, k) => k + 1),
  };
}

const series = (uid: string, role: SeriesRole, desc: string, stacks: StackDetail[]): SeriesDetail => ({
  seriesInstanceUid: uid,
  seriesDescription: desc,
  seriesNumber: 1,
  role,
  stacks,
});

// Sagittal: rows along +y (posterior), columns down -z; normal = u x v = +x... (here u=[0,1,0], v=[0,0,-1] -> n=[-1,0,0]).
const SAG_U: Vec3 = [0, 1, 0];
const SAG_V: Vec3 = [0, 0, -1];
const AX_U: Vec3 = [1, 0, 0];
const AX_V: Vec3 = [0, 1, 0];

export function studyDetail(): StudyDetail {
  return {
    study: {
      studyInstanceUid: 'study-1',
      patientName: 'DOE^JANE',
      patientId: 'P1',
      patientBirthDate: '',
      patientSex: 'F',
      studyDate: '',
      accessionNumber: '',
      studyDescription: '',
      institutionName: '',
    },
    series: [
      series('sag-t2', 'Sagittal T2/STIR', 'SAG T2', [
        stackOf('sag-t2', 0, 'Sagittal T2/STIR', SAG_U, SAG_V, [30, -50, 100], 15, 4),
      ]),
      series('sag-t1', 'Sagittal T1', 'SAG T1', [
        stackOf('sag-t1', 0, 'Sagittal T1', SAG_U, SAG_V, [30, -50, 100], 15, 4),
      ]),
      series('ax-t2', 'Axial T2', 'AX T2', [
        stackOf('ax-t2', 0, 'Axial T2', AX_U, AX_V, [-30, -50, 0], 10, 4),
        stackOf('ax-t2', 1, 'Axial T2', AX_U, AX_V, [-30, -50, 60], 10, 4),
      ]),
    ],
    analyses: [],
    problems: [],
  };
}

export function keyLocation(stack: StackDetail, k: number, positionLps?: Vec3): KeyLocation {
  return {
    seriesInstanceUid: stack.seriesInstanceUid,
    sopInstanceUid: stack.sopInstanceUids[k],
    sliceIndex: k,
    row: 10,
    col: 10,
    positionLps: positionLps ?? stack.geometry.slicePositionsLps[k],
  };
}

export function finding(
  condition: Condition,
  level: Level,
  grade: Severity,
  loc: KeyLocation | null,
): Finding {
  const p: [number, number, number] =
    grade === 'Severe' ? [0.1, 0.2, 0.7] : grade === 'Moderate' ? [0.2, 0.7, 0.1] : [0.9, 0.08, 0.02];
  return {
    condition,
    level,
    side: condition.startsWith('left') ? 'left' : condition.startsWith('right') ? 'right' : 'center',
    probabilities: p,
    grade,
    assessable: true,
    uncertain: false,
    keyLocation: loc,
  };
}

export function analysisWith(
  findings: Finding[],
  levelPoints: AnalysisRecord['levelPoints'] = [],
): AnalysisRecord {
  return {
    analysisId: 'a-1',
    studyInstanceUid: 'study-1',
    createdAt: '2026-01-01T00:00:00Z',
    appVersion: '0',
    model: { id: 'm', version: '1', sha256: 'x', name: 'm', intendedUse: '' },
    provider: 'cpu',
    timingsMs: {},
    seriesUsed: [],
    levelAssignmentMethod: '',
    findings,
    levelPoints,
  };
}
