// `store purge`: retrieved copies (<store>/pacs-retrieved) and their instance rows go, in one audited
// transaction; dropped studies are untouched; a study with an analysis keeps its header and analysis.
import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeStoredStudy } from '../../../main/engine/analysis/storedStudy';
import { releaseCachedModels } from '../../../main/engine/analysis/modelCache';
import { importIntoStore } from '../../../main/engine/importToStore';
import { retrievedRoot, retrievedStudyDir } from '../../../main/engine/pacs/retrievedFolder';
import { createStore } from '../../../main/engine/store/store';
import { tinyModelSkipReason, writeTinyModel } from '../../unit/engine/analysis/fixtures';
import { cli, dicomFiles, naturalHeader, tempDir, writeStudy } from './fixtures';

if (tinyModelSkipReason) console.warn(`store purge test skipped: ${tinyModelSkipReason}`);

const ctx = { signal: new AbortController().signal, onProgress: (): void => undefined };

describe.skipIf(tinyModelSkipReason !== undefined)('store purge', () => {
  let root = '';
  let model = '';
  beforeAll(() => {
    root = tempDir('purge');
    model = writeTinyModel();
  });
  afterAll(async () => {
    await releaseCachedModels();
    rmSync(root, { recursive: true, force: true });
    rmSync(model, { recursive: true, force: true });
  });

  it('deletes retrieved copies and their rows, keeps dropped studies and analyses, audits it', async () => {
    const storeDir = path.join(root, 'store');
    const uidOf = (files: string[]): string => String(naturalHeader(files[0]).StudyInstanceUID);
    const analysed = writeStudy(path.join(root, 'src-a'), { studyIndex: 4 });
    const plain = writeStudy(path.join(root, 'src-b'), { studyIndex: 5 });
    const dropped = writeStudy(path.join(root, 'drop'), { studyIndex: 6 });
    const [uidA, uidB, uidC] = [uidOf(analysed), uidOf(plain), uidOf(dropped)];
    cpSync(path.join(root, 'src-a'), retrievedStudyDir(storeDir, uidA), { recursive: true });
    cpSync(path.join(root, 'src-b'), retrievedStudyDir(storeDir, uidB), { recursive: true });
    const store = createStore({ dir: storeDir });
    try {
      await importIntoStore(store, [retrievedRoot(storeDir), path.join(root, 'drop')], ctx);
      const analysis = await analyzeStoredStudy(store, uidA, { modelDir: model, provider: 'cpu' }, ctx);
      expect(analysis.findings).toHaveLength(25);
      expect(store.listStudies()).toHaveLength(3);
    } finally {
      store.close();
    }

    const one = await cli(['store', 'purge', '--study', uidB, '--store', storeDir]);
    expect(one.code, one.err).toBe(0);
    expect(one.out).toContain(`Purged ${plain.length} retrieved file(s)`);
    expect(existsSync(retrievedStudyDir(storeDir, uidB))).toBe(false);
    expect(existsSync(retrievedStudyDir(storeDir, uidA))).toBe(true);

    const all = await cli(['store', 'purge', '--store', storeDir]);
    expect(all.code, all.err).toBe(0);
    expect(existsSync(retrievedRoot(storeDir))).toBe(false);
    expect(dicomFiles(path.join(root, 'drop'))).toEqual(dropped);
    const after = createStore({ dir: storeDir });
    try {
      const uids = after
        .listStudies()
        .map((s) => s.study.studyInstanceUid)
        .sort();
      expect(uids).toEqual([uidA, uidC].sort());
      const a = after.getStudy(uidA);
      expect(a.series).toEqual([]);
      expect(a.analyses).toHaveLength(1);
      expect(after.getStudy(uidC).instanceCount).toBe(dropped.length);
      const purges = after.auditLog().filter((r) => r.event === 'purge');
      expect(purges.map((r) => r.details.instanceRows)).toEqual([plain.length, analysed.length]);
      expect(after.verifyAudit().ok).toBe(true);
    } finally {
      after.close();
    }
    const missing = await cli(['store', 'purge', '--study', uidA, '--store', storeDir]);
    expect(missing.code).toBe(3);
    expect(missing.err).toContain('No retrieved copy');
  });
});
