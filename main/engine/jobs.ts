/**
 * Long jobs of the engine: a jobId per call, a progress callback turned into events, an AbortSignal
 * that cancelJob trips. Plain Node; never imports electron.
 */
import type { ApiMethod } from '../shared/api';
import type { EngineEvent } from '../shared/apiEvents';
import { AppError, fail, isAppError, type Result } from '../shared/errors';

/** Progress of one stage of a job: `done` of `total` units. */
export interface JobProgress {
  stage: string;
  done: number;
  total: number;
  message?: string;
}

/** What an engine function receives to report progress and to notice cancellation. */
export interface JobContext {
  onProgress: (progress: JobProgress) => void;
  signal: AbortSignal;
}

/**
 * Within one stage, at most one progress event per this many ms reaches the faces (an import sends one per
 * file: 60+ events in 200 ms, each a re-render of the renderer's job bar over SSE or IPC).
 */
export const PROGRESS_INTERVAL_MS = 100;

/**
 * Progress passed on at most once per PROGRESS_INTERVAL_MS within a stage; the first of a stage and its last
 * unit (done = total) always go at once, and a held one goes when its interval ends unless a newer replaced it.
 */
function throttledProgress(emit: (p: JobProgress) => void): {
  onProgress: (p: JobProgress) => void;
  stop: () => void;
} {
  let last: { stage: string; at: number } | undefined;
  let held: JobProgress | undefined;
  let timer: NodeJS.Timeout | undefined;
  const send = (p: JobProgress): void => {
    last = { stage: p.stage, at: performance.now() };
    held = undefined;
    emit(p);
  };
  const stop = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    held = undefined;
  };
  const onProgress = (p: JobProgress): void => {
    const now = performance.now();
    if (!last || last.stage !== p.stage || p.done >= p.total || now - last.at >= PROGRESS_INTERVAL_MS) {
      stop();
      send(p);
      return;
    }
    held = p;
    if (timer) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        if (held) send(held);
      },
      PROGRESS_INTERVAL_MS - (now - last.at),
    );
    timer.unref?.();
  };
  return { onProgress, stop };
}

/** Runs jobs, keeps their AbortControllers by id, and publishes progress and end events. */
export class JobRunner {
  private readonly running = new Map<string, AbortController>();
  private nextId = 1;

  constructor(private readonly emit: (event: EngineEvent) => void) {}

  /** Run `work` as job `jobId` (or a fresh id); AppErrors and aborts come back as { ok: false }. */
  async run<T>(
    method: ApiMethod,
    jobId: string | undefined,
    work: (ctx: JobContext) => Promise<T>,
  ): Promise<Result<T>> {
    const id = jobId ?? `job-${this.nextId++}`;
    if (this.running.has(id)) {
      return fail({ code: 'INVALID_ARGUMENT', message: `A job with id "${id}" is already running.` });
    }
    const controller = new AbortController();
    this.running.set(id, controller);
    const progress = throttledProgress((p) => this.emit({ type: 'job-progress', jobId: id, method, ...p }));
    try {
      const value = await work({ onProgress: progress.onProgress, signal: controller.signal });
      if (controller.signal.aborted) throw new AppError('ABORTED', 'The job was cancelled.');
      this.emit({ type: 'job-end', jobId: id, method, ok: true });
      return { ok: true, value };
    } catch (e) {
      const error = isAppError(e)
        ? e.toInfo()
        : controller.signal.aborted
          ? { code: 'ABORTED' as const, message: 'The job was cancelled.' }
          : undefined;
      if (!error) {
        this.emit({ type: 'job-end', jobId: id, method, ok: false });
        throw e;
      }
      this.emit({ type: 'job-end', jobId: id, method, ok: false, error });
      return fail(error);
    } finally {
      progress.stop();
      this.running.delete(id);
    }
  }

  /** Trip the AbortSignal of a running job; false when no such job runs. */
  cancel(jobId: string): boolean {
    const controller = this.running.get(jobId);
    if (!controller) return false;
    controller.abort();
    return true;
  }

  /** Cancel every running job (engine shutdown). */
  cancelAll(): void {
    for (const c of this.running.values()) c.abort();
  }
}
