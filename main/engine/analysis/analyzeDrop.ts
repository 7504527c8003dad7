/**
 * Analyse every study of a drop one at a time (one study's pixels in memory at once): the model is loaded
 * first (a missing model fails before any file is read), then each imported study goes through analyzeStudy.
 * A study that cannot be analysed becomes a problem entry; the others go on. Plain Node; never imports electron.
 */
import { isAppError } from '../../shared/errors';
import { importEachStudy } from '../import/importPaths';
import type { ImportedStudy, ImportProblem } from '../dicom/importTypes';
import { analyzeStudy, throwIfCancelled } from './analyzeStudy';
import { modelSessionsFor } from './modelCache';
import type { AnalyzeOptions, AnalyzeResult } from './types';

export interface DropAnalysis {
  /** One result per analysed study, in drop order. */
  results: Array<AnalyzeResult & { saveMs: number }>;
  /** Import problems of the drop's files and one entry per study that could not be analysed. */
  problems: ImportProblem[];
}

function firstFile(study: ImportedStudy): string {
  return study.series[0]?.stacks[0]?.filePaths[0] ?? study.info.studyInstanceUid;
}

/**
 * Analyse each study in `paths`. With options.report, the summary HTML is built for the first analysed
 * study only. read+decode of a study is the time from the previous study's end (the first study's includes
 * the header scan of the whole drop). Throws AppError ABORTED, and model errors; nothing else.
 */
export async function analyzeDrop(paths: readonly string[], o: AnalyzeOptions): Promise<DropAnalysis> {
  throwIfCancelled(o.signal);
  o.onProgress?.({ stage: 'load model', done: 0, total: 1 });
  await modelSessionsFor(o.modelDir, o.provider);
  const results: DropAnalysis['results'] = [];
  const failed: ImportProblem[] = [];
  let mark = performance.now();
  let index = 0;
  const imported = await importEachStudy(
    paths,
    {
      signal: o.signal,
      onProgress: (p) =>
        o.onProgress?.({ stage: 'read+decode', done: p.done, total: p.total, message: p.file }),
    },
    async (study) => {
      index += 1;
      const label = `study ${index}`;
      try {
        const r = await analyzeStudy(
          { study, readDecodeMs: performance.now() - mark },
          {
            ...o,
            report: Boolean(o.report) && results.length === 0,
            onProgress: (p) => o.onProgress?.({ ...p, message: p.message ?? label }),
          },
        );
        results.push(r);
      } catch (e) {
        if (!isAppError(e) || e.code === 'ABORTED') throw e;
        failed.push({ code: e.code, file: e.file ?? firstFile(study), message: e.message });
      }
      mark = performance.now();
    },
  );
  return { results, problems: [...imported.problems, ...failed] };
}
