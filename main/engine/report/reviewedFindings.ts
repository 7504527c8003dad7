/**
 * Merge the AI findings with reader overrides into what the report shows per target: the reader's latest
 * pre-sign-off grade wins, the AI value stays beside it; addenda (after sign-off) are listed apart.
 * Pure functions; never imports electron.
 */
import type { ReaderOverride } from '../../shared/analysis';
import type { Finding } from '../../shared/findings';
import { CONDITION_INFO, levelDisplay, type Severity } from '../../shared/targets';

export interface ReviewedFinding {
  finding: Finding;
  /** Grade reported: the reader's when overridden, else the AI's; null when not assessable and not overridden. */
  grade: Severity | null;
  source: 'AI' | 'Reader';
  /** The override that set `grade`, when source is Reader. */
  override?: ReaderOverride;
}

/** Plain-words name of a condition, e.g. "left neural foraminal narrowing". */
export function conditionWords(finding: Pick<Finding, 'condition'>): string {
  return CONDITION_INFO[finding.condition].titleCase.toLowerCase();
}

/** e.g. "L4/L5 left neural foraminal narrowing". */
export function targetWords(t: Pick<Finding, 'condition' | 'level'>): string {
  return `${levelDisplay(t.level)} ${conditionWords(t)}`;
}

/**
 * One reviewed finding per AI finding, in the analysis order. Only overrides made before sign-off
 * (addendum false) change the reported grade: the signed report stays as it was signed.
 */
export function reviewFindings(
  findings: readonly Finding[],
  overrides: readonly ReaderOverride[],
): ReviewedFinding[] {
  return findings.map((finding) => {
    const mine = overrides.filter(
      (o) => !o.addendum && o.condition === finding.condition && o.level === finding.level,
    );
    const last = mine[mine.length - 1];
    return last
      ? { finding, grade: last.grade, source: 'Reader', override: last }
      : { finding, grade: finding.grade, source: 'AI' };
  });
}
