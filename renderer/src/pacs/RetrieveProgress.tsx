/**
 * Progress of the running retrieve (instances received, then the import) with Cancel.
 * Renderer code: imports only main/shared, never node or the engine.
 */
import type { JSX } from 'react';

export interface RetrieveView {
  jobId: string;
  label: string;
  stage: string;
  done: number;
  total: number;
  cancelling: boolean;
}

/** One bar and its Cancel button. */
export function RetrieveProgress({ job, onCancel }: { job: RetrieveView; onCancel: () => void }): JSX.Element {
  const stage = job.stage === 'retrieve' ? 'instances received' : job.stage;
  return (
    <div className="flex flex-col gap-1 rounded border border-sky-900 bg-sky-950/30 p-1.5 text-[11px]" data-testid="pacs-retrieve">
      <span className="truncate text-zinc-200" title={job.label}>
        {job.label}
      </span>
      <progress
        aria-label="Retrieve progress"
        max={job.total > 0 ? job.total : undefined}
        value={job.total > 0 ? job.done : undefined}
        className="h-2 w-full accent-sky-500"
      />
      <span className="tabular-nums text-zinc-400" data-testid="pacs-retrieve-stage">
        {stage}
        {job.total > 0 ? ` ${job.done}/${job.total}` : ''}
      </span>
      <button
        type="button"
        disabled={job.cancelling}
        onClick={onCancel}
        className="self-start rounded border border-zinc-600 px-2 py-0.5 text-zinc-200 hover:bg-zinc-800 disabled:opacity-50"
      >
        {job.cancelling ? 'Cancelling…' : 'Cancel retrieve'}
      </button>
    </div>
  );
}
