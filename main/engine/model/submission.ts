/**
 * Kaggle-format submissions (row_id,normal_mild,moderate,severe) written and read, and scored against an RSNA
 * train.csv-format solution with the official metric (metric.ts). Plain Node; never imports electron.
 */
import { existsSync, readFileSync } from 'node:fs';
import { AppError } from '../../shared/errors';
import type { Probabilities } from '../../shared/findings';
import { CONDITIONS, LEVELS, type Condition, type Level } from '../../shared/targets';
import {
  checkSubmittedRow,
  scoreStudies,
  type MetricResult,
  type ScoredStudy,
  type StudyProbs,
} from './metric';
import { parseCsv, readLabels } from './rsnaDataset';

/** Header of a submission / prediction file. */
export const SUBMISSION_COLUMNS: readonly string[] = ['row_id', 'normal_mild', 'moderate', 'severe'];

/** `<study_id>_<condition>_<level>`, e.g. 44036939_spinal_canal_stenosis_l1_l2. */
export function submissionRowId(studyId: string, condition: Condition, level: Level): string {
  return `${studyId}_${condition}_${level}`;
}

/**
 * A submission CSV of every target of every study, values written in full (shortest round-trip) precision so
 * scoring the file reproduces the score of the numbers.
 */
export function submissionCsv(studies: ReadonlyArray<{ studyId: string; probs: StudyProbs }>): string {
  const lines = [SUBMISSION_COLUMNS.join(',')];
  for (const s of studies)
    for (const c of CONDITIONS)
      for (const l of LEVELS)
        lines.push([submissionRowId(s.studyId, c, l), ...s.probs[c][l].map(String)].join(','));
  return `${lines.join('\n')}\n`;
}

/**
 * Rows of a submission CSV by row_id. AppError INVALID_ARGUMENT for a missing column, a duplicate row_id, or a
 * value that is not a number, not finite or negative (the official scorer refuses those anywhere in the file).
 */
export function readSubmission(path: string): Map<string, Probabilities> {
  if (!existsSync(path)) throw new AppError('NOT_FOUND', `No submission file ${path}.`, path);
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  const cols = (header ?? []).map((h) => h.trim());
  const at = SUBMISSION_COLUMNS.map((c) => cols.indexOf(c));
  const missing = SUBMISSION_COLUMNS.filter((_, i) => at[i] < 0);
  if (missing.length > 0)
    throw new AppError(
      'INVALID_ARGUMENT',
      `Submission column(s) ${missing.join(', ')} missing from the header.`,
      path,
    );
  const out = new Map<string, Probabilities>();
  for (const r of rows) {
    const id = (r[at[0]] ?? '').trim();
    const text = at.slice(1).map((i) => (r[i] ?? '').trim());
    const nums = text.map((t) => (t === '' ? Number.NaN : Number(t)));
    const p: Probabilities = [nums[0], nums[1], nums[2]];
    if (p.some((v) => Number.isNaN(v)))
      throw new AppError(
        'INVALID_ARGUMENT',
        `Submission row ${id}: values must be numbers (got ${text.join(',')}).`,
        path,
      );
    checkSubmittedRow(p, id);
    if (out.has(id)) throw new AppError('INVALID_ARGUMENT', `Submission row ${id} appears twice.`, path);
    out.set(id, p);
  }
  return out;
}

export interface SubmissionScore extends MetricResult {
  /** Studies of the solution. */
  studies: number;
  /** Submission rows that name no study or target of the solution (not scored). */
  unusedRows: number;
}

/**
 * Score a submission against an RSNA train.csv-format solution (empty cells = missing labels, dropped).
 * AppError when a labelled target has no submission row, and where the official scorer raises (metric.ts).
 */
export function scoreSubmission(solutionPath: string, submissionPath: string): SubmissionScore {
  if (!existsSync(solutionPath))
    throw new AppError('NOT_FOUND', `No solution file ${solutionPath}.`, solutionPath);
  const { ids, labels } = readLabels(solutionPath);
  const rows = readSubmission(submissionPath);
  let used = 0;
  const studies: ScoredStudy[] = ids.map((studyId) => {
    const studyLabels = labels.get(studyId) ?? {};
    const probs = {} as Record<Condition, Record<Level, Probabilities>>;
    for (const c of CONDITIONS) {
      probs[c] = {} as Record<Level, Probabilities>;
      for (const l of LEVELS) {
        const row = rows.get(submissionRowId(studyId, c, l));
        if (row) used += 1;
        else if (studyLabels[c]?.[l] !== undefined)
          throw new AppError(
            'INVALID_ARGUMENT',
            `The submission has no row ${submissionRowId(studyId, c, l)}, which the solution labels.`,
            submissionPath,
          );
        probs[c][l] = row ?? [1, 1, 1]; // unlabelled and not submitted: never scored
      }
    }
    return { studyId, labels: studyLabels, probs };
  });
  return { ...scoreStudies(studies), studies: ids.length, unusedRows: rows.size - used };
}
