/**
 * Reader review: per-target overrides (the AI value is never touched) and sign-off (locks the analysis;
 * later overrides are stored as addenda). Runs inside the caller's transaction. Plain Node.
 */
import type Database from 'better-sqlite3';
import type { ReaderOverride, SignOff } from '../../shared/analysis';
import { AppError } from '../../shared/errors';
import {
  CONDITIONS,
  LEVELS,
  SEVERITIES,
  allTargets,
  targetColumn,
  type Condition,
  type Level,
  type Severity,
} from '../../shared/targets';
import { readSignOff } from './analyses';
import type { OverrideInput } from './types';

/** All 25 target names as typed on the command line, e.g. `spinal_canal_stenosis_l4_l5`. */
export const TARGET_NAMES: readonly string[] = allTargets().map((t) => targetColumn(t.condition, t.level));

/** Parse `spinal_canal_stenosis_l4_l5` into its condition and level; INVALID_ARGUMENT listing valid names. */
export function parseTargetName(text: string): { condition: Condition; level: Level } {
  const t = allTargets().find((x) => targetColumn(x.condition, x.level) === text.trim().toLowerCase());
  if (!t) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `Unknown target "${text}". A target is <condition>_<level>, e.g. spinal_canal_stenosis_l4_l5; ` +
        `conditions: ${CONDITIONS.join(', ')}; levels: ${LEVELS.join(', ')}.`,
    );
  }
  return t;
}

/** Parse a grade spelled as in RSNA (case-insensitive); INVALID_ARGUMENT listing the valid values. */
export function parseGrade(text: string): Severity {
  const g = SEVERITIES.find((s) => s.toLowerCase() === text.trim().toLowerCase());
  if (!g)
    throw new AppError(
      'INVALID_ARGUMENT',
      `Unknown grade "${text}". Valid grades: ${SEVERITIES.join(', ')}.`,
    );
  return g;
}

function requireReader(reader: string, what: string): string {
  const name = reader.trim();
  if (!name) throw new AppError('INVALID_ARGUMENT', `A reader name is required to ${what}.`);
  return name;
}

function requireAnalysis(db: Database.Database, analysisId: string): void {
  if (!db.prepare('SELECT 1 FROM analyses WHERE analysis_id = ?').get(analysisId)) {
    throw new AppError(
      'NOT_FOUND',
      `No analysis ${analysisId} in the store; "list" shows the stored analyses.`,
    );
  }
}

/** Store a reader's grade beside the AI's; after sign-off it is an addendum. Returns the override and the AI grade. */
export function insertOverrideRow(
  db: Database.Database,
  input: OverrideInput,
  now: string,
): { override: ReaderOverride; aiGrade: Severity | null } {
  const target = parseTargetName(`${input.condition}_${input.level}`);
  const grade = parseGrade(input.grade);
  const reader = requireReader(input.reader, 'override a grade');
  requireAnalysis(db, input.analysisId);
  const ai = db
    .prepare('SELECT grade FROM findings WHERE analysis_id = ? AND condition = ? AND level = ?')
    .get(input.analysisId, target.condition, target.level) as { grade: Severity | null };
  const addendum = readSignOff(db, input.analysisId) !== null;
  const override: ReaderOverride = {
    analysisId: input.analysisId,
    condition: target.condition,
    level: target.level,
    grade,
    note: (input.note ?? '').trim(),
    reader,
    createdAt: now,
    addendum,
  };
  db.prepare(
    `INSERT INTO reader_overrides (analysis_id, condition, level, grade, note, reader, created_at, addendum)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    override.analysisId,
    override.condition,
    override.level,
    grade,
    override.note,
    reader,
    now,
    addendum ? 1 : 0,
  );
  return { override, aiGrade: ai.grade };
}

/** Sign an analysis; LOCKED when it is signed already. */
export function insertSignOffRow(
  db: Database.Database,
  analysisId: string,
  reader: string,
  now: string,
): SignOff {
  const name = requireReader(reader, 'sign');
  requireAnalysis(db, analysisId);
  const existing = readSignOff(db, analysisId);
  if (existing) {
    throw new AppError(
      'LOCKED',
      `Analysis ${analysisId} was already signed by ${existing.reader} at ${existing.signedAt}; it cannot be signed again. ` +
        'Later corrections are recorded as addenda with "override".',
    );
  }
  db.prepare('INSERT INTO sign_offs (analysis_id, reader, signed_at) VALUES (?, ?, ?)').run(
    analysisId,
    name,
    now,
  );
  return { analysisId, reader: name, signedAt: now };
}
