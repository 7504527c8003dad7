/**
 * Runs phantom study generation in child processes (node:child_process fork), one study at a time per
 * child, so `--workers N` uses N cores. Output does not depend on N. Never imports electron.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../shared/errors';
import type { StudyOptions, StudyRecord } from './study';

/** Message to a child: generate one study and write its files under `outDir`. */
export interface WorkerTask {
  options: StudyOptions;
  outDir: string;
}

/** Reply from a child. */
export type WorkerReply =
  | { kind: 'done'; studyIndex: number; record: StudyRecord }
  | { kind: 'failed'; studyIndex: number; message: string };

/** Fork the worker entry; from TypeScript sources (tsx, Vitest) the child loads tsx to run it. */
function forkWorker(): ChildProcess {
  const ext = extname(__filename);
  const entry = join(__dirname, `studyWorker${ext}`);
  const execArgv =
    ext === '.ts' ? ['--import', pathToFileURL(createRequire(__filename).resolve('tsx')).href] : [];
  return fork(entry, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

export interface PoolOptions {
  workers: number;
  outDir: string;
  /** Study options of each index to generate, in order. */
  tasks: StudyOptions[];
  onRecord: (record: StudyRecord) => void;
  signal?: AbortSignal;
}

/** Generate every task with `workers` child processes; resolves when all are done, rejects on the first failure. */
export function runWorkerPool(options: PoolOptions): Promise<void> {
  const { tasks, outDir, signal } = options;
  const children: ChildProcess[] = [];
  let nextTask = 0;
  let finished = 0;
  let settled = false;
  return new Promise<void>((resolve, reject) => {
    const stopAll = (): void => {
      for (const c of children) if (c.connected) c.disconnect();
    };
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      stopAll();
      if (error) reject(error);
      else resolve();
    };
    const feed = (child: ChildProcess): void => {
      if (nextTask >= tasks.length) return void (child.connected && child.disconnect());
      child.send({ options: tasks[nextTask++], outDir } satisfies WorkerTask);
    };
    signal?.addEventListener(
      'abort',
      () => finish(new AppError('ABORTED', 'Phantom generation was cancelled.')),
      {
        once: true,
      },
    );
    const count = Math.max(1, Math.min(options.workers, tasks.length));
    for (let i = 0; i < count; i++) {
      const child = forkWorker();
      children.push(child);
      child.on('message', (reply: WorkerReply) => {
        if (settled) return;
        if (reply.kind === 'failed')
          return finish(new Error(`phantom study ${reply.studyIndex} failed: ${reply.message}`));
        options.onRecord(reply.record);
        finished++;
        if (finished === tasks.length) finish();
        else feed(child);
      });
      child.on('exit', (code) => {
        if (!settled && code !== 0) finish(new Error(`phantom worker exited with code ${code ?? 'null'}`));
      });
      child.on('error', (e) => finish(e));
      feed(child);
    }
  });
}
