// electron-builder.yml checked offline: schema-valid, and the asar unpack globs put every native part of
// onnxruntime-node and better-sqlite3 in app.asar.unpacked (scripts/check-packaging.ts).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPackaging, matchesFileSet } from '../../../scripts/check-packaging';

const root = path.resolve(__dirname, '../../..');
const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'spinegrade-pack-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('electron-builder.yml', () => {
  it('is valid and unpacks libonnxruntime, the ORT binding, better_sqlite3.node and the models', async () => {
    const r = await checkPackaging({ workDir: tmp() });
    expect(r.problems).toEqual([]);
    expect(r.unpacked).toContain('node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1');
    expect(r.unpacked).toContain(
      'node_modules/onnxruntime-node/bin/napi-v6/linux/x64/onnxruntime_binding.node',
    );
    expect(r.unpacked).toContain('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(r.unpacked).toContain('models/demo-model/localizer.onnx');
    expect(r.packed).toContain('dist/renderer/index.html');
    expect(r.unpacked).not.toContain('dist/main/app/main.js');
  });

  it('catches the classic mistake of unpacking only *.node files', async () => {
    const dir = tmp();
    const bad = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8').replace(
      /asarUnpack:\n( {2}- .*\n)+/,
      "asarUnpack:\n  - '**/*.node'\n",
    );
    writeFileSync(path.join(dir, 'electron-builder.yml'), bad);
    const r = await checkPackaging({ configFile: path.join(dir, 'electron-builder.yml'), workDir: tmp() });
    expect(r.problems).toContain('libonnxruntime.so.* (linux x64) is not unpacked');
    expect(r.problems.some((p) => p.includes('DirectML.dll stays in app.asar'))).toBe(true);
  });

  it('rejects a key electron-builder does not know', async () => {
    const dir = tmp();
    const bad = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8') + '\nautoUpdaterr: true\n';
    writeFileSync(path.join(dir, 'electron-builder.yml'), bad);
    await expect(
      checkPackaging({ configFile: path.join(dir, 'electron-builder.yml'), workDir: tmp() }),
    ).rejects.toThrow();
  });

  it('applies "!" exclusions in order', () => {
    const files = ['dist/**', '!dist/**/*.map', 'models/**/*.onnx', '!models/training/**'];
    expect(matchesFileSet('dist/main/app/main.js', files)).toBe(true);
    expect(matchesFileSet('dist/main/app/main.js.map', files)).toBe(false);
    expect(matchesFileSet('models/training/x.onnx', files)).toBe(false);
    expect(matchesFileSet('scripts/x.ts', files)).toBe(false);
  });
});
