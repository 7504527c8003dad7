/** Key to the grid's colours and marks (colour is never the only carrier of a grade). */
import type { JSX } from 'react';
import { GRADE_STYLES } from './gradeStyle';

const GRADES = ['Normal/Mild', 'Moderate', 'Severe', 'Not assessable'] as const;

/** One line of swatches and mark meanings. */
export function GradeLegend(): JSX.Element {
  return (
    <p
      className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-[10px] text-zinc-400"
      data-testid="grade-legend"
    >
      {GRADES.map((g) => (
        <span key={g} className="flex items-center gap-1">
          <span aria-hidden="true" className={`inline-block h-2 w-2 rounded-sm ${GRADE_STYLES[g].bar}`} />
          {g}
        </span>
      ))}
      <span>
        <span className="rounded bg-sky-800 px-0.5 font-bold text-sky-100">R</span> reader grade
      </span>
      <span>
        <span className="font-bold text-amber-300">?</span> uncertain
      </span>
      <span>bar: P(normal/mild | moderate | severe)</span>
    </p>
  );
}
