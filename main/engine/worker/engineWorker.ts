/**
 * Entry of the engine's worker thread: runs tasks (workerTasks.ts) as they arrive, posts progress and
 * one result or error per task, aborts a task on 'cancel'. Plain Node; never imports electron.
 */
import { parentPort } from 'node:worker_threads';
import { releaseCachedModels } from '../analysis/modelCache';
import { toWireError, type FromWorker, type ToWorker } from './workerProtocol';
import { runWorkerTask } from './workerTasks';

const port = parentPort;
if (!port) throw new Error('engineWorker.ts runs only as a worker thread (node:worker_threads).');
const running = new Map<number, AbortController>();
const post = (m: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);

async function run(id: number, message: Extract<ToWorker, { type: 'task' }>): Promise<void> {
  const controller = new AbortController();
  running.set(id, controller);
  try {
    const value = await runWorkerTask(message.task, {
      signal: controller.signal,
      onProgress: (progress) => post({ type: 'progress', id, progress }),
    });
    post({ type: 'result', id, value }, value && 'pixels' in value ? [value.pixels] : []);
  } catch (e) {
    post({ type: 'error', id, error: toWireError(e) });
  } finally {
    running.delete(id);
  }
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'cancel') running.get(m.id)?.abort();
  else void run(m.id, m);
});
port.on('close', () => void releaseCachedModels());
post({ type: 'ready' });
