// A test analysis bundle built from the shared types: every target graded from given probabilities, with
// helpers to mark one target uncertain, not assessable, overridden or signed. Test input, not a result.
import type { AnalysisBundle, AnalysisRecord, ReaderOverride } from '../../../../main/shared/analysis';
import type { Finding, Probabilities } from '../../../../main/shared/findings';
import {
  allTargets,
  CONDITION_INFO,
  SEVERITIES,
  type Condition,
  type Level,
} from '../../../../main/shared/targets';

const normal: Probabilities = [0.9, 0.07, 0.03];

function gradeOf(p: Probabilities): Finding['grade'] {
  return SEVERITIES[p.indexOf(Math.max(...p))];
}

/** A bundle whose targets all have `normal` probabilities except those in `probs` ("condition_level"). */
export function bundleWith(probs: Record<string, Probabilities> = {}): AnalysisBundle {
  const findings: Finding[] = allTargets().map(({ condition, level }) => {
    const p = probs[`${condition}_${level}`] ?? normal;
    return {
      condition,
      level,
      side: CONDITION_INFO[condition].side,
      probabilities: p,
      grade: gradeOf(p),
      assessable: true,
      uncertain: Math.max(...p) < 0.6,
      keyLocation: {
        seriesInstanceUid: '1.2.3',
        sopInstanceUid: `1.2.3.${level}`,
        sliceIndex: 7,
        row: 100,
        col: 120,
        positionLps: [1, 2, 3],
      },
    };
  });
  const analysis: AnalysisRecord = {
    analysisId: 'a-0001',
    studyInstanceUid: '1.2',
    createdAt: '2026-01-01T00:00:00.000Z',
    appVersion: '0.1.0',
    model: { id: 'm', version: '1.0.0', sha256: 'x', name: 'Test model', intendedUse: 'test' },
    provider: 'cpu',
    timingsMs: { total: 321 },
    seriesUsed: [
      { role: 'Sagittal T2/STIR', seriesInstanceUid: '1.2.3', seriesDescription: 'SAG T2', sliceCount: 15 },
    ],
    levelAssignmentMethod: 'test',
    findings,
    levelPoints: [],
  };
  return { analysis, overrides: [], signOff: null };
}

/** Mark a target not assessable with a reason. */
export function notAssessable(
  b: AnalysisBundle,
  condition: Condition,
  level: Level,
  reason: string,
): AnalysisBundle {
  const findings = b.analysis.findings.map((f) =>
    f.condition === condition && f.level === level
      ? {
          ...f,
          probabilities: null,
          grade: null,
          assessable: false,
          notAssessableReason: reason,
          uncertain: false,
          keyLocation: null,
        }
      : f,
  );
  return { ...b, analysis: { ...b.analysis, findings } };
}

/** Add a reader override (an addendum when `addendum`). */
export function withOverride(
  b: AnalysisBundle,
  o: Pick<ReaderOverride, 'condition' | 'level' | 'grade'> & Partial<ReaderOverride>,
): AnalysisBundle {
  const full: ReaderOverride = {
    analysisId: b.analysis.analysisId,
    note: '',
    reader: 'Dr Test',
    createdAt: '2026-01-01T01:00:00.000Z',
    addendum: false,
    ...o,
  };
  return { ...b, overrides: [...b.overrides, full] };
}
