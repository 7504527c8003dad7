import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../../../main/engine/store/store';
import { SCHEMA_VERSION } from '../../../../main/engine/store/migrations';
import { AppError } from '../../../../main/shared/errors';
import { analysisRecord, studyImport, tempDir } from './fixtures';

const open: Store[] = [];
const dirs: string[] = [];
function fresh(): Store {
  const dir = path.join(tempDir('store'), 'nested', 'store');
  dirs.push(dir);
  let t = 0;
  const s = createStore({
    dir,
    actor: 'tester',
    now: () => new Date(Date.UTC(2024, 2, 16, 12, 0, t++)).toISOString(),
  });
  open.push(s);
  return s;
}
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function expectAppError(fn: () => unknown, code: string, text: RegExp): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe(code);
    expect((e as AppError).message).toMatch(text);
    return;
  }
  throw new Error(`expected AppError ${code}`);
}

describe('store', () => {
  it('creates and migrates a database in an empty folder (WAL, schema_version, every table)', () => {
    const s = fresh();
    expect(existsSync(s.file)).toBe(true);
    s.close();
    open.pop();
    const db = new Database(s.file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT MAX(version) v FROM schema_version').get()).toEqual({ v: SCHEMA_VERSION });
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as Array<{ name: string }>
    ).map((t) => t.name);
    for (const t of [
      'patients',
      'studies',
      'series',
      'instances',
      'analyses',
      'findings',
      'reader_overrides',
      'sign_offs',
      'audit_log',
    ]) {
      expect(tables).toContain(t);
    }
    db.close();
    const again = createStore({ dir: s.dir });
    open.push(again);
    expect(again.listStudies()).toEqual([]);
  });

  it('refuses a store written by a newer schema', () => {
    const s = fresh();
    s.close();
    open.pop();
    const db = new Database(s.file);
    db.prepare("INSERT INTO schema_version VALUES (999, 'future', 'x')").run();
    db.close();
    expectAppError(() => createStore({ dir: s.dir }), 'STORE_ERROR', /newer than this SpineGrade/);
  });

  it('re-importing the same StudyInstanceUID merges instead of duplicating', () => {
    const s = fresh();
    const first = s.upsertStudy(studyImport(undefined, 3));
    expect(first).toMatchObject({
      created: true,
      seriesCount: 2,
      instanceCount: 6,
      newInstances: 6,
      changedInstances: 0,
    });
    const again = s.upsertStudy(studyImport(undefined, 3));
    expect(again).toMatchObject({ created: false, instanceCount: 6, newInstances: 0, changedInstances: 0 });
    const more = s.upsertStudy(studyImport(undefined, 5, '/moved/here'));
    expect(more).toMatchObject({ created: false, instanceCount: 10, newInstances: 4, changedInstances: 6 });
    expect(s.listStudies()).toHaveLength(1);
    const study = s.getStudy(studyImport().study.studyInstanceUid);
    expect(study.series.map((x) => x.sliceCount)).toEqual([5, 5]);
    expect(study.series[0].instances[0].filePath.startsWith('/moved/here')).toBe(true);
    expect(s.auditLog().map((r) => r.event)).toEqual(['import', 'import', 'import']);
  });

  it('stores an analysis exactly as written and one findings row per target', () => {
    const s = fresh();
    s.upsertStudy(studyImport());
    const rec = analysisRecord('a-0001', undefined, {
      spinal_canal_stenosis_l4_l5: 2,
      left_subarticular_stenosis_l5_s1: 'na',
    });
    s.saveAnalysis(rec);
    expect(s.getAnalysis('a-0001')).toEqual({ analysis: rec, overrides: [], signOff: null });
    const db = new Database(s.file, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) n FROM findings WHERE analysis_id = ?').get('a-0001')).toEqual({
      n: 25,
    });
    expect(
      db
        .prepare(
          "SELECT grade, p_severe FROM findings WHERE condition='spinal_canal_stenosis' AND level='l4_l5'",
        )
        .get(),
    ).toEqual({
      grade: 'Severe',
      p_severe: 0.8,
    });
    db.close();
    expect(s.listAnalyses()).toMatchObject([{ analysisId: 'a-0001', overrideCount: 0, signOff: null }]);
  });

  it('rejects an analysis of an unknown study, a duplicate id or missing targets, writing nothing', () => {
    const s = fresh();
    expectAppError(() => s.saveAnalysis(analysisRecord('a-1')), 'NOT_FOUND', /import it before/);
    s.upsertStudy(studyImport());
    s.saveAnalysis(analysisRecord('a-1'));
    expectAppError(() => s.saveAnalysis(analysisRecord('a-1')), 'STORE_ERROR', /already stored/);
    const short = analysisRecord('a-2');
    short.findings = short.findings.slice(1);
    expectAppError(() => s.saveAnalysis(short), 'STORE_ERROR', /missing spinal_canal_stenosis_l1_l2/);
    expect(s.listAnalyses().map((a) => a.analysisId)).toEqual(['a-1']);
    expect(s.auditLog().map((r) => r.event)).toEqual(['import', 'analysis']);
  });

  it('an override keeps the AI value beside the reader grade', () => {
    const s = fresh();
    s.upsertStudy(studyImport());
    s.saveAnalysis(analysisRecord('a-1', undefined, { spinal_canal_stenosis_l4_l5: 2 }));
    const o = s.addOverride({
      analysisId: 'a-1',
      condition: 'spinal_canal_stenosis',
      level: 'l4_l5',
      grade: 'moderate',
      reader: 'Dr A',
      note: 'borderline',
    });
    expect(o).toMatchObject({ grade: 'Moderate', addendum: false, reader: 'Dr A', note: 'borderline' });
    const b = s.getAnalysis('a-1');
    const ai = b.analysis.findings.find(
      (f) => f.condition === 'spinal_canal_stenosis' && f.level === 'l4_l5',
    );
    expect(ai?.grade).toBe('Severe');
    expect(b.overrides).toHaveLength(1);
    const db = new Database(s.file, { readonly: true });
    expect(
      db
        .prepare("SELECT grade FROM findings WHERE condition='spinal_canal_stenosis' AND level='l4_l5'")
        .get(),
    ).toEqual({ grade: 'Severe' });
    expect(() => db.prepare("UPDATE findings SET grade='Normal/Mild'").run()).toThrow();
    db.close();
    const audit = s.auditLog('a-1').find((r) => r.event === 'override');
    expect(audit?.details).toMatchObject({ aiGrade: 'Severe', grade: 'Moderate', addendum: false });
  });

  it('rejects bad override input with the valid values listed', () => {
    const s = fresh();
    s.upsertStudy(studyImport());
    s.saveAnalysis(analysisRecord('a-1'));
    const base = {
      analysisId: 'a-1',
      condition: 'spinal_canal_stenosis',
      level: 'l4_l5',
      grade: 'Severe',
      reader: 'Dr A',
    };
    expectAppError(
      () => s.addOverride({ ...base, grade: 'Terrible' }),
      'INVALID_ARGUMENT',
      /Normal\/Mild, Moderate, Severe/,
    );
    expectAppError(() => s.addOverride({ ...base, level: 'l6_l7' }), 'INVALID_ARGUMENT', /levels: l1_l2/);
    expectAppError(() => s.addOverride({ ...base, reader: ' ' }), 'INVALID_ARGUMENT', /reader name/);
    expectAppError(() => s.addOverride({ ...base, analysisId: 'nope' }), 'NOT_FOUND', /list/);
    expect(s.getAnalysis('a-1').overrides).toEqual([]);
  });

  it('sign-off locks: a later override is an addendum and a second sign-off fails', () => {
    const s = fresh();
    s.upsertStudy(studyImport());
    s.saveAnalysis(analysisRecord('a-1'));
    s.addOverride({
      analysisId: 'a-1',
      condition: 'spinal_canal_stenosis',
      level: 'l1_l2',
      grade: 'Moderate',
      reader: 'Dr A',
    });
    const signed = s.signOff('a-1', 'Dr A');
    expect(signed.reader).toBe('Dr A');
    const late = s.addOverride({
      analysisId: 'a-1',
      condition: 'spinal_canal_stenosis',
      level: 'l1_l2',
      grade: 'Severe',
      reader: 'Dr B',
    });
    expect(late.addendum).toBe(true);
    expectAppError(() => s.signOff('a-1', 'Dr B'), 'LOCKED', /already signed by Dr A/);
    const b = s.getAnalysis('a-1');
    expect(b.signOff).toEqual(signed);
    expect(b.overrides.map((o) => [o.grade, o.addendum])).toEqual([
      ['Moderate', false],
      ['Severe', true],
    ]);
    expect(s.listAnalyses()[0]).toMatchObject({ overrideCount: 2, signOff: signed });
  });

  it('resolves a unique id prefix and refuses an ambiguous one', () => {
    const s = fresh();
    s.upsertStudy(studyImport());
    s.saveAnalysis(analysisRecord('abcd-1111'));
    s.saveAnalysis(analysisRecord('abcd-2222'));
    expect(s.resolveAnalysisId('abcd-2')).toBe('abcd-2222');
    expectAppError(() => s.resolveAnalysisId('abcd'), 'INVALID_ARGUMENT', /several/);
    expectAppError(() => s.resolveAnalysisId('zzzz'), 'NOT_FOUND', /list/);
  });

  it('reports an unreadable store file as STORE_ERROR', () => {
    const dir = tempDir('bad');
    dirs.push(dir);
    writeFileSync(path.join(dir, 'spinegrade.db'), 'this is not sqlite'.repeat(100));
    expectAppError(() => createStore({ dir }), 'STORE_ERROR', /not a SpineGrade store/);
  });
});
