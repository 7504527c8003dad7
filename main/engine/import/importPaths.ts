/**
 * The import entry: paths of a drop -> studies of patient-space volumes with series roles, plus a
 * per-file problem list. `scanPaths` is the header-only variant (no pixels decoded); `importEachStudy`
 * hands on one decoded study at a time for drops too large to hold.
 * Plain Node; never imports electron.
 */
import { buildStudies } from '../dicom/buildStudies';
import { collectFiles } from '../dicom/collectFiles';
import { decodeStack } from '../dicom/decodeStack';
import { groupInstances } from '../dicom/groupInstances';
import { scanHeaders, throwIfAborted } from '../dicom/scanHeaders';
import type { StackHeader, Volume } from '../volume/types';
import type {
  HeaderScanResult,
  ImportedSeries,
  ImportedStudy,
  ImportedStudyOf,
  ImportOptions,
  ImportProblem,
  ImportResult,
  ImportResultOf,
} from '../dicom/importTypes';

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

type DecodeContext = {
  problems: ImportProblem[];
  options: ImportOptions;
  onFileDone: (file: string) => void;
};

async function decodeStudy(study: ImportedStudyOf<StackHeader>, ctx: DecodeContext): Promise<ImportedStudy> {
  const series: ImportedSeries[] = [];
  for (const s of study.series) {
    const stacks: Volume[] = [];
    for (const stack of s.stacks) {
      stacks.push(
        await decodeStack(stack, ctx.problems, { signal: ctx.options.signal, onFileDone: ctx.onFileDone }),
      );
    }
    series.push({ ...s, stacks });
  }
  return { info: study.info, series };
}

/** A decoded stack without its pixels (what is kept once a study has been handed on). */
export type DecodedStackHeader = StackHeader & { failedSliceIndices: number[] };

/**
 * Import a drop one study at a time: headers of every file first, then each study's pixels are decoded
 * and handed to `onStudy`, and released before the next study (memory stays at one study, whatever the
 * drop's size). Returns every study without pixels, and all problems. Progress runs over both passes.
 * Throws AppError ABORTED when the signal fires; every other failure becomes a problem entry.
 */
export async function importEachStudy(
  paths: readonly string[],
  options: ImportOptions,
  onStudy: (study: ImportedStudy) => void | Promise<void>,
): Promise<ImportResultOf<DecodedStackHeader>> {
  const { studies: headerStudies, problems, fileCount } = await scan(paths, options, 2);
  const total = fileCount * 2;
  let done = fileCount;
  const ctx: DecodeContext = {
    problems,
    options,
    onFileDone: (file) => options.onProgress?.({ done: ++done, total, file }),
  };
  const studies: ImportedStudyOf<DecodedStackHeader>[] = [];
  for (const header of headerStudies) {
    const study = await decodeStudy(header, ctx);
    await onStudy(study);
    studies.push({
      info: study.info,
      series: study.series.map((se) => ({
        ...se,
        stacks: se.stacks.map(({ pixels: _pixels, ...rest }) => rest),
      })),
    });
  }
  if (done < total) options.onProgress?.({ done: total, total });
  return { studies, problems };
}

/**
 * Import a drop: scan every file's header, group into studies/series/stacks, classify roles, then decode
 * each stack's pixels into a Volume. Holds every volume of the drop: for large drops use importEachStudy.
 * Throws AppError ABORTED when the signal fires; every other failure becomes a problem entry.
 */
export async function importPaths(paths: string[], options: ImportOptions = {}): Promise<ImportResult> {
  const studies: ImportedStudy[] = [];
  const { problems } = await importEachStudy(paths, options, (study) => {
    studies.push(study);
  });
  return { studies, problems };
}
