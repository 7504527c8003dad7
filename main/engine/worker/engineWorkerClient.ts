/**
 * The engine's side of its worker thread: starts it on first use (built .js, or the .ts source under the
 * tsx require hook), sends tasks, relays progress, turns an AbortSignal into a 'cancel' message and, when the
 * worker does not stop within a grace period, terminates it (the next task starts a fresh one). Where
 * no worker can start, tasks run in this thread and the reason is kept. Plain Node; never imports electron.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import type { JobProgress } from '../jobs';
import {
  fromWireError,
  type FromWorker,
  type TaskValue,
  type ToWorker,
  type WorkerTask,
} from './workerProtocol';
import { runWorkerTask } from './workerTasks';

/** How long a cancelled task may take to notice before its worker is terminated. */
export const CANCEL_GRACE_MS = 1500;

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  onProgress?: (p: JobProgress) => void;
}

/** The worker entry beside this file: compiled .js (built app, dist/) or .ts with tsx's require hook. */
export function workerEntry(dir: string = __dirname): { file: string; execArgv?: string[] } {
  const js = path.join(dir, 'engineWorker.js');
  if (existsSync(js)) return { file: js };
  const tsxCjs = createRequire(__filename).resolve('tsx/cjs');
  return { file: path.join(dir, 'engineWorker.ts'), execArgv: ['--require', tsxCjs] };
}

export interface TaskOptions {
  signal?: AbortSignal;
  onProgress?: (p: JobProgress) => void;
}

/** One worker thread running engine tasks one message at a time (tasks may overlap inside it). */
export class EngineWorkerClient {
  private worker: Worker | undefined;
  private ready = false;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Why tasks run in this thread (the worker could not start), once that happened. */
  inThreadReason: string | undefined;

  constructor(
    private readonly name: string,
    /** Told once why tasks run in this thread from now on (the face logs it). */
    private readonly onInThread: (reason: string) => void = () => undefined,
  ) {}

  private start(): Worker {
    const entry = workerEntry();
    const w = new Worker(entry.file, {
      name: this.name,
      ...(entry.execArgv ? { execArgv: entry.execArgv } : {}),
    });
    w.on('message', (m: FromWorker) => this.onMessage(m));
    w.on('error', (e: Error) => this.onGone(w, e));
    w.on('exit', (code) => this.onGone(w, new Error(`the engine worker exited (code ${code})`)));
    w.unref(); // held (ref) only while tasks are pending, so an idle worker never keeps a process alive
    this.ready = false;
    return w;
  }

  private onMessage(m: FromWorker): void {
    if (m.type === 'ready') {
      this.ready = true;
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === 'progress') p.onProgress?.(m.progress);
    else {
      this.pending.delete(m.id);
      if (m.type === 'result') p.resolve(m.value);
      else p.reject(fromWireError(m.error));
    }
  }

  /** The worker died or could not start: pending tasks fail; a worker that never started means in-thread. */
  private onGone(w: Worker, e: Error): void {
    if (this.worker !== w) return;
    this.worker = undefined;
    if (!this.ready && this.inThreadReason === undefined) {
      this.inThreadReason = `the engine worker could not start: ${e.message}`;
      this.onInThread(this.inThreadReason);
    }
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  /** Run `task` in the worker (or in this thread where no worker can start). */
  run<T extends WorkerTask>(task: T, o: TaskOptions = {}): Promise<TaskValue<T>> {
    if (o.signal?.aborted) return Promise.reject(new AppError('ABORTED', 'The job was cancelled.'));
    if (this.inThreadReason !== undefined) return this.runHere(task, o);
    const w = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise<TaskValue<T>>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const onAbort = (): void => {
        w.postMessage({ type: 'cancel', id } satisfies ToWorker);
        timer = setTimeout(() => {
          if (!this.pending.has(id)) return;
          this.pending.delete(id);
          reject(new AppError('ABORTED', 'The job was cancelled (its worker was stopped).'));
          void this.stop(w);
        }, CANCEL_GRACE_MS);
      };
      const done = (): void => {
        o.signal?.removeEventListener('abort', onAbort);
        if (timer) clearTimeout(timer);
        if (this.pending.size === 0 && this.worker === w) w.unref();
      };
      this.pending.set(id, {
        resolve: (v) => (done(), resolve(v as TaskValue<T>)),
        reject: (e) => (done(), reject(e)),
        onProgress: o.onProgress,
      });
      o.signal?.addEventListener('abort', onAbort, { once: true });
      if (this.pending.size === 1) w.ref();
      w.postMessage({ type: 'task', id, task } satisfies ToWorker);
    }).catch((e: unknown) => {
      if (this.inThreadReason !== undefined && !(e instanceof AppError)) return this.runHere(task, o);
      throw e;
    });
  }

  private runHere<T extends WorkerTask>(task: T, o: TaskOptions): Promise<TaskValue<T>> {
    const signal = o.signal ?? new AbortController().signal;
    return runWorkerTask(task, { signal, onProgress: o.onProgress ?? (() => undefined) });
  }

  private async stop(w: Worker): Promise<void> {
    if (this.worker === w) this.worker = undefined;
    const stopped = new AppError(
      'ABORTED',
      'Stopped: the engine worker was ended (shutdown or a cancelled job); try again.',
    );
    for (const p of this.pending.values()) p.reject(stopped);
    this.pending.clear();
    await w.terminate();
  }

  /** Terminate the worker (engine shutdown); a later task starts a fresh one. */
  async close(): Promise<void> {
    if (this.worker) await this.stop(this.worker);
  }
}
