/**
 * Child-process entry of the phantom worker pool: generates the studies it is sent, writes their DICOM
 * files under the dataset root and sends each study's record back. Never imports electron.
 */
import { generateStudy } from './study';
import { fileSinkAt } from './sink';
import type { WorkerReply, WorkerTask } from './workers';

function handle(task: WorkerTask): WorkerReply {
  try {
    const record = generateStudy(task.options, fileSinkAt(task.outDir));
    return { kind: 'done', studyIndex: task.options.studyIndex, record };
  } catch (e) {
    const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
    return { kind: 'failed', studyIndex: task.options.studyIndex, message };
  }
}

process.on('message', (message: WorkerTask) => {
  const reply = handle(message);
  process.send?.(reply);
});
process.on('disconnect', () => process.exit(0));
