/**
 * The engine's heavy methods on worker threads: analyses on one worker (preprocessing, inference; the
 * store write made here, on the engine's own connection) and stack pixel decodes, the viewer's and the
 * analysis', on another, so the thread answering the UI stays free. Plain Node; never imports electron.
 */
import type { AnalysisRecord } from '../../shared/analysis';
import { AppError } from '../../shared/errors';
import type { JobContext } from '../jobs';
import { prepareStoredStudy, type StoredStudySource } from '../analysis/storedStudy';
import type { ProviderRequest } from '../runtime/executionProvider';
import type { Store } from '../store/store';
import type { StackDecoder } from '../workspaceStacks';
import { EngineWorkerClient } from './engineWorkerClient';

/** The two workers of one engine, started on first use. */
export class OffThreadWork {
  private readonly analysis: EngineWorkerClient;
  private readonly pixels: EngineWorkerClient;

  constructor(onInThread?: (reason: string) => void) {
    this.analysis = new EngineWorkerClient('spinegrade-analysis', onInThread);
    this.pixels = new EngineWorkerClient('spinegrade-pixels', onInThread);
  }

  /**
   * Start both threads now and load the default model's sessions in the analysis one (provider 'auto', as
   * the UI asks), so the first drop does not wait for them; failures surface in the first real task.
   */
  warm(modelDir: string): void {
    void this.analysis.run({ kind: 'warm', modelDir, provider: 'auto' }).catch(() => undefined);
    void this.pixels.run({ kind: 'warm' }).catch(() => undefined);
  }

  /**
   * Analyse a stored study: prepared in this thread (only the graded stacks, taken from `source`, the
   * viewer's cache and pixel worker: one decode per stack), graded in the analysis worker (the volumes'
   * pixels copied across), and the result saved here (nothing saved when cancelled).
   */
  async analyzeStoredStudy(
    store: Store,
    studyInstanceUid: string,
    model: { modelDir: string; provider: ProviderRequest },
    ctx: JobContext,
    source?: StoredStudySource,
  ): Promise<AnalysisRecord> {
    const prepared = await prepareStoredStudy(store, studyInstanceUid, ctx, source);
    const task = { kind: 'analyze', ...prepared, ...model } as const;
    const outcome = await this.analysis.run(task, { signal: ctx.signal, onProgress: ctx.onProgress });
    if (ctx.signal.aborted) throw new AppError('ABORTED', 'The analysis was cancelled; nothing was stored.');
    if (outcome.save) store.saveStudyAnalysis(outcome.save.input, outcome.save.record);
    return outcome.record;
  }

  /** WorkspaceStacks' decoder: one stack's pixels from the pixel worker (its buffer transferred, not copied). */
  readonly decodeStack: StackDecoder = (req, signal) =>
    this.pixels.run({ kind: 'decodeStack', req }, signal ? { signal } : {});

  /** Why work runs in the engine's thread after all (a worker could not start), if it does. */
  inThreadReasons(): string[] {
    return [this.analysis.inThreadReason, this.pixels.inThreadReason].filter(
      (r): r is string => r !== undefined,
    );
  }

  async close(): Promise<void> {
    await Promise.all([this.analysis.close(), this.pixels.close()]);
  }
}
