/**
 * The findings panel of the layout: the 25 gradings appear here once an analysis exists (the findings
 * grid is a later part). Until then an honest empty state. Renderer code: no node, no engine.
 */
import type { JSX } from 'react';
import { CONDITIONS, LEVELS } from '../../../main/shared/targets';

/** Findings panel with its empty state. */
export function FindingsPanel(): JSX.Element {
  return (
    <aside
      aria-label="Findings"
      data-testid="findings-panel"
      className="flex min-h-0 flex-col rounded border border-slate-800 bg-slate-900"
    >
      <h2 className="border-b border-slate-800 px-3 py-1 text-xs font-semibold uppercase tracking-wide text-slate-300">
        Findings
      </h2>
      <div className="flex flex-1 flex-col items-center justify-center gap-2 p-4 text-center text-sm text-slate-400">
        <p>No analysis yet.</p>
        <p className="text-xs">
          After analysis, the {CONDITIONS.length * LEVELS.length} targets ({CONDITIONS.length} conditions ×{' '}
          {LEVELS.length} levels) are graded here, each with its probabilities and key image.
        </p>
      </div>
    </aside>
  );
}
