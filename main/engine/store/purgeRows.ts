/**
 * The SQL of `store purge`: delete the instance rows whose files lie under an app-managed folder (and the
 * series, studies and patients left empty), and tell which folders stored instances still reference.
 * Call inside a store write transaction. Plain Node; never imports electron.
 */
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { PurgedRows } from './types';

/** A LIKE pattern (ESCAPE '\') matching every path inside `folder`. */
function insidePattern(folder: string): string {
  const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep;
  return prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
}

/**
 * Delete the instances under `folder`; then each of their series left without instances, each of their
 * studies left without series and analyses (analyses, overrides and sign-offs are append-only, so a study
 * with one keeps its header), and patients left without studies.
 */
export function deleteRowsUnder(db: Database.Database, folder: string): PurgedRows {
  const like = insidePattern(folder);
  const series = db
    .prepare("SELECT DISTINCT series_uid FROM instances WHERE file_path LIKE ? ESCAPE '\\'")
    .all(like) as Array<{ series_uid: string }>;
  const instanceRows = db
    .prepare("DELETE FROM instances WHERE file_path LIKE ? ESCAPE '\\'")
    .run(like).changes;
  const studyOf = db.prepare('SELECT study_uid FROM series WHERE series_uid = ?');
  const dropSeries = db.prepare(
    'DELETE FROM series WHERE series_uid = ? AND NOT EXISTS (SELECT 1 FROM instances WHERE series_uid = ?)',
  );
  let seriesRows = 0;
  const studies = new Set<string>();
  for (const { series_uid } of series) {
    const study = studyOf.get(series_uid) as { study_uid: string } | undefined;
    if (study) studies.add(study.study_uid);
    seriesRows += dropSeries.run(series_uid, series_uid).changes;
  }
  const dropStudy = db.prepare(
    'DELETE FROM studies WHERE study_uid = ? AND NOT EXISTS (SELECT 1 FROM series WHERE study_uid = ?) AND NOT EXISTS (SELECT 1 FROM analyses WHERE study_uid = ?)',
  );
  let studyRows = 0;
  for (const uid of studies) studyRows += dropStudy.run(uid, uid, uid).changes;
  db.prepare(
    'DELETE FROM patients WHERE NOT EXISTS (SELECT 1 FROM studies WHERE patient_row = patients.id)',
  ).run();
  return { instanceRows, seriesRows, studyRows };
}

/** True when a stored instance's file lies inside `folder`. */
export function folderReferenced(db: Database.Database, folder: string): boolean {
  return (
    db
      .prepare("SELECT 1 FROM instances WHERE file_path LIKE ? ESCAPE '\\' LIMIT 1")
      .get(insidePattern(folder)) !== undefined
  );
}
