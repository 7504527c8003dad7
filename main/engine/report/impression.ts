/**
 * The impression in plain words: moderate and severe findings grouped by level, most severe first
 * ("L4/L5: severe spinal canal stenosis; moderate left neural foraminal narrowing"). Pure functions.
 */
import { CONDITIONS, LEVELS, levelDisplay, type Level } from '../../shared/targets';
import { conditionWords, targetWords, type ReviewedFinding } from './reviewedFindings';

export const NO_FINDINGS_IMPRESSION = 'No moderate or severe findings.';

const RANK = { Severe: 2, Moderate: 1 } as const;

function rank(r: ReviewedFinding): number {
  return r.grade === 'Severe' || r.grade === 'Moderate' ? RANK[r.grade] : 0;
}

/**
 * One line per level with a moderate or severe finding. Levels are ordered by their worst grade, then by
 * their count of severe findings, then cranial to caudal; within a line severe comes before moderate, then
 * the contract's condition order. Uncertain AI gradings carry "(uncertain)".
 */
export function buildImpression(reviewed: readonly ReviewedFinding[]): string[] {
  const byLevel = new Map<Level, ReviewedFinding[]>();
  for (const r of reviewed.filter((x) => rank(x) > 0))
    byLevel.set(r.finding.level, [...(byLevel.get(r.finding.level) ?? []), r]);
  const severeCount = (xs: ReviewedFinding[]): number => xs.filter((x) => rank(x) === 2).length;
  const levels = [...byLevel.entries()].sort(
    ([la, a], [lb, b]) =>
      Math.max(...b.map(rank)) - Math.max(...a.map(rank)) ||
      severeCount(b) - severeCount(a) ||
      LEVELS.indexOf(la) - LEVELS.indexOf(lb),
  );
  const lines = levels.map(([level, xs]) => {
    const parts = [...xs]
      .sort(
        (a, b) =>
          rank(b) - rank(a) ||
          CONDITIONS.indexOf(a.finding.condition) - CONDITIONS.indexOf(b.finding.condition),
      )
      .map((x) => {
        const uncertain = x.source === 'AI' && x.finding.uncertain ? ' (uncertain)' : '';
        return `${(x.grade ?? '').toLowerCase()} ${conditionWords(x.finding)}${uncertain}`;
      });
    return `${levelDisplay(level)}: ${parts.join('; ')}`;
  });
  return lines.length ? lines : [NO_FINDINGS_IMPRESSION];
}

/** Targets that could not be assessed and were not graded by a reader, with their reasons. */
export function notAssessableLines(reviewed: readonly ReviewedFinding[]): string[] {
  return reviewed
    .filter((r) => !r.finding.assessable && r.source === 'AI')
    .map(
      (r) =>
        `${targetWords(r.finding)}: not assessable (${r.finding.notAssessableReason ?? 'no reason given'})`,
    );
}
