// electron-builder.yml checked offline: schema-valid, the asar unpack globs put every native part of
// onnxruntime-node and better-sqlite3 in app.asar.unpacked, and the icons it names are real ICO/ICNS/PNG files.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPackaging, matchesFileSet } from '../../../scripts/check-packaging';
import {
  icnsSizesPx,
  LINUX_ICON_SIZES,
  readIcnsTypes,
  readIcoSizes,
  readPngInfo,
} from '../../../scripts/iconFiles';

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
    expect(r.packed).toContain('assets/icons/256x256.png');
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

  it('names real icons: a 16..256 px ICO, a 16..1024 px ICNS and the Linux PNG set, all from assets/', async () => {
    const yml = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    expect(yml).toMatch(/win:\n(?: {2}.*\n)*? {2}icon: assets\/icon\.ico\n/);
    expect(yml).toMatch(/mac:\n(?: {2}.*\n)*? {2}icon: assets\/icon\.icns\n/);
    expect(yml).toMatch(/linux:\n(?: {2}.*\n)*? {2}icon: assets\/icons\n/);
    const ico = readIcoSizes(readFileSync(path.join(root, 'assets/icon.ico')));
    expect(ico).toEqual(expect.arrayContaining([16, 24, 32, 48, 64, 128, 256]));
    const icns = readIcnsTypes(readFileSync(path.join(root, 'assets/icon.icns')));
    expect(icns).not.toBeNull();
    expect(icnsSizesPx(icns ?? [])).toEqual([16, 32, 48, 128, 256, 512, 1024]);
    for (const n of LINUX_ICON_SIZES)
      expect(readPngInfo(readFileSync(path.join(root, `assets/icons/${n}x${n}.png`)))).toEqual({
        widthPx: n,
        heightPx: n,
        hasAlpha: true,
      });
    expect(readPngInfo(readFileSync(path.join(root, 'assets/icon.png')))).toMatchObject({ widthPx: 1024 });
    expect(readFileSync(path.join(root, 'assets/icon.svg'), 'utf8')).toMatch(
      /<svg[^>]*viewBox="0 0 1024 1024"/,
    );
  });

  it('reports a PNG renamed to .ico, a truncated ICNS and a wrong-sized or missing Linux PNG', async () => {
    const dir = tmp();
    const png16 = path.join(root, 'assets/icons/16x16.png');
    copyFileSync(path.join(root, 'assets/icons/256x256.png'), path.join(dir, 'fake.ico'));
    writeFileSync(
      path.join(dir, 'cut.icns'),
      readFileSync(path.join(root, 'assets/icon.icns')).subarray(0, 4000),
    );
    mkdirSync(path.join(dir, 'icons'));
    for (const n of LINUX_ICON_SIZES.filter((x) => x !== 48))
      copyFileSync(
        n === 32 ? png16 : path.join(root, `assets/icons/${n}x${n}.png`),
        path.join(dir, `icons/${n}x${n}.png`),
      );
    const bad = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')
      .replace('icon: assets/icon.ico', `icon: ${path.join(dir, 'fake.ico')}`)
      .replace('icon: assets/icon.icns', `icon: ${path.join(dir, 'cut.icns')}`)
      .replace('icon: assets/icons\n', `icon: ${path.join(dir, 'icons')}\n`);
    writeFileSync(path.join(dir, 'electron-builder.yml'), bad);
    const r = await checkPackaging({ configFile: path.join(dir, 'electron-builder.yml'), workDir: tmp() });
    expect(r.problems).toContain(`win.icon ${path.join(dir, 'fake.ico')} is missing or not a valid ICO`);
    expect(r.problems).toContain(`mac.icon ${path.join(dir, 'cut.icns')} is missing or not a valid ICNS`);
    expect(r.problems).toContain('linux icon set: 32x32.png is 16x16');
    expect(r.problems).toContain('linux icon set: 48x48.png is missing or not a PNG');
    expect(r.problems).toHaveLength(4);
  });

  it('reports an unset icon and a window icon left out of files', async () => {
    const dir = tmp();
    const bad = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')
      .replace('  icon: assets/icon.ico\n', '')
      .replace('  - assets/icons/256x256.png\n', '');
    writeFileSync(path.join(dir, 'electron-builder.yml'), bad);
    const r = await checkPackaging({ configFile: path.join(dir, 'electron-builder.yml'), workDir: tmp() });
    expect(r.problems).toContain("win.icon is not set: the installer would get Electron's default icon");
    expect(r.problems).toContain('files does not include assets/icons/256x256.png');
  });
});
