/**
 * The JSON form of analyses for scripts (`analyze --json`): per analysis the model, provider, timings and
 * the 25 findings with RSNA snake-case condition/level names. Plain Node; never imports electron or the faces.
 */
import type { AnalysisRecord, SeriesUsed } from '../../shared/analysis';
import type { KeyLocation, ModelRef, Probabilities } from '../../shared/findings';
import type { Condition, Level, Severity, Side } from '../../shared/targets';
import type { ImportProblem } from '../import/importTypes';

export interface FindingJson {
  condition: Condition;
  level: Level;
  side: Side;
  /** [normal_mild, moderate, severe]; null when not assessable. */
  probabilities: Probabilities | null;
  grade: Severity | null;
  assessable: boolean;
  notAssessableReason?: string;
  uncertain: boolean;
  keyLocation: KeyLocation | null;
}

export interface AnalysisJson {
  studyInstanceUid: string;
  analysisId: string;
  createdAt: string;
  appVersion: string;
  model: ModelRef;
  provider: string;
  providerNote?: string;
  timingsMs: Record<string, number>;
  seriesUsed: SeriesUsed[];
  findings: FindingJson[];
}

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
      keyLocation: f.keyLocation,
    })),
  };
}
