/**
 * The three-segment probability bar [normal/mild | moderate | severe]; widths are the probabilities.
 * Decorative for assistive technology (the exact numbers are in the cell's description).
 */
import type { JSX } from 'react';
import type { Probabilities } from '../../../main/shared/findings';
import { BAR_COLOURS } from './gradeStyle';

/** A thin stacked bar; empty (grey) when there are no probabilities. */
export function ProbabilityBar({ probabilities }: { probabilities: Probabilities | null }): JSX.Element {
  return (
    <div
      aria-hidden="true"
      data-testid="probability-bar"
      className="flex h-1.5 w-full overflow-hidden rounded-sm bg-zinc-800"
    >
      {probabilities?.map((p, i) => (
        <div
          key={i}
          data-segment={i}
          className={BAR_COLOURS[i]}
          style={{ width: `${(p * 100).toFixed(2)}%` }}
        />
      ))}
    </div>
  );
}
