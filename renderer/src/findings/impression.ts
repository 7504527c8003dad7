/**
 * The impression line of the summary: moderate and severe findings by level, most severe first, the same
 * rule as the printed summary (engine report/impression.ts). Pure functions.
 */
import type { AnalysisBundle } from '../../../main/shared/analysis';
import { CONDITIONS, LEVELS, levelDisplay, type Level } from '../../../main/shared/targets';
import { cellModel, conditionWords, type CellModel } from './cellModel';

export const NO_FINDINGS_IMPRESSION = 'No moderate or severe findings.';

function rank(c: CellModel): number {
  return c.displayed === 'Severe' ? 2 : c.displayed === 'Moderate' ? 1 : 0;
}

/** One line per level with a moderate or severe finding, worst level first, then cranial to caudal. */
export function impressionLines(bundle: AnalysisBundle): string[] {
  const byLevel = new Map<Level, CellModel[]>();
  for (const level of LEVELS)
    for (const condition of CONDITIONS) {
      const c = cellModel(bundle, condition, level);
      if (rank(c) > 0) byLevel.set(level, [...(byLevel.get(level) ?? []), c]);
    }
  const severe = (xs: CellModel[]): number => xs.filter((x) => rank(x) === 2).length;
  const lines = [...byLevel.entries()]
    .sort(
      ([la, a], [lb, b]) =>
        Math.max(...b.map(rank)) - Math.max(...a.map(rank)) ||
        severe(b) - severe(a) ||
        LEVELS.indexOf(la) - LEVELS.indexOf(lb),
    )
    .map(([level, xs]) => {
      const parts = [...xs]
        .sort(
          (a, b) => rank(b) - rank(a) || CONDITIONS.indexOf(a.condition) - CONDITIONS.indexOf(b.condition),
        )
        .map(
          (x) =>
            `${x.displayed.toLowerCase()} ${conditionWords(x.condition)}${x.uncertainReason ? ' (uncertain)' : ''}`,
        );
      return `${levelDisplay(level)}: ${parts.join('; ')}`;
    });
  return lines.length ? lines : [NO_FINDINGS_IMPRESSION];
}
