/**
 * Crash safety: a writer killed with SIGKILL in the middle of saving a large analysis leaves a store that
 * opens cleanly and holds each analysis whole or not at all.
 */
import { spawn } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from '../../../main/engine/store/store';
import { tempDir } from '../../unit/engine/store/fixtures';

const CHILD = path.join(__dirname, 'crashChild.ts');
/** ~5 MB of level-point JSON per analysis in the kill loop. */
const EXTRA_POINTS = 40_000;
/** ~20 MB: more than better-sqlite3's 16 MB page cache, so uncommitted pages spill into the WAL file. */
const SPILL_POINTS = 160_000;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Run the child; kill it with SIGKILL when `killWhen` says so. Resolves with the stdout lines seen. */
function runAndKill(
  dir: string,
  mode: 'pause' | 'loop',
  points: number,
  killWhen: (line: string, lines: string[]) => boolean | number,
): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, mode, String(points)], {
      cwd: path.join(__dirname, '../../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let stderr = '';
    let buffered = '';
    let armed = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        const decision = armed ? false : killWhen(line, lines);
        if (decision === true) {
          armed = true;
          child.kill('SIGKILL');
        } else if (typeof decision === 'number') {
          armed = true;
          setTimeout(() => child.kill('SIGKILL'), decision);
        }
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(lines);
      else reject(new Error(`child exited with ${code}: ${stderr}`));
    });
  });
}

interface StoreState {
  integrity: string;
  studies: number;
  analyses: Array<{ id: string; findings: number; points: number; audited: number }>;
}

function inspect(dir: string): StoreState {
  const store = createStore({ dir });
  const verification = store.verifyAudit();
  store.close();
  expect(verification.ok).toBe(true);
  const db = new Database(path.join(dir, 'spinegrade.db'), { readonly: true });
  const integrity = db.pragma('integrity_check', { simple: true }) as string;
  const analyses = db
    .prepare(
      `SELECT a.analysis_id id, (SELECT COUNT(*) FROM findings f WHERE f.analysis_id = a.analysis_id) findings,
        json_array_length(a.level_points_json) points,
        (SELECT COUNT(*) FROM audit_log l WHERE l.analysis_id = a.analysis_id AND l.event = 'analysis') audited
       FROM analyses a`,
    )
    .all() as StoreState['analyses'];
  const { n: studies } = db.prepare('SELECT COUNT(*) n FROM studies').get() as { n: number };
  const orphanFindings = db
    .prepare('SELECT COUNT(*) n FROM findings WHERE analysis_id NOT IN (SELECT analysis_id FROM analyses)')
    .get();
  db.close();
  expect(orphanFindings).toEqual({ n: 0 });
  return { integrity, studies, analyses };
}

describe('store crash safety (SIGKILL during a write)', () => {
  it('a kill inside the transaction leaves neither the study nor its analysis', async () => {
    const dir = tempDir('crash-pause');
    dirs.push(dir);
    const lines = await runAndKill(dir, 'pause', SPILL_POINTS, (line) => line === 'IN-TRANSACTION');
    expect(lines).toContain('IN-TRANSACTION');
    expect(lines.some((l) => l.startsWith('SAVED'))).toBe(false);
    // The uncommitted pages really reached the WAL file before the kill, so recovery had to discard them.
    expect(statSync(path.join(dir, 'spinegrade.db-wal')).size).toBeGreaterThan(1_000_000);
    const state = inspect(dir);
    expect(state.integrity).toBe('ok');
    expect(state.analyses).toEqual([]);
    expect(state.studies).toBe(0);
  });

  it('kills at varied moments leave every analysis whole or absent', async () => {
    const dir = tempDir('crash-loop');
    dirs.push(dir);
    let saved = 0;
    for (const delayMs of [0, 35, 120]) {
      const lines = await runAndKill(dir, 'loop', EXTRA_POINTS, (line, all) =>
        line === 'IN-TRANSACTION' && all.filter((l) => l === 'IN-TRANSACTION').length === 2 ? delayMs : false,
      );
      saved += lines.filter((l) => l.startsWith('SAVED')).length;
      const state = inspect(dir);
      expect(state.integrity).toBe('ok');
      expect(state.analyses.length).toBeGreaterThanOrEqual(saved);
      expect(state.studies).toBe(state.analyses.length > 0 ? 1 : 0);
      for (const a of state.analyses)
        expect(a).toMatchObject({ findings: 25, points: 5 + EXTRA_POINTS, audited: 1 });
      saved = state.analyses.length;
    }
  });
});
