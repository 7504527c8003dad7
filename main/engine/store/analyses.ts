/**
 * Analyses (columns + exact JSON as written), one findings row per target, reader overrides and sign-offs.
 * Runs inside the caller's transaction. Plain Node; never imports electron.
 */
import type Database from 'better-sqlite3';
import type { AnalysisRecord, ReaderOverride, SeriesUsed, SignOff } from '../../shared/analysis';
import type { AnalysisListItem } from '../../shared/apiRecords';
import type { Finding, LevelPoint } from '../../shared/findings';
import { AppError } from '../../shared/errors';
import { allTargets, type Condition, type Level, type Severity } from '../../shared/targets';
import type { AnalysisBundle } from './types';

interface AnalysisDbRow {
  analysis_id: string;
  study_uid: string;
  created_at: string;
  app_version: string;
  model_id: string;
  model_version: string;
  model_sha256: string;
  model_name: string;
  intended_use: string;
  provider: string;
  provider_note: string | null;
  level_assignment_method: string;
  series_used_json: string;
  timings_json: string;
  findings_json: string;
  level_points_json: string;
}

/** An analysis must carry each of the 25 targets exactly once. */
function checkTargets(record: AnalysisRecord): void {
  const seen = new Set(record.findings.map((f) => `${f.condition}_${f.level}`));
  const missing = allTargets().filter((t) => !seen.has(`${t.condition}_${t.level}`));
  if (missing.length > 0 || record.findings.length !== 25) {
    throw new AppError(
      'STORE_ERROR',
      `Analysis ${record.analysisId} has ${record.findings.length} findings; it must hold each of the 25 targets once` +
        (missing.length ? ` (missing ${missing.map((t) => `${t.condition}_${t.level}`).join(', ')})` : '') +
        '. Nothing was stored.',
    );
  }
}

