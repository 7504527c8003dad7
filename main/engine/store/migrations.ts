/**
 * Versioned schema migrations of the local store, kept in code; each is applied in one transaction
 * together with its schema_version row. Plain Node; never imports electron.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

const APPEND_ONLY = (table: string): string => `
CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} is append-only: rows cannot be changed'); END;
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} is append-only: rows cannot be deleted'); END;`;

/** Every schema change, in order. Never edit a released migration: add a new one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'patients, studies, series, instances, analyses, findings, overrides, sign-offs, audit log',
    sql: `
CREATE TABLE patients (
  id INTEGER PRIMARY KEY,
  patient_id TEXT NOT NULL,
  patient_name TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  sex TEXT NOT NULL,
  UNIQUE (patient_id, patient_name, birth_date)
);
CREATE TABLE studies (
  study_uid TEXT PRIMARY KEY,
  patient_row INTEGER NOT NULL REFERENCES patients(id),
  study_date TEXT NOT NULL,
  accession_number TEXT NOT NULL,
  study_description TEXT NOT NULL,
  institution_name TEXT NOT NULL,
  first_imported_at TEXT NOT NULL,
  last_imported_at TEXT NOT NULL
);
CREATE TABLE series (
  series_uid TEXT PRIMARY KEY,
  study_uid TEXT NOT NULL REFERENCES studies(study_uid),
  series_description TEXT NOT NULL,
  role TEXT NOT NULL,
  slice_count INTEGER NOT NULL
);
CREATE TABLE instances (
  sop_uid TEXT PRIMARY KEY,
  series_uid TEXT NOT NULL REFERENCES series(series_uid),
  file_path TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size_bytes INTEGER NOT NULL
);
CREATE INDEX instances_series ON instances(series_uid);
CREATE TABLE analyses (
  analysis_id TEXT PRIMARY KEY,
  study_uid TEXT NOT NULL REFERENCES studies(study_uid),
  created_at TEXT NOT NULL,
  app_version TEXT NOT NULL,
  model_id TEXT NOT NULL,
  model_version TEXT NOT NULL,
  model_sha256 TEXT NOT NULL,
  model_name TEXT NOT NULL,
  intended_use TEXT NOT NULL,
  provider TEXT NOT NULL,
  provider_note TEXT,
  level_assignment_method TEXT NOT NULL,
  series_used_json TEXT NOT NULL,
  timings_json TEXT NOT NULL,
  findings_json TEXT NOT NULL,
  level_points_json TEXT NOT NULL
);
CREATE INDEX analyses_study ON analyses(study_uid);
CREATE TABLE findings (
  analysis_id TEXT NOT NULL REFERENCES analyses(analysis_id),
  condition TEXT NOT NULL,
  level TEXT NOT NULL,
  side TEXT NOT NULL,
  grade TEXT,
  p_normal_mild REAL,
  p_moderate REAL,
  p_severe REAL,
  assessable INTEGER NOT NULL,
  not_assessable_reason TEXT,
  uncertain INTEGER NOT NULL,
  key_location_json TEXT,
  PRIMARY KEY (analysis_id, condition, level)
);
CREATE INDEX findings_grade ON findings(condition, level, grade);
CREATE TABLE reader_overrides (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  analysis_id TEXT NOT NULL REFERENCES analyses(analysis_id),
  condition TEXT NOT NULL,
  level TEXT NOT NULL,
  grade TEXT NOT NULL,
  note TEXT NOT NULL,
  reader TEXT NOT NULL,
  created_at TEXT NOT NULL,
  addendum INTEGER NOT NULL
);
CREATE INDEX overrides_analysis ON reader_overrides(analysis_id);
CREATE TABLE sign_offs (
  analysis_id TEXT PRIMARY KEY REFERENCES analyses(analysis_id),
  reader TEXT NOT NULL,
  signed_at TEXT NOT NULL
);
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  event TEXT NOT NULL,
  actor TEXT NOT NULL,
  study_uid TEXT,
  analysis_id TEXT,
  details_json TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
${APPEND_ONLY('audit_log')}
${APPEND_ONLY('analyses')}
${APPEND_ONLY('findings')}
${APPEND_ONLY('reader_overrides')}
${APPEND_ONLY('sign_offs')}
`,
  },
];

/** Highest schema version this build knows. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

function currentVersion(db: Database.Database): number {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null };
  return row.v ?? 0;
}

/**
 * Bring the database to {@link SCHEMA_VERSION}. Returns the versions applied now (empty when up to date).
 * A database written by a newer SpineGrade is refused rather than altered.
 */
export function applyMigrations(db: Database.Database, now: () => string, file: string): number[] {
  const from = currentVersion(db);
  if (from > SCHEMA_VERSION) {
    throw new AppError(
      'STORE_ERROR',
      `The store has schema version ${from}, newer than this SpineGrade understands (${SCHEMA_VERSION}). ` +
        'Update SpineGrade, or open a different store folder with --store.',
      file,
    );
  }
  const applied: number[] = [];
  for (const m of MIGRATIONS.filter((x) => x.version > from)) {
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.description,
        now(),
      );
    }).immediate();
    applied.push(m.version);
  }
  return applied;
}
