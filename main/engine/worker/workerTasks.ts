/**
 * The heavy engine work that runs off the thread answering the UI: a stored study's grading (preprocessing,
 * inference on the stacks the engine prepared; the store write is handed back) and a stack's pixel decode. The same
 * functions run in-thread where no worker can start. Plain Node; never imports electron.
 */
import { modelSessionsFor } from '../analysis/modelCache';
import { analyzeStudy } from '../analysis/analyzeStudy';
import type { AnalysisRecord } from '../../shared/analysis';
import type { JobContext } from '../jobs';
import type { StudyImport } from '../store/types';
import { decodeStackPixels } from '../workspacePixels';
import type { AnalyzeOutcome, AnalyzeTask, TaskValue, WorkerTask } from './workerProtocol';

/**
 * analyzeStudy over the study the engine prepared, with a store that only records the one write
 * (saveStudyAnalysis) for the engine to make on its own connection.
 */
async function analyzeTask(task: AnalyzeTask, ctx: JobContext): Promise<AnalyzeOutcome> {
  let save: AnalyzeOutcome['save'] = null;
  const rows = {
    saveStudyAnalysis: (input: StudyImport, record: AnalysisRecord): void => {
      save = { input, record };
    },
  };
  const { record } = await analyzeStudy(
    { study: task.study, readDecodeMs: task.readDecodeMs },
    {
      modelDir: task.modelDir,
      provider: task.provider,
      store: rows,
      signal: ctx.signal,
      onProgress: ctx.onProgress,
    },
  );
  return { record, save };
}

/** Run one task; AppErrors (ABORTED, files changed, model errors) propagate as thrown. */
export async function runWorkerTask<T extends WorkerTask>(task: T, ctx: JobContext): Promise<TaskValue<T>> {
  if (task.kind === 'analyze') return (await analyzeTask(task, ctx)) as TaskValue<T>;
  if (task.kind === 'warm') {
    // A missing or broken model is reported by the analysis that needs it, not here.
    if (task.modelDir) await modelSessionsFor(task.modelDir, task.provider ?? 'auto').catch(() => undefined);
    return null as TaskValue<T>;
  }
  return (await decodeStackPixels(task.req, ctx.signal)) as TaskValue<T>;
}
