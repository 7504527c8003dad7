// The previous default models (spinegrade-phantom-v1, -v2, -v3, -v4) stay loadable beside the new default (v5): older
// analyses name them, and a study analysed with one names it (id, version, sha256) while the default names v5.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeStudy } from '../../../main/engine/analysis/analyzeStudy';
import { DEFAULT_MODEL_ID, defaultModelDir } from '../../../main/engine/analysis/defaultModel';
import { releaseCachedModels } from '../../../main/engine/analysis/modelCache';
import { findAppRoot } from '../../../main/engine/engineInfo';
import { tempDir, writePhantomStudy } from '../../unit/engine/analysis/fixtures';

const modelsRoot = path.join(findAppRoot(__dirname) ?? process.cwd(), 'models');
const v1Dir = path.join(modelsRoot, 'spinegrade-phantom-v1');
const v2Dir = path.join(modelsRoot, 'spinegrade-phantom-v2');
const v3Dir = path.join(modelsRoot, 'spinegrade-phantom-v3');
const v4Dir = path.join(modelsRoot, 'spinegrade-phantom-v4');
const missing = [v1Dir, v2Dir, v3Dir, v4Dir, defaultModelDir()].filter(
  (d) => !existsSync(path.join(d, 'manifest.json')),
);
const skipReason = missing.length ? `no model package in ${missing.join(', ')}` : undefined;
if (skipReason) console.warn(`older model packages test skipped: ${skipReason}`);

const manifestSha = (dir: string, file: string): string =>
  (
    JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
      files: Record<string, { sha256: string }>;
    }
  ).files[file].sha256;

describe.skipIf(skipReason !== undefined)('model packages v1, v2, v3, v4 and the default v5', () => {
  const root = tempDir('model-v1');
  afterAll(async () => {
    await releaseCachedModels();
    rmSync(root, { recursive: true, force: true });
  });

  it('the default is spinegrade-phantom-v5', () => {
    expect(DEFAULT_MODEL_ID).toBe('spinegrade-phantom-v5');
    expect(path.basename(defaultModelDir())).toBe('spinegrade-phantom-v5');
  });

  it('v1, v2, v3 and v4 still load and analyse a study, and each analysis names its model; the default names v5', async () => {
    writePhantomStudy(root, { seed: 'model-v1-loadable', studyIndex: 0, maxMatrix: 256 });
    const run = async (modelDir: string) =>
      (await analyzeStudy({ paths: [root] }, { modelDir, provider: 'cpu' })).record;
    const records = [
      await run(v1Dir),
      await run(v2Dir),
      await run(v3Dir),
      await run(v4Dir),
      await run(defaultModelDir()),
    ];
    expect(records.map((r) => r.model.id)).toEqual([
      'spinegrade-phantom-v1',
      'spinegrade-phantom-v2',
      'spinegrade-phantom-v3',
      'spinegrade-phantom-v4',
      'spinegrade-phantom-v5',
    ]);
    expect(new Set(records.map((r) => r.model.sha256)).size).toBe(5);
    expect(
      new Set([v1Dir, v2Dir, v3Dir, v4Dir, defaultModelDir()].map((d) => manifestSha(d, 'classifier.onnx')))
        .size,
    ).toBe(5);
    for (const record of records) {
      expect(record.findings).toHaveLength(25);
      const graded = record.findings.filter((f) => f.assessable && f.grade !== null);
      expect(graded.length, `${record.model.id}: graded targets`).toBe(25);
      expect(new Set(record.levelPoints.map((p) => p.level)).size).toBe(5);
    }
  }, 180_000);
});
