/**
 * The local study store: one SQLite file (WAL) in the user-data folder, versioned migrations, every write one
 * transaction together with its audit row. Entry: createStore({ dir }). Plain Node; never imports electron.
 */
import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import Database from 'better-sqlite3';
import type { AnalysisRecord, ReaderOverride, SignOff } from '../../shared/analysis';
import { AppError, isAppError } from '../../shared/errors';
import {
  insertAnalysisRows,
  readAnalysisBundle,
  readAnalysisSummaries,
  resolveAnalysisIdRow,
} from './analyses';
import type { AnalysisListItem, StudyListItem } from '../../shared/apiRecords';
import { appendAuditRow, readAuditRows, verifyAuditChain } from './audit';
import { applyMigrations } from './migrations';
import { storeDbPath } from './paths';
import { deleteRowsUnder, folderReferenced } from './purgeRows';
import { insertOverrideRow, insertSignOffRow } from './review';
import { readSeries, readStudySummaries, upsertStudyRows } from './studies';
import type {
  AnalysisBundle,
  AuditEntry,
  AuditRow,
  AuditVerification,
  OverrideInput,
  PurgeAudit,
  PurgedRows,
  StoredStudy,
  StudyImport,
  UpsertResult,
} from './types';

export interface StoreOptions {
  /** Store folder; created (mode 700) when absent. See defaultStoreDir() for the OS default. */
  dir: string;
  /** Actor recorded in audit rows that name none; defaults to the OS user name. */
  actor?: string;
  /** Clock, ISO 8601; injectable for tests. */
  now?: () => string;
  /** Crash-safety tests only: called inside each write transaction after its rows are written, before COMMIT. */
  beforeCommit?: (operation: string) => void;
}

export interface Store {
  readonly dir: string;
  readonly file: string;
  /** Insert or merge a study (same StudyInstanceUID never duplicates); audited as 'import'. */
  upsertStudy(input: StudyImport, actor?: string): UpsertResult;
  /** Store an analysis of an imported study with its 25 findings; audited as 'analysis'. */
  saveAnalysis(record: AnalysisRecord, actor?: string): void;
  /**
   * Upsert the study and store its analysis in ONE transaction (audited as 'import' then 'analysis'):
   * a crash leaves both or neither.
   */
  saveStudyAnalysis(input: StudyImport, record: AnalysisRecord, actor?: string): UpsertResult;
  listStudies(): StudyListItem[];
  getStudy(studyInstanceUid: string): StoredStudy;
  listAnalyses(studyInstanceUid?: string): AnalysisListItem[];
  getAnalysis(analysisId: string): AnalysisBundle;
  /** Full id from an id or a unique prefix (>= 4 characters). */
  resolveAnalysisId(idOrPrefix: string): string;
  /** Reader grade beside the AI's; an addendum once the analysis is signed. */
  addOverride(input: OverrideInput): ReaderOverride;
  /** Lock an analysis; LOCKED when already signed. */
  signOff(analysisId: string, reader: string): SignOff;
  /** Append an audit row on its own (view, print, export). */
  appendAudit(entry: AuditEntry): AuditRow;
  /**
   * `store purge` of an app-managed folder: delete the instance rows whose files lie under `folder` (series,
   * studies and patients left empty go too; a study with analyses keeps its header) in one transaction with
   * its 'purge' audit row (`audit.details` plus the row counts). Deleting the files is the caller's, after.
   */
  purgeFolderRows(folder: string, audit: PurgeAudit): PurgedRows;
  /**
   * `store purge` of upload folders: those of `folders` that no stored instance references. When there are
   * any, one 'purge' audit row (`details(unreferenced)`) is written in the same transaction as the check.
   */
  unreferencedFolders(
    folders: readonly string[],
    audit: { actor?: string; details: (unreferenced: string[]) => Record<string, unknown> },
  ): string[];
  auditLog(analysisId?: string): AuditRow[];
  verifyAudit(): AuditVerification;
  close(): void;
}

function sqliteCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown }).code;
  return e instanceof Error && typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/** Turn SQLite failures into STORE_ERROR with a message a person can act on; bugs pass through. */
function guard<T>(file: string, action: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (isAppError(e)) throw e;
    const code = sqliteCode(e);
    if (!code) throw e;
    const hint =
      code === 'SQLITE_BUSY'
        ? 'another SpineGrade process is writing to this store; try again in a moment'
        : code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT'
          ? 'the file is not a SpineGrade store or is damaged; restore it from a backup or use another --store folder'
          : code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM'
            ? 'the store folder is not writable; check its permissions or use another --store folder'
            : code === 'SQLITE_FULL'
              ? 'the disk is full; free space and try again'
              : 'nothing was changed';
    throw new AppError(
      'STORE_ERROR',
      `Could not ${action}: ${(e as Error).message} (${code}); ${hint}.`,
      file,
    );
  }
}

function openDatabase(dir: string, file: string, now: () => string): Database.Database {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new AppError(
      'STORE_ERROR',
      `Cannot create the store folder: ${(e as Error).message}. Use another --store folder.`,
      dir,
    );
  }
  return guard(file, 'open the store', () => {
    const db = new Database(file);
    try {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal')
        throw new AppError(
          'STORE_ERROR',
          `The store folder does not support SQLite WAL (got ${String(mode)}); use a local disk.`,
          file,
        );
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      applyMigrations(db, now, file);
      return db;
    } catch (e) {
      db.close();
      throw e;
    }
  });
}

