/**
 * One progress bar per running job (stage, count, Cancel), from the job events of the contract.
 * Renderer code: imports only main/shared, never node or the engine.
 */
import type { JSX } from 'react';
import { actions, useWorkspace } from '../workspace/workspace';

/** The bars of this window's running jobs (nothing when none runs). */
export function JobBars(): JSX.Element | null {
  const jobs = useWorkspace((s) => s.jobs);
  if (jobs.length === 0) return null;
  return (
    <section
      aria-label="Running jobs"
      className="flex flex-col gap-1 border-b border-zinc-800 bg-zinc-900 px-3 py-1.5"
    >
      {jobs.map((j) => {
        const pct = j.total > 0 ? Math.round((100 * j.done) / j.total) : undefined;
        const cancellable = !j.jobId.startsWith('upload');
        return (
          <div key={j.jobId} className="flex items-center gap-3 text-xs" data-testid="job">
            <span className="w-72 truncate text-zinc-200" title={j.label}>
              {j.label}
            </span>
            <progress
              aria-label={`${j.label}: ${j.stage}`}
              max={j.total > 0 ? j.total : undefined}
              value={j.total > 0 ? j.done : undefined}
              className="h-2 flex-1 accent-sky-500"
            />
            <span className="w-56 truncate tabular-nums text-zinc-400">
              {j.stage}
              {j.total > 0 ? ` ${j.done}/${j.total}${pct !== undefined ? ` (${pct}%)` : ''}` : ''}
              {j.message ? ` — ${j.message}` : ''}
            </span>
            {cancellable && (
              <button
                type="button"
                disabled={j.cancelling}
                onClick={() => void actions.cancelJob(j.jobId)}
                className="rounded border border-zinc-600 px-2 py-0.5 text-zinc-200 hover:bg-zinc-800 disabled:opacity-50"
              >
                {j.cancelling ? 'Cancelling…' : 'Cancel'}
              </button>
            )}
          </div>
        );
      })}
    </section>
  );
}
