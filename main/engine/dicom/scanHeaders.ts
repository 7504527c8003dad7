/**
 * Read the headers of many files in order, with progress, cancellation and a problem per file that
 * fails. Plain Node; never imports electron.
 */
import { AppError, isAppError } from '../../shared/errors';
import type { ImportOptions, ImportProblem } from './importTypes';
import type { InstanceHeader } from './headerTypes';
import { readDicomHeader } from './readDicomFile';

export interface HeaderScan {
  instances: InstanceHeader[];
  problems: ImportProblem[];
}

/** Throws AppError ABORTED when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('ABORTED', 'Import cancelled.');
}

/** Problem entry for anything a file threw: AppErrors keep their code, anything else is a parse failure. */
export function problemOf(e: unknown, file: string): ImportProblem {
  if (isAppError(e)) return { code: e.code, file: e.file ?? file, message: e.message };
  return {
    code: 'NOT_DICOM',
    file,
    message: `Could not read as DICOM (${e instanceof Error ? e.message : String(e)}); skipped.`,
  };
}

/** Let timers, I/O callbacks and abort events run between files of a long synchronous scan. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Headers of `files` in input order; `progressTotal` lets a caller report one bar over several phases. */
export async function scanHeaders(
  files: readonly string[],
  options: ImportOptions,
  progressTotal = files.length,
): Promise<HeaderScan> {
  const instances: InstanceHeader[] = [];
  const problems: ImportProblem[] = [];
  for (let i = 0; i < files.length; i++) {
    if (i % 16 === 0) await yieldToEventLoop();
    throwIfAborted(options.signal);
    try {
      instances.push(readDicomHeader(files[i]));
    } catch (e) {
      problems.push(problemOf(e, files[i]));
    }
    options.onProgress?.({ done: i + 1, total: progressTotal, file: files[i] });
  }
  return { instances, problems };
}
