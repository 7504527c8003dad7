import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../../main/engine/sha256';
import { canonicalJson } from '../../../../main/engine/store/canonicalJson';
import { GENESIS_HASH } from '../../../../main/engine/store/audit';
import { createStore, type Store } from '../../../../main/engine/store/store';
import { analysisRecord, studyImport, tempDir } from './fixtures';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A closed store with 6 audit rows: import, analysis, view, override, sign-off, export. */
function populated(): Store {
  const dir = tempDir('audit');
  dirs.push(dir);
  const s = createStore({ dir, actor: 'tester' });
  s.upsertStudy(studyImport());
  s.saveAnalysis(analysisRecord('a-1'));
  s.appendAudit({ event: 'view', analysisId: 'a-1', details: { screen: 'findings' } });
  s.addOverride({
    analysisId: 'a-1',
    condition: 'spinal_canal_stenosis',
    level: 'l3_l4',
    grade: 'Moderate',
    reader: 'Dr A',
  });
  s.signOff('a-1', 'Dr A');
  s.appendAudit({
    event: 'export',
    analysisId: 'a-1',
    details: { file: '/tmp/x.pdf', sha256: 'cd'.repeat(32) },
  });
  s.close();
  return s;
}

/** What an attacker with file access does: drop the triggers, tamper, put the triggers back. */
function tamper(file: string, sql: string): void {
  const db = new Database(file);
  const triggers = db
    .prepare("SELECT sql FROM sqlite_master WHERE type='trigger' AND tbl_name='audit_log'")
    .all() as Array<{ sql: string }>;
  expect(triggers).toHaveLength(2);
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  db.exec(sql);
  for (const t of triggers) db.exec(t.sql);
  db.close();
}

function verify(dir: string): ReturnType<Store['verifyAudit']> {
  const s = createStore({ dir });
  try {
    return s.verifyAudit();
  } finally {
    s.close();
  }
}

describe('audit log', () => {
  it('chains every event and verifies clean', () => {
    const s = populated();
    const again = createStore({ dir: s.dir });
    const rows = again.auditLog();
    expect(rows.map((r) => r.event)).toEqual([
      'import',
      'analysis',
      'view',
      'override',
      'sign-off',
      'export',
    ]);
    expect(rows[0].prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i += 1) expect(rows[i].prevHash).toBe(rows[i - 1].hash);
    expect(rows[1].details).toMatchObject({ model: { id: 'phantom-2stage', sha256: 'ab'.repeat(32) } });
    expect(again.verifyAudit()).toEqual({ ok: true, rows: 6, headHash: rows[5].hash });
    again.close();
  });

  it('refuses UPDATE and DELETE through SQL triggers', () => {
    const s = populated();
    const db = new Database(s.file);
    expect(() => db.prepare("UPDATE audit_log SET actor = 'x' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM sign_offs').run()).toThrow(/append-only/);
    db.close();
  });

  it('detects an edited row even when the triggers were dropped', () => {
    const s = populated();
    tamper(s.file, `UPDATE audit_log SET actor = 'Dr Evil' WHERE seq = 4`);
    expect(verify(s.dir)).toMatchObject({
      ok: false,
      firstBadSeq: 4,
      reason: expect.stringMatching(/row 4 .*changed/),
    });
  });

  it('detects an edited row whose own hash was recomputed (the next row no longer follows)', () => {
    const s = populated();
    const db = new Database(s.file, { readonly: true });
    const row = db.prepare('SELECT * FROM audit_log WHERE seq = 3').get() as Record<string, string | number>;
    db.close();
    const details = canonicalJson({ screen: 'forged' });
    const content = canonicalJson({
      seq: 3,
      at: row.at,
      event: row.event,
      actor: row.actor,
      studyInstanceUid: row.study_uid,
      analysisId: row.analysis_id,
      details: JSON.parse(details),
    });
    const hash = sha256Hex(String(row.prev_hash) + content);
    tamper(s.file, `UPDATE audit_log SET details_json = '${details}', hash = '${hash}' WHERE seq = 3`);
    expect(verify(s.dir)).toMatchObject({
      ok: false,
      firstBadSeq: 4,
      reason: expect.stringMatching(/does not follow/),
    });
  });

  it('detects a deleted row in the middle', () => {
    const s = populated();
    tamper(s.file, 'DELETE FROM audit_log WHERE seq = 3');
    expect(verify(s.dir)).toMatchObject({
      ok: false,
      firstBadSeq: 3,
      reason: expect.stringMatching(/row 3 is missing/),
    });
  });

  it('detects reordered rows', () => {
    const s = populated();
    tamper(
      s.file,
      `UPDATE audit_log SET seq = 100 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 100;`,
    );
    expect(verify(s.dir)).toMatchObject({ ok: false, firstBadSeq: 2 });
  });

  it('detects a cut tail that removed the sign-off event', () => {
    const s = populated();
    tamper(s.file, 'DELETE FROM audit_log WHERE seq >= 5');
    expect(verify(s.dir)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/sign-off of analysis a-1 has no audit row/),
    });
  });
});