function defaultActor(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

interface StoreContext {
  db: Database.Database;
  actor: string;
  write: <T>(operation: string, fn: (at: string) => T) => T;
  read: <T>(action: string, fn: () => T) => T;
}

type WriteMethods = Pick<
  Store,
  'upsertStudy' | 'saveAnalysis' | 'saveStudyAnalysis' | 'addOverride' | 'signOff' | 'appendAudit'
>;
type PurgeMethods = Pick<Store, 'purgeFolderRows' | 'unreferencedFolders'>;
type ReadMethods = Omit<Store, keyof WriteMethods | keyof PurgeMethods | 'dir' | 'file' | 'close'>;

function studyOfAnalysis(db: Database.Database, analysisId: string): string {
  const row = db.prepare('SELECT study_uid FROM analyses WHERE analysis_id = ?').get(analysisId) as {
    study_uid: string;
  };
  return row.study_uid;
}

/** Writes: each one transaction holding its rows and its audit row. */
function writeMethods({ db, actor, write }: StoreContext): WriteMethods {
  const audit = (entry: AuditEntry, at: string): AuditRow => appendAuditRow(db, entry, at, actor);
  const studyRows = (input: StudyImport, who: string | undefined, at: string): UpsertResult => {
    const r = upsertStudyRows(db, input, at);
    const { studyInstanceUid, ...details } = r;
    audit({ event: 'import', actor: who, studyInstanceUid, details }, at);
    return r;
  };
  const analysisRows = (record: AnalysisRecord, who: string | undefined, at: string): void => {
    insertAnalysisRows(db, record);
    const { id, version, sha256 } = record.model;
    const { studyInstanceUid, analysisId, provider } = record;
    audit(
      {
        event: 'analysis',
        actor: who,
        studyInstanceUid,
        analysisId,
        details: { model: { id, version, sha256 }, provider },
      },
      at,
    );
  };
  return {
    upsertStudy: (input, who) => write('import the study', (at) => studyRows(input, who, at)),
    saveAnalysis: (record, who) => write('save the analysis', (at) => analysisRows(record, who, at)),
    saveStudyAnalysis: (input, record, who) =>
      write('save the study and its analysis', (at) => {
        const r = studyRows(input, who, at);
        analysisRows(record, who, at);
        return r;
      }),
    addOverride: (input) =>
      write('store the override', (at) => {
        const { override, aiGrade } = insertOverrideRow(db, input, at);
        const { analysisId, reader, createdAt: _c, ...details } = override;
        const studyInstanceUid = studyOfAnalysis(db, analysisId);
        audit(
          {
            event: 'override',
            actor: reader,
            studyInstanceUid,
            analysisId,
            details: { ...details, aiGrade },
          },
          at,
        );
        return override;
      }),
    signOff: (analysisId, reader) =>
      write('sign the analysis', (at) => {
        const s = insertSignOffRow(db, analysisId, reader, at);
        audit(
          {
            event: 'sign-off',
            actor: s.reader,
            studyInstanceUid: studyOfAnalysis(db, analysisId),
            analysisId,
            details: {},
          },
          at,
        );
        return s;
      }),
    appendAudit: (entry) => write('write the audit log', (at) => audit(entry, at)),
  };
}

/** `store purge`: row deletes and reference checks, each one transaction with its audit row. */
function purgeMethods({ db, actor, write }: StoreContext): PurgeMethods {
  return {
    purgeFolderRows: (folder, audit) =>
      write('purge the retrieved copies', (at) => {
        const rows = deleteRowsUnder(db, folder);
        const { studyInstanceUid, details } = audit;
        const entry = { event: 'purge' as const, studyInstanceUid, details: { ...details, ...rows } };
        appendAuditRow(db, entry, at, audit.actor ?? actor);
        return rows;
      }),
    unreferencedFolders: (folders, audit) =>
      write('purge the uploads', (at) => {
        const free = folders.filter((f) => !folderReferenced(db, f));
        if (free.length > 0)
          appendAuditRow(db, { event: 'purge', details: audit.details(free) }, at, audit.actor ?? actor);
        return free;
      }),
  };
}

/** Reads: plain queries, SQLite failures turned into STORE_ERROR. */
function readMethods({ db, read }: StoreContext): ReadMethods {
  return {
    listStudies: () =>
      read('list studies', () => {
        const analyses = readAnalysisSummaries(db);
        return readStudySummaries(db).map((s) => ({
          ...s,
          analyses: analyses.filter((a) => a.studyInstanceUid === s.study.studyInstanceUid),
        }));
      }),
    getStudy: (uid) =>
      read('read the study', () => {
        const [s] = readStudySummaries(db, uid);
        if (!s)
          throw new AppError(
            'NOT_FOUND',
            `Study ${uid} is not in the store; "list" shows the stored studies.`,
          );
        return { ...s, analyses: readAnalysisSummaries(db, uid), series: readSeries(db, uid) };
      }),
    listAnalyses: (uid) => read('list analyses', () => readAnalysisSummaries(db, uid)),
    getAnalysis: (id) => read('read the analysis', () => readAnalysisBundle(db, id)),
    resolveAnalysisId: (idOrPrefix) => read('find the analysis', () => resolveAnalysisIdRow(db, idOrPrefix)),
    auditLog: (analysisId) => read('read the audit log', () => readAuditRows(db, analysisId)),
    verifyAudit: () => read('verify the audit log', () => verifyAuditChain(db)),
  };
}

/** Open (creating and migrating when needed) the store in `options.dir`. */
export function createStore(options: StoreOptions): Store {
  const file = storeDbPath(options.dir);
  const now = options.now ?? ((): string => new Date().toISOString());
  const db = openDatabase(options.dir, file, now);
  const ctx: StoreContext = {
    db,
    actor: options.actor ?? defaultActor(),
    write: (operation, fn) =>
      guard(file, operation, () =>
        db
          .transaction(() => {
            const result = fn(now());
            options.beforeCommit?.(operation);
            return result;
          })
          .immediate(),
      ),
    read: (action, fn) => guard(file, action, fn),
  };
  return {
    dir: options.dir,
    file,
    ...writeMethods(ctx),
    ...purgeMethods(ctx),
    ...readMethods(ctx),
    close: () => db.close(),
  };
}
