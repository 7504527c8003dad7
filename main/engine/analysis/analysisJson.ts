/**
 * The JSON form of analyses for scripts (`analyze --json`): per analysis the model, provider, timings and
 * the 25 findings with RSNA snake-case condition/level names. Plain Node; never imports electron or the faces.
 */
import type { AnalysisRecord } from '../../shared/analysis';
import type { Finding, ModelRef } from '../../shared/findings';
import type { ImportProblem } from '../dicom/importTypes';

/** One finding as scripts read it: every field of the shared Finding (notAssessableReason only when set). */
export type FindingJson = Finding;

/**
 * One analysis as scripts read it: the stored record less what only the viewer and report use
 * (levelAssignmentMethod, levelPoints, the model's display name and intended-use text).
 */
export type AnalysisJson = Pick<
  AnalysisRecord,
  | 'studyInstanceUid'
  | 'analysisId'
  | 'createdAt'
  | 'appVersion'
  | 'provider'
  | 'providerNote'
  | 'timingsMs'
  | 'seriesUsed'
> & { model: ModelRef; findings: FindingJson[] };

export interface AnalyzeJson {
  analyses: AnalysisJson[];
  problems: ImportProblem[];
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

/** One analysis as written by `analyze --json` (fields in a fixed order). */
export function analysisJson(r: AnalysisRecord): AnalysisJson {
  return {
    studyInstanceUid: r.studyInstanceUid,
    analysisId: r.analysisId,
    createdAt: r.createdAt,
    appVersion: r.appVersion,
    model: { id: r.model.id, version: r.model.version, sha256: r.model.sha256 },
    provider: r.provider,
    ...(r.providerNote ? { providerNote: r.providerNote } : {}),
    timingsMs: Object.fromEntries(Object.entries(r.timingsMs).map(([k, v]) => [k, round(v)])),
    seriesUsed: r.seriesUsed,
    findings: r.findings.map((f) => ({
      condition: f.condition,
      level: f.level,
      side: f.side,
      probabilities: f.probabilities,
      grade: f.grade,
      assessable: f.assessable,
      ...(f.notAssessableReason ? { notAssessableReason: f.notAssessableReason } : {}),
      uncertain: f.uncertain,
      ...(f.uncertainReason ? { uncertainReason: f.uncertainReason } : {}),
      keyLocation: f.keyLocation,
    })),
  };
}
