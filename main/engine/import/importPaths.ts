/**
 * The import entry: paths of a drop -> studies of patient-space volumes with series roles, plus a
 * per-file problem list. `scanPaths` is the header-only variant (no pixels decoded).
 * Plain Node; never imports electron.
 */
import { buildStudies } from '../dicom/buildStudies';
import { collectFiles } from '../dicom/collectFiles';
import { decodeStack } from '../dicom/decodeStack';
import { groupInstances } from '../dicom/groupInstances';
import { scanHeaders, throwIfAborted } from '../dicom/scanHeaders';
import type { Volume } from '../volume/types';
import type {
  HeaderScanResult,
  ImportedSeries,
  ImportedStudy,
  ImportOptions,
  ImportProblem,
  ImportResult,
} from './importTypes';

function noStudyProblem(paths: readonly string[]): ImportProblem {
  return {
    code: 'NO_STUDY',
    file: paths.join(', '),
    message: 'No MR study could be imported from these paths; see the other problems for each file.',
  };
}

async function scan(
  paths: readonly string[],
  options: ImportOptions,
  phases: number,
): Promise<HeaderScanResult & { fileCount: number }> {
  throwIfAborted(options.signal);
  const collected = await collectFiles(paths);
  const fileCount = collected.files.length;
  const scanned = await scanHeaders(collected.files, options, fileCount * phases);
  const problems = [...collected.problems, ...scanned.problems];
  const studies = buildStudies(groupInstances(scanned.instances, problems), problems);
  if (studies.length === 0) problems.push(noStudyProblem(paths));
  return { studies, problems, fileCount };
}

/**
 * Scan headers only: group, sort and classify without decoding pixels. Progress counts files read.
 * Throws AppError ABORTED when the signal fires.
 */
export async function scanPaths(
  paths: readonly string[],
  options: ImportOptions = {},
): Promise<HeaderScanResult> {
  const { studies, problems } = await scan(paths, options, 1);
  return { studies, problems };
}

/**
 * Import a drop: scan every file's header, group into studies/series/stacks, classify roles, then decode
 * each stack's pixels into a Volume. Progress runs over both passes (total = 2 x files found).
 * Throws AppError ABORTED when the signal fires; every other failure becomes a problem entry.
 */
export async function importPaths(paths: string[], options: ImportOptions = {}): Promise<ImportResult> {
  const { studies: headerStudies, problems, fileCount } = await scan(paths, options, 2);
  const total = fileCount * 2;
  let done = fileCount;
  const onFileDone = (file: string): void => options.onProgress?.({ done: ++done, total, file });
  const studies: ImportedStudy[] = [];
  for (const study of headerStudies) {
    const series: ImportedSeries[] = [];
    for (const s of study.series) {
      const stacks: Volume[] = [];
      for (const stack of s.stacks)
        stacks.push(await decodeStack(stack, problems, { signal: options.signal, onFileDone }));
      series.push({ ...s, stacks });
    }
    studies.push({ info: study.info, series });
  }
  if (done < total) options.onProgress?.({ done: total, total });
  return { studies, problems };
}
