// The Electron app itself (Playwright _electron): runs on a workstation with the Electron binary, and is
// skipped with a printed reason where the binary was never downloaded (as on the build machines).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const root = path.resolve(__dirname, '..', '..');

/** Path of the Electron binary, or why there is none. */
function electronBinary(): { path: string } | { reason: string } {
  const pathTxt = path.join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathTxt))
    return { reason: 'the electron package is not installed with its binary (no path.txt)' };
  const p = path.join(root, 'node_modules', 'electron', 'dist', readFileSync(pathTxt, 'utf8').trim());
  if (!existsSync(p)) return { reason: `the Electron binary ${p} was never downloaded (offline install)` };
  for (const built of ['dist/main/app/main.js', 'dist/preload/preload.js', 'dist/renderer/index.html']) {
    if (!existsSync(path.join(root, built)))
      return { reason: `${built} is missing: run npm run build:app and npm run build:renderer` };
  }
  return { path: p };
}

test('Electron window: banner, sandboxed renderer, contract bridge', async () => {
  const bin = electronBinary();
  if ('reason' in bin) console.log(`[e2e] Electron test skipped: ${bin.reason}.`);
  test.skip('reason' in bin, 'reason' in bin ? bin.reason : '');
  if ('reason' in bin) return;
  const app = await electron.launch({ executablePath: bin.path, args: [root], cwd: root });
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('note', { name: 'Intended use' })).toContainText('Not for clinical use');
    const shape = await page.evaluate(() => {
      const g = globalThis as unknown as {
        spinegrade?: Record<string, unknown>;
        require?: unknown;
        process?: unknown;
      };
      return {
        keys: Object.keys(g.spinegrade ?? {}).sort(),
        require: typeof g.require,
        process: typeof g.process,
      };
    });
    expect(shape.keys).toContain('getAppInfo');
    expect(shape.require).toBe('undefined');
    expect(shape.process).toBe('undefined');
    const remote = await page.evaluate(() =>
      fetch('https://example.org/').then(
        () => 'loaded',
        () => 'blocked',
      ),
    );
    expect(remote).toBe('blocked');
  } finally {
    await app.close();
  }
});
