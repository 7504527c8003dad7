// The store's `store purge` SQL: instance rows under a folder go with the series, studies and patients
// left empty (a study with an analysis keeps its header), LIKE wildcards in folder names match literally,
// reference checks of upload folders, one audit row per purge, and a failed transaction changes nothing.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../../../main/engine/store/store';
import type { StudyImport } from '../../../../main/engine/store/types';
import { analysisRecord, studyImport, tempDir } from './fixtures';

const dirs: string[] = [];
const open: Store[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fresh(beforeCommit?: (op: string) => void): Store {
  const dir = tempDir('store-purge');
  dirs.push(dir);
  const s = createStore({ dir, actor: 'tester', ...(beforeCommit ? { beforeCommit } : {}) });
  open.push(s);
  return s;
}

/** studyImport with series and instance UIDs of its own (the fixture's are shared by every study). */
function study(uid: string, dir: string, perSeries = 3): StudyImport {
  const s = studyImport(uid, perSeries, dir);
  return {
    ...s,
    series: s.series.map((se, si) => ({
      ...se,
      seriesInstanceUid: `${uid}.${si + 1}`,
      instances: se.instances.map((i, k) => ({ ...i, sopInstanceUid: `${uid}.${si + 1}.${k + 1}` })),
    })),
  };
}

const UID_A = '1.2.826.0.1.3680043.8.498.101';
const UID_B = '1.2.826.0.1.3680043.8.498.102';
const UID_C = '1.2.826.0.1.3680043.8.498.103';
const UID_D = '1.2.826.0.1.3680043.8.498.104';

describe('Store.purgeFolderRows', () => {
  it('deletes the rows under a folder only, keeps analysed studies, audits each purge', () => {
    const s = fresh();
    const root = path.join(s.dir, 'pacs-retrieved');
    s.upsertStudy(study(UID_A, path.join(root, UID_A)));
    s.saveAnalysis(analysisRecord('a0000000-0000-4000-8000-000000000001', UID_A));
    s.upsertStudy(study(UID_B, path.join(root, UID_B)));
    s.upsertStudy(study(UID_C, '/data/drop'));
    // A sibling whose name only starts like the folder must stay.
    s.upsertStudy(study(UID_D, `${root}X${UID_B}`));

    const one = s.purgeFolderRows(path.join(root, UID_B), {
      studyInstanceUid: UID_B,
      details: { folder: path.join(root, UID_B), files: 6 },
    });
    expect(one).toEqual({ instanceRows: 6, seriesRows: 2, studyRows: 1 });
    const all = s.purgeFolderRows(root, { actor: 'Dr Purge', details: { folder: root, files: 6 } });
    expect(all).toEqual({ instanceRows: 6, seriesRows: 2, studyRows: 0 });

    const uids = s.listStudies().map((x) => x.study.studyInstanceUid);
    expect(uids.sort()).toEqual([UID_A, UID_C, UID_D].sort());
    expect(s.getStudy(UID_A).series).toEqual([]);
    expect(s.getStudy(UID_A).analyses).toHaveLength(1);
    expect(s.getStudy(UID_C).instanceCount).toBe(6);
    expect(s.getStudy(UID_D).instanceCount).toBe(6);

    const purges = s.auditLog().filter((r) => r.event === 'purge');
    expect(purges).toHaveLength(2);
    expect(purges[0]).toMatchObject({
      actor: 'tester',
      studyInstanceUid: UID_B,
      details: { folder: path.join(root, UID_B), files: 6, instanceRows: 6, seriesRows: 2, studyRows: 1 },
    });
    expect(purges[1]).toMatchObject({ actor: 'Dr Purge', studyInstanceUid: null });
    expect(s.verifyAudit().ok).toBe(true);
  });

  it('folder names with LIKE wildcards match literally', () => {
    const s = fresh();
    s.upsertStudy(study(UID_A, '/data/a_b'));
    s.upsertStudy(study(UID_B, '/data/aXb'));
    s.upsertStudy(study(UID_C, '/data/100%'));
    s.upsertStudy(study(UID_D, '/data/100x'));
    expect(s.purgeFolderRows('/data/a_b', { details: {} }).instanceRows).toBe(6);
    expect(s.purgeFolderRows('/data/100%/', { details: {} }).instanceRows).toBe(6);
    const left = s.listStudies().map((x) => x.study.studyInstanceUid);
    expect(left.sort()).toEqual([UID_B, UID_D].sort());
  });

  it('a failure inside the transaction leaves rows and audit log as they were', () => {
    const s = fresh((op) => {
      if (op.startsWith('purge')) throw new Error('simulated crash before COMMIT');
    });
    s.upsertStudy(study(UID_A, '/data/retrieved/a'));
    const rows = s.auditLog().length;
    expect(() => s.purgeFolderRows('/data/retrieved', { details: {} })).toThrow(/simulated crash/);
    expect(() => s.unreferencedFolders(['/data/elsewhere'], { details: () => ({}) })).toThrow(/simulated/);
    expect(s.getStudy(UID_A).instanceCount).toBe(6);
    expect(s.auditLog()).toHaveLength(rows);
  });
});

describe('Store.unreferencedFolders', () => {
  it('returns the folders no instance references and audits them once; nothing to purge writes no row', () => {
    const s = fresh();
    s.upsertStudy(study(UID_A, '/up/dropped/one'));
    const folders = ['/up/dropped/one', '/up/dropped/on', '/up/dropped/two', '/up/dropped/one/s0'];
    const seen: string[][] = [];
    const free = s.unreferencedFolders(folders, {
      actor: 'tester2',
      details: (dirs) => {
        seen.push(dirs);
        return { removed: dirs };
      },
    });
    expect(free).toEqual(['/up/dropped/on', '/up/dropped/two']);
    expect(seen).toEqual([free]);
    const none = s.unreferencedFolders(['/up/dropped/one'], { details: () => ({ removed: [] }) });
    expect(none).toEqual([]);
    const purges = s.auditLog().filter((r) => r.event === 'purge');
    expect(purges).toHaveLength(1);
    expect(purges[0]).toMatchObject({ actor: 'tester2', details: { removed: free } });
    expect(s.verifyAudit().ok).toBe(true);
  });
});
