/**
 * What one grid cell shows for a target: the grade in force (reader's or AI's), the AI grade beside it,
 * addenda after sign-off, uncertain and not-assessable reasons, and its accessible name. Pure functions.
 */
import type { AnalysisBundle, AnalysisRecord, ReaderOverride } from '../../../main/shared/analysis';
import type { Finding } from '../../../main/shared/findings';
import {
  CONDITION_INFO,
  levelDisplay,
  type Condition,
  type Level,
  type Severity,
} from '../../../main/shared/targets';

/** The engine flags a grading uncertain when its top probability is below this (gradeFindings.ts). */
export const UNCERTAIN_BELOW = 0.6;

export type DisplayedGrade = Severity | 'Not assessable';

export interface CellModel {
  condition: Condition;
  level: Level;
  finding: Finding | undefined;
  /** The grade word shown: the reader's latest grade before sign-off, else the AI's. */
  displayed: DisplayedGrade;
  source: 'AI' | 'Reader';
  aiGrade: Severity | null;
  /** The override that set `displayed` (before sign-off). */
  override?: ReaderOverride;
  /** Reader changes after sign-off, oldest first (shown as addenda, never replacing the signed grade). */
  addenda: ReaderOverride[];
  uncertainReason?: string;
  notAssessableReason?: string;
  /** e.g. "L4/L5 left subarticular stenosis: Severe". */
  name: string;
}

/** Plain words of a condition, e.g. "left subarticular stenosis". */
export function conditionWords(condition: Condition): string {
  return CONDITION_INFO[condition].titleCase.toLowerCase();
}

/** Percent with one decimal, e.g. 0.8452 -> "84.5%". */
export function percent(p: number): string {
  return `${(p * 100).toFixed(1)}%`;
}

/**
 * Why the engine flagged a finding uncertain, following its rule (model/gradeFindings.ts): top probability
 * under 60 %, levels localised on the sagittal T1 (no sagittal T2/STIR), or a foramen not located.
 */
export function uncertainReason(f: Finding, analysis: AnalysisRecord): string | undefined {
  if (!f.uncertain) return undefined;
  if (f.uncertainReason) return f.uncertainReason;
  const p = f.probabilities;
  if (p && Math.max(...p) < UNCERTAIN_BELOW)
    return `Top probability ${percent(Math.max(...p))} is under ${UNCERTAIN_BELOW * 100}%.`;
  if (!analysis.seriesUsed.some((s) => s.role === 'Sagittal T2/STIR'))
    return 'Levels were located on the sagittal T1 (no sagittal T2/STIR series): less reliable.';
  if (CONDITION_INFO[f.condition].group === 'foraminal')
    return `The ${f.side} foramen was not located at this level; graded around the level point.`;
  return 'Flagged by the engine for a careful look.';
}

/** The cell of one target in a bundle. */
export function cellModel(bundle: AnalysisBundle, condition: Condition, level: Level): CellModel {
  const { analysis, overrides } = bundle;
  const finding = analysis.findings.find((f) => f.condition === condition && f.level === level);
  const mine = overrides.filter((o) => o.condition === condition && o.level === level);
  const before = mine.filter((o) => !o.addendum);
  const override = before[before.length - 1];
  const aiGrade = finding?.grade ?? null;
  const displayed: DisplayedGrade = override?.grade ?? aiGrade ?? 'Not assessable';
  const notAssessable = finding === undefined || !finding.assessable;
  return {
    condition,
    level,
    finding,
    displayed,
    source: override ? 'Reader' : 'AI',
    aiGrade,
    ...(override ? { override } : {}),
    addenda: mine.filter((o) => o.addendum),
    ...(finding && !override ? { uncertainReason: uncertainReason(finding, analysis) } : {}),
    ...(notAssessable
      ? {
          notAssessableReason:
            finding?.notAssessableReason ?? 'The engine returned no finding for this target.',
        }
      : {}),
    name: `${levelDisplay(level)} ${conditionWords(condition)}: ${displayed}`,
  };
}
