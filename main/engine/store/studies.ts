/**
 * Patients, studies, series and instance references: upsert (re-import merges, never duplicates) and reads.
 * Runs inside the caller's transaction. Plain Node; never imports electron.
 */
import type Database from 'better-sqlite3';
import type { StudyInfo } from '../../shared/analysis';
import type { StudyListItem } from '../../shared/apiRecords';
import type { SeriesRole } from '../../shared/findings';
import type { InstanceRef, StoredSeries, StudyImport, UpsertResult } from './types';

interface StudyDbRow {
  study_uid: string;
  patient_id: string;
  patient_name: string;
  birth_date: string;
  sex: string;
  study_date: string;
  accession_number: string;
  study_description: string;
  institution_name: string;
  first_imported_at: string;
  last_imported_at: string;
  series_count: number;
  instance_count: number;
}

const STUDY_SELECT = `
SELECT s.*, p.patient_id, p.patient_name, p.birth_date, p.sex,
  (SELECT COUNT(*) FROM series x WHERE x.study_uid = s.study_uid) AS series_count,
  (SELECT COUNT(*) FROM instances i JOIN series x ON i.series_uid = x.series_uid WHERE x.study_uid = s.study_uid) AS instance_count
FROM studies s JOIN patients p ON p.id = s.patient_row`;

function patientRow(db: Database.Database, s: StudyInfo): number {
  db.prepare(
    `INSERT INTO patients (patient_id, patient_name, birth_date, sex) VALUES (?, ?, ?, ?)
     ON CONFLICT (patient_id, patient_name, birth_date) DO UPDATE SET sex = excluded.sex`,
  ).run(s.patientId, s.patientName, s.patientBirthDate, s.patientSex);
  const row = db
    .prepare('SELECT id FROM patients WHERE patient_id = ? AND patient_name = ? AND birth_date = ?')
    .get(s.patientId, s.patientName, s.patientBirthDate) as { id: number };
  return row.id;
}

function upsertInstances(
  db: Database.Database,
  seriesUid: string,
  instances: InstanceRef[],
): { added: number; changed: number } {
  const find = db.prepare('SELECT file_path, sha256 FROM instances WHERE sop_uid = ?');
  const put = db.prepare(
    `INSERT INTO instances (sop_uid, series_uid, file_path, sha256, size_bytes) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (sop_uid) DO UPDATE SET series_uid = excluded.series_uid, file_path = excluded.file_path,
       sha256 = excluded.sha256, size_bytes = excluded.size_bytes`,
  );
  let added = 0;
  let changed = 0;
  for (const inst of instances) {
    const old = find.get(inst.sopInstanceUid) as { file_path: string; sha256: string } | undefined;
    if (!old) added += 1;
    else if (old.file_path !== inst.filePath || old.sha256 !== inst.sha256) changed += 1;
    put.run(inst.sopInstanceUid, seriesUid, inst.filePath, inst.sha256, inst.sizeBytes);
  }
  return { added, changed };
}

/** Insert or merge a study; the caller wraps it in a transaction and audits it. */
export function upsertStudyRows(db: Database.Database, input: StudyImport, now: string): UpsertResult {
  const s = input.study;
  const existed =
    db.prepare('SELECT 1 FROM studies WHERE study_uid = ?').get(s.studyInstanceUid) !== undefined;
  db.prepare(
    `INSERT INTO studies (study_uid, patient_row, study_date, accession_number, study_description, institution_name,
       first_imported_at, last_imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (study_uid) DO UPDATE SET patient_row = excluded.patient_row, study_date = excluded.study_date,
       accession_number = excluded.accession_number, study_description = excluded.study_description,
       institution_name = excluded.institution_name, last_imported_at = excluded.last_imported_at`,
  ).run(
    s.studyInstanceUid,
    patientRow(db, s),
    s.studyDate,
    s.accessionNumber,
    s.studyDescription,
    s.institutionName,
    now,
    now,
  );
  const putSeries = db.prepare(
    `INSERT INTO series (series_uid, study_uid, series_description, role, slice_count) VALUES (?, ?, ?, ?, 0)
     ON CONFLICT (series_uid) DO UPDATE SET series_description = excluded.series_description, role = excluded.role`,
  );
  const countSlices = db.prepare(
    'UPDATE series SET slice_count = (SELECT COUNT(*) FROM instances WHERE series_uid = ?) WHERE series_uid = ?',
  );
  let newInstances = 0;
  let changedInstances = 0;
  for (const series of input.series) {
    putSeries.run(series.seriesInstanceUid, s.studyInstanceUid, series.seriesDescription, series.role);
    const r = upsertInstances(db, series.seriesInstanceUid, series.instances);
    newInstances += r.added;
    changedInstances += r.changed;
    countSlices.run(series.seriesInstanceUid, series.seriesInstanceUid);
  }
  const summary = readStudySummaryRow(db, s.studyInstanceUid);
  return {
    studyInstanceUid: s.studyInstanceUid,
    created: !existed,
    seriesCount: summary?.series_count ?? 0,
    instanceCount: summary?.instance_count ?? 0,
    newInstances,
    changedInstances,
  };
}

function readStudySummaryRow(db: Database.Database, studyUid: string): StudyDbRow | undefined {
  return db.prepare(`${STUDY_SELECT} WHERE s.study_uid = ?`).get(studyUid) as StudyDbRow | undefined;
}

function toStudyInfo(r: StudyDbRow): StudyInfo {
  return {
    studyInstanceUid: r.study_uid,
    patientName: r.patient_name,
    patientId: r.patient_id,
    patientBirthDate: r.birth_date,
    patientSex: r.sex,
    studyDate: r.study_date,
    accessionNumber: r.accession_number,
    studyDescription: r.study_description,
    institutionName: r.institution_name,
  };
}

/** Study summaries without analyses (the caller adds them), newest study date first. */
export function readStudySummaries(
  db: Database.Database,
  studyUid?: string,
): Array<Omit<StudyListItem, 'analyses'>> {
  const rows = (
    studyUid === undefined
      ? db.prepare(`${STUDY_SELECT} ORDER BY s.study_date DESC, s.last_imported_at DESC`).all()
      : db.prepare(`${STUDY_SELECT} WHERE s.study_uid = ?`).all(studyUid)
  ) as StudyDbRow[];
  return rows.map((r) => ({
    study: toStudyInfo(r),
    seriesCount: r.series_count,
    instanceCount: r.instance_count,
    firstImportedAt: r.first_imported_at,
    lastImportedAt: r.last_imported_at,
  }));
}

/** Series of a study with their instance references, in series description order. */
export function readSeries(db: Database.Database, studyUid: string): StoredSeries[] {
  const series = db
    .prepare('SELECT * FROM series WHERE study_uid = ? ORDER BY series_description, series_uid')
    .all(studyUid) as Array<{
    series_uid: string;
    series_description: string;
    role: string;
    slice_count: number;
  }>;
  const inst = db.prepare('SELECT * FROM instances WHERE series_uid = ? ORDER BY file_path');
  return series.map((x) => ({
    seriesInstanceUid: x.series_uid,
    seriesDescription: x.series_description,
    role: x.role as SeriesRole,
    sliceCount: x.slice_count,
    instances: (
      inst.all(x.series_uid) as Array<{
        sop_uid: string;
        file_path: string;
        sha256: string;
        size_bytes: number;
      }>
    ).map((i) => ({
      sopInstanceUid: i.sop_uid,
      filePath: i.file_path,
      sha256: i.sha256,
      sizeBytes: i.size_bytes,
    })),
  }));
}