/** Insert an analysis and its 25 findings rows; the caller wraps it in a transaction and audits it. */
export function insertAnalysisRows(db: Database.Database, r: AnalysisRecord): void {
  checkTargets(r);
  if (!db.prepare('SELECT 1 FROM studies WHERE study_uid = ?').get(r.studyInstanceUid)) {
    throw new AppError(
      'NOT_FOUND',
      `Study ${r.studyInstanceUid} is not in the store: import it before saving an analysis.`,
    );
  }
  if (db.prepare('SELECT 1 FROM analyses WHERE analysis_id = ?').get(r.analysisId)) {
    throw new AppError(
      'STORE_ERROR',
      `Analysis ${r.analysisId} is already stored; analyses are immutable, run a new one.`,
    );
  }
  db.prepare(`INSERT INTO analyses VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    r.analysisId,
    r.studyInstanceUid,
    r.createdAt,
    r.appVersion,
    r.model.id,
    r.model.version,
    r.model.sha256,
    r.model.name,
    r.model.intendedUse,
    r.provider,
    r.providerNote ?? null,
    r.levelAssignmentMethod,
    JSON.stringify(r.seriesUsed),
    JSON.stringify(r.timingsMs),
    JSON.stringify(r.findings),
    JSON.stringify(r.levelPoints),
  );
  const put = db.prepare('INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const f of r.findings) {
    const p = f.probabilities;
    put.run(
      r.analysisId,
      f.condition,
      f.level,
      f.side,
      f.grade,
      p ? p[0] : null,
      p ? p[1] : null,
      p ? p[2] : null,
      f.assessable ? 1 : 0,
      f.notAssessableReason ?? null,
      f.uncertain ? 1 : 0,
      f.keyLocation ? JSON.stringify(f.keyLocation) : null,
    );
  }
}

function toRecord(r: AnalysisDbRow): AnalysisRecord {
  const record: AnalysisRecord = {
    analysisId: r.analysis_id,
    studyInstanceUid: r.study_uid,
    createdAt: r.created_at,
    appVersion: r.app_version,
    model: {
      id: r.model_id,
      version: r.model_version,
      sha256: r.model_sha256,
      name: r.model_name,
      intendedUse: r.intended_use,
    },
    provider: r.provider,
    timingsMs: JSON.parse(r.timings_json) as Record<string, number>,
    seriesUsed: JSON.parse(r.series_used_json) as SeriesUsed[],
    levelAssignmentMethod: r.level_assignment_method,
    findings: JSON.parse(r.findings_json) as Finding[],
    levelPoints: JSON.parse(r.level_points_json) as LevelPoint[],
  };
  if (r.provider_note !== null) record.providerNote = r.provider_note;
  return record;
}

export function readSignOff(db: Database.Database, analysisId: string): SignOff | null {
  const row = db.prepare('SELECT * FROM sign_offs WHERE analysis_id = ?').get(analysisId) as
    { analysis_id: string; reader: string; signed_at: string } | undefined;
  return row ? { analysisId: row.analysis_id, reader: row.reader, signedAt: row.signed_at } : null;
}

export function readOverrides(db: Database.Database, analysisId: string): ReaderOverride[] {
  const rows = db
    .prepare('SELECT * FROM reader_overrides WHERE analysis_id = ? ORDER BY id')
    .all(analysisId) as Array<{
    analysis_id: string;
    condition: string;
    level: string;
    grade: string;
    note: string;
    reader: string;
    created_at: string;
    addendum: number;
  }>;
  return rows.map((o) => ({
    analysisId: o.analysis_id,
    condition: o.condition as Condition,
    level: o.level as Level,
    grade: o.grade as Severity,
    note: o.note,
    reader: o.reader,
    createdAt: o.created_at,
    addendum: o.addendum === 1,
  }));
}

/** The stored analysis with its overrides and sign-off; NOT_FOUND when absent. */
export function readAnalysisBundle(db: Database.Database, analysisId: string): AnalysisBundle {
  const row = db.prepare('SELECT * FROM analyses WHERE analysis_id = ?').get(analysisId) as
    AnalysisDbRow | undefined;
  if (!row)
    throw new AppError(
      'NOT_FOUND',
      `No analysis ${analysisId} in the store; "list" shows the stored analyses.`,
    );
  return {
    analysis: toRecord(row),
    overrides: readOverrides(db, analysisId),
    signOff: readSignOff(db, analysisId),
  };
}

/** Analysis summaries, newest first, of one study or of all. */
export function readAnalysisSummaries(db: Database.Database, studyUid?: string): AnalysisListItem[] {
  const sql = `SELECT a.analysis_id, a.study_uid, a.created_at, a.model_id, a.model_version, a.provider,
    (SELECT COUNT(*) FROM reader_overrides o WHERE o.analysis_id = a.analysis_id) AS override_count
    FROM analyses a ${studyUid === undefined ? '' : 'WHERE a.study_uid = ?'} ORDER BY a.created_at DESC, a.analysis_id`;
  const rows = (studyUid === undefined ? db.prepare(sql).all() : db.prepare(sql).all(studyUid)) as Array<{
    analysis_id: string;
    study_uid: string;
    created_at: string;
    model_id: string;
    model_version: string;
    provider: string;
    override_count: number;
  }>;
  return rows.map((a) => ({
    analysisId: a.analysis_id,
    studyInstanceUid: a.study_uid,
    createdAt: a.created_at,
    modelId: a.model_id,
    modelVersion: a.model_version,
    provider: a.provider,
    overrideCount: a.override_count,
    signOff: readSignOff(db, a.analysis_id),
  }));
}

/** Full analysis id from the id or a unique prefix of at least 4 characters (as `list` prints them). */
export function resolveAnalysisIdRow(db: Database.Database, idOrPrefix: string): string {
  if (db.prepare('SELECT 1 FROM analyses WHERE analysis_id = ?').get(idOrPrefix)) return idOrPrefix;
  if (idOrPrefix.length >= 4) {
    const hits = db
      .prepare('SELECT analysis_id FROM analyses WHERE substr(analysis_id, 1, ?) = ? LIMIT 3')
      .all(idOrPrefix.length, idOrPrefix) as Array<{ analysis_id: string }>;
    if (hits.length === 1) return hits[0].analysis_id;
    if (hits.length > 1) {
      throw new AppError(
        'INVALID_ARGUMENT',
        `"${idOrPrefix}" matches several analyses; give more characters of the ID.`,
      );
    }
  }
  throw new AppError(
    'NOT_FOUND',
    `No analysis "${idOrPrefix}" in the store; "list" shows the stored analyses.`,
  );
}
