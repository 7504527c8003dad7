/**
 * analyzeStudy: one study -> 25 findings, saved and summarised. Stages: read+decode (import), volumes
 * (series choice), localise, crops, classify (gradeStudy), report (summary HTML), store. Model sessions
 * come warm from modelCache. Plain Node; never imports electron or the faces.
 */
import { randomUUID } from 'node:crypto';
import type { AnalysisRecord } from '../../shared/analysis';
import { AppError } from '../../shared/errors';
import { readAppVersion } from '../engineInfo';
import { importPaths } from '../import/importPaths';
import type { ImportedStudy, ImportProblem } from '../dicom/importTypes';
import { gradeStudy } from '../model/gradeStudy';
import { notLumbarAfterGrading, notLumbarBeforeGrading } from '../model/lumbarStudy';
import type { ModelSessions } from '../model/sessions';
import { studyImportFromVolumes } from '../store/files';
import { chooseSeries } from './chooseSeries';
import { modelSessionsFor } from './modelCache';
import { noStudyError } from './noStudyError';
import { summaryHtml } from './summaryHtml';
import type { AnalyzeInput, AnalyzeOptions, AnalyzeResult, ChosenSeries } from './types';

/** Throw AppError('ABORTED') when the caller's signal has fired. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('ABORTED', 'The analysis was cancelled; nothing was stored.');
}

/** Throw AppError('NOT_SPINE') with the reason (nothing is stored: the store is written last). */
export function refuseIfNotLumbar(reason: string | undefined): void {
  if (reason) throw new AppError('NOT_SPINE', `Not analysed as a lumbar spine study: ${reason}`);
}

/** How the levels were assigned, for the record and the printed method section. */
export function levelAssignmentText(chosen: ChosenSeries): string {
  const roles = new Set(chosen.volumes.map((v) => v.role));
  const axial = roles.has('Axial T2')
    ? '; each level read on the axial T2 slices nearest its disc plane (signed distance along the slice normal)'
    : '';
  if (roles.has('Sagittal T2/STIR'))
    return `Localizer heatmaps on the sagittal T2/STIR series: each of the five level channels (L1/L2 to L5/S1) at its best-peaking slice${axial}`;
  if (roles.has('Sagittal T1'))
    return `Localizer heatmaps on the sagittal T1 series (no sagittal T2/STIR series; less reliable, findings flagged uncertain)${axial}`;
  return 'No sagittal series: levels could not be located, so no target could be graded';
}

async function importOne(
  paths: string[],
  o: AnalyzeOptions,
): Promise<{ study: ImportedStudy; problems: ImportProblem[] }> {
  const result = await importPaths(paths, {
    signal: o.signal,
    onProgress: (p) =>
      o.onProgress?.({ stage: 'read+decode', done: p.done, total: p.total, message: p.file }),
  });
  if (result.studies.length === 0) throw noStudyError(paths, result.problems);
  if (result.studies.length > 1) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `These paths hold ${result.studies.length} studies; analyse one study at a time (the CLI's analyze command takes a drop of several).`,
    );
  }
  return { study: result.studies[0], problems: result.problems };
}

function buildRecord(
  study: ImportedStudy,
  chosen: ChosenSeries,
  sessions: ModelSessions,
  graded: Awaited<ReturnType<typeof gradeStudy>>,
  o: AnalyzeOptions,
): AnalysisRecord {
  const m = sessions.pkg.manifest;
  return {
    analysisId: randomUUID(),
    studyInstanceUid: study.info.studyInstanceUid,
    createdAt: (o.now ?? ((): string => new Date().toISOString()))(),
    appVersion: o.appVersion ?? readAppVersion(),
    // sha256 of manifest.json's bytes: it pins the sha256 and size of every file of the package.
    model: {
      id: m.id,
      version: m.version,
      sha256: sessions.pkg.manifestSha256,
      name: m.name,
      intendedUse: m.intendedUse,
    },
    provider: sessions.provider,
    ...(sessions.providerNote ? { providerNote: sessions.providerNote } : {}),
    timingsMs: {},
    seriesUsed: chosen.seriesUsed,
    levelAssignmentMethod: levelAssignmentText(chosen),
    findings: graded.findings,
    levelPoints: graded.levelPoints,
  };
}

/**
 * Save the study (its files referenced by the digests taken while decoding) and the analysis in one
 * store transaction. record.timingsMs.store covers building the study rows; the transaction itself,
 * last, is returned in ms (saveMs) since timingsMs is written inside it.
 */
async function save(
  study: ImportedStudy,
  record: AnalysisRecord,
  o: AnalyzeOptions,
  t0: number,
): Promise<number> {
  if (!o.store) return 0;
  const started = performance.now();
  const input = await studyImportFromVolumes(
    study.info,
    study.series.flatMap((s) => s.stacks),
  );
  throwIfCancelled(o.signal);
  record.timingsMs.store = performance.now() - started;
  record.timingsMs.total = performance.now() - t0;
  const saveStarted = performance.now();
  o.store.saveStudyAnalysis(input, record);
  return performance.now() - saveStarted;
}

/**
 * Analyse one study: import it (or take the caller's import), choose its series, grade the 25 targets,
 * build the summary HTML when asked, and save study + analysis to the store when one is given.
 * timingsMs holds each stage in ms and 'total' (the analysis insert itself, last, is timed in saveMs).
 * Throws AppError: ABORTED (nothing stored), NO_STUDY / NOT_DICOM / NOT_SPINE..., MISSING_SERIES, model errors.
 */
export async function analyzeStudy(
  input: AnalyzeInput,
  o: AnalyzeOptions,
): Promise<AnalyzeResult & { saveMs: number }> {
  const t0 = performance.now();
  const timings: Record<string, number> = {};
  const step = (stage: string, done: number, total: number): void => o.onProgress?.({ stage, done, total });
  throwIfCancelled(o.signal);
  step('load model', 0, 1);
  const sessions = await modelSessionsFor(o.modelDir, o.provider);
  timings.model = performance.now() - t0;
  throwIfCancelled(o.signal);
  let t = performance.now();
  const { study, problems } =
    'paths' in input ? await importOne(input.paths, o) : { study: input.study, problems: [] };
  timings['read+decode'] = 'study' in input ? (input.readDecodeMs ?? 0) : performance.now() - t;
  throwIfCancelled(o.signal);
  o.afterImport?.(study);
  t = performance.now();
  refuseIfNotLumbar(notLumbarBeforeGrading(study.series.flatMap((s) => s.stacks)));
  const chosen = chooseSeries(study);
  timings.volumes = performance.now() - t;
  step('grade', 0, 1);
  const graded = await gradeStudy(chosen.volumes, sessions);
  refuseIfNotLumbar(notLumbarAfterGrading(chosen.volumes, graded.findings, graded.levelCandidates));
  Object.assign(timings, {
    localise: graded.timingsMs.localizer,
    crops: graded.timingsMs.crops,
    classify: graded.timingsMs.classifier,
  });
  throwIfCancelled(o.signal);
  const record = buildRecord(study, chosen, sessions, graded, o);
  record.timingsMs = timings;
  let html: string | undefined;
  if (o.report) {
    step('report', 0, 1);
    t = performance.now();
    html = summaryHtml(study.info, record, chosen.volumes);
    timings.report = performance.now() - t;
  }
  step('store', 0, 1);
  timings.total = performance.now() - t0;
  const saveMs = await save(study, record, o, t0);
  step('done', 1, 1);
  return {
    record,
    study: study.info,
    ...(html === undefined ? {} : { html }),
    problems,
    notes: graded.notes,
    saveMs,
  };
}
