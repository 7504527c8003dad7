/**
 * Runs one engine job (import, analysis, upload import) with its own progress bar in the store, fed by
 * the job events of the contract. Renderer code: imports only main/shared, never node or the engine.
 */
import type { ApiEvent } from '../../../main/shared/apiEvents';
import type { Result } from '../../../main/shared/errors';
import type { WorkspaceStore } from './workspaceStore';

/** A fresh job id for `kind`, unique within this page. */
export function newJobId(kind: string): string {
  return `${kind}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Show `label` as a job bar while `call(jobId)` runs; the bar goes when the call settles. */
export async function runJob<T>(
  store: WorkspaceStore,
  kind: string,
  label: string,
  call: (jobId: string) => Promise<Result<T>>,
): Promise<Result<T>> {
  const jobId = newJobId(kind);
  store.upsertJob({ jobId, label, stage: 'starting' });
  try {
    return await call(jobId);
  } finally {
    store.removeJob(jobId);
  }
}

/** Apply a job event to the bars of this page's own jobs (others are ignored). */
export function applyJobEvent(store: WorkspaceStore, e: ApiEvent): void {
  if (e.type !== 'job-progress') return;
  if (!store.getState().jobs.some((j) => j.jobId === e.jobId)) return;
  store.upsertJob({
    jobId: e.jobId,
    stage: e.stage,
    done: e.done,
    total: e.total,
    ...(e.message !== undefined ? { message: e.message } : {}),
  });
}
