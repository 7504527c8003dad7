/**
 * Append-only, hash-chained audit log: each row stores sha256(previous hash + canonical JSON of the row),
 * so an edited, deleted or reordered row breaks the chain even if the SQL triggers were dropped. Plain Node.
 */
import type Database from 'better-sqlite3';
import { sha256Hex } from '../sha256';
import { canonicalJson } from './canonicalJson';
import {
  AUDIT_EVENTS,
  type AuditEntry,
  type AuditEvent,
  type AuditRow,
  type AuditVerification,
} from './types';

/** prev_hash of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

interface AuditDbRow {
  seq: number;
  at: string;
  event: string;
  actor: string;
  study_uid: string | null;
  analysis_id: string | null;
  details_json: string;
  prev_hash: string;
  hash: string;
}

/** The hash of one row from its content and the previous row's hash. */
export function auditRowHash(prevHash: string, row: Omit<AuditRow, 'prevHash' | 'hash'>): string {
  const content = canonicalJson({
    seq: row.seq,
    at: row.at,
    event: row.event,
    actor: row.actor,
    studyInstanceUid: row.studyInstanceUid,
    analysisId: row.analysisId,
    details: row.details,
  });
  return sha256Hex(prevHash + content);
}

/** Append one row; call inside the write transaction of the change it records. */
export function appendAuditRow(
  db: Database.Database,
  entry: AuditEntry,
  at: string,
  defaultActor: string,
): AuditRow {
  if (!(AUDIT_EVENTS as readonly string[]).includes(entry.event))
    throw new Error(`unknown audit event ${entry.event}`);
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  const base = {
    seq: (last?.seq ?? 0) + 1,
    at,
    event: entry.event,
    actor: entry.actor ?? defaultActor,
    studyInstanceUid: entry.studyInstanceUid ?? null,
    analysisId: entry.analysisId ?? null,
    details: JSON.parse(canonicalJson(entry.details)) as Record<string, unknown>,
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row: AuditRow = { ...base, prevHash, hash: auditRowHash(prevHash, base) };
  db.prepare(
    'INSERT INTO audit_log (seq, at, event, actor, study_uid, analysis_id, details_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    row.seq,
    row.at,
    row.event,
    row.actor,
    row.studyInstanceUid,
    row.analysisId,
    canonicalJson(row.details),
    prevHash,
    row.hash,
  );
  return row;
}

function toAuditRow(r: AuditDbRow): AuditRow {
  return {
    seq: r.seq,
    at: r.at,
    event: r.event as AuditEvent,
    actor: r.actor,
    studyInstanceUid: r.study_uid,
    analysisId: r.analysis_id,
    details: JSON.parse(r.details_json) as Record<string, unknown>,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** Audit rows in chain order, optionally only those of one analysis. */
export function readAuditRows(db: Database.Database, analysisId?: string): AuditRow[] {
  const rows = (
    analysisId === undefined
      ? db.prepare('SELECT * FROM audit_log ORDER BY seq').all()
      : db.prepare('SELECT * FROM audit_log WHERE analysis_id = ? ORDER BY seq').all(analysisId)
  ) as AuditDbRow[];
  return rows.map(toAuditRow);
}

function checkRow(r: AuditDbRow, expectedSeq: number, prevHash: string): string | undefined {
  if (r.seq !== expectedSeq) {
    return r.seq > expectedSeq
      ? `row ${expectedSeq}${r.seq - expectedSeq > 1 ? ` to ${r.seq - 1}` : ''} is missing (deleted)`
      : `row ${r.seq} is out of order (expected ${expectedSeq})`;
  }
  if (r.prev_hash !== prevHash)
    return `row ${r.seq} does not follow the previous row (a row was deleted, inserted or reordered)`;
  let details: unknown;
  try {
    details = JSON.parse(r.details_json);
  } catch {
    return `row ${r.seq} has unreadable details (edited)`;
  }
  const { prevHash: _p, hash: _h, ...content } = toAuditRow({ ...r, details_json: '{}' });
  const expected = auditRowHash(prevHash, { ...content, details: details as Record<string, unknown> });
  if (r.hash !== expected) return `row ${r.seq} (${r.event} at ${r.at}) was changed after it was written`;
  return undefined;
}

/**
 * Walk the chain from the first row. Returns the first bad row and why, or the row count and head hash
 * (write the head hash down elsewhere to also detect a truncated tail later).
 */
export function verifyAuditChain(db: Database.Database): AuditVerification {
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditDbRow>;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (const r of rows) {
    const reason = checkRow(r, count + 1, prevHash);
    if (reason) return { ok: false, rows: count, firstBadSeq: Math.min(r.seq, count + 1), reason };
    prevHash = r.hash;
    count += 1;
  }
  const orphan = findUnauditedRecord(db);
  if (orphan) return { ok: false, rows: count, firstBadSeq: count + 1, reason: orphan };
  return { ok: true, rows: count, headHash: prevHash };
}

/** Every stored analysis, override and sign-off must have its audit row; a missing one means a cut log. */
function findUnauditedRecord(db: Database.Database): string | undefined {
  const checks: Array<[string, string]> = [
    [
      `SELECT a.analysis_id AS id FROM analyses a WHERE NOT EXISTS
       (SELECT 1 FROM audit_log l WHERE l.event = 'analysis' AND l.analysis_id = a.analysis_id) LIMIT 1`,
      'analysis',
    ],
    [
      `SELECT s.analysis_id AS id FROM sign_offs s WHERE NOT EXISTS
       (SELECT 1 FROM audit_log l WHERE l.event = 'sign-off' AND l.analysis_id = s.analysis_id) LIMIT 1`,
      'sign-off',
    ],
    [
      `SELECT o.analysis_id AS id FROM reader_overrides o GROUP BY o.analysis_id HAVING COUNT(*) >
       (SELECT COUNT(*) FROM audit_log l WHERE l.event = 'override' AND l.analysis_id = o.analysis_id) LIMIT 1`,
      'override',
    ],
  ];
  for (const [sql, what] of checks) {
    const hit = db.prepare(sql).get() as { id: string } | undefined;
    if (hit)
      return `the ${what} of analysis ${hit.id} has no audit row (rows were removed from the end of the log)`;
  }
  return undefined;
}
