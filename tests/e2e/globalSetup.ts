// E2E global setup: build the renderer when dist/renderer is missing, then start the real host
// (`main/host/index.ts`, as `npm run host` does) on a free port with a temporary store. Its URL reaches
// the tests as SPINEGRADE_HOST_URL; the returned function stops it and removes the store.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const bin = (name: string): string => path.join(root, 'node_modules', '.bin', name);

/** The built renderer the host serves: SPINEGRADE_RENDERER_DIR (a build of one's own), else dist/renderer. */
const rendererDir = path.resolve(process.env.SPINEGRADE_RENDERER_DIR ?? path.join(root, 'dist', 'renderer'));

function buildRendererIfMissing(): void {
  if (existsSync(path.join(rendererDir, 'index.html'))) return;
  const r = spawnSync(bin('vite'), ['build', 'renderer', '--outDir', rendererDir, '--emptyOutDir'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('Building the renderer failed (npm run build:renderer).');
}

function startHost(storeDir: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(bin('tsx'), ['main/host/index.ts', '--port', '0', '--store', storeDir, '--renderer', rendererDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`The host did not start in 60 s:\n${out}`)), 60_000);
    child.on('exit', (code) => reject(new Error(`The host exited with code ${code}:\n${out}`)));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out); // with ?token=
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], stop: () => child.kill('SIGTERM') });
      }
    });
  });
}

/** Playwright global setup; returns the teardown. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  buildRendererIfMissing();
  const storeDir = mkdtempSync(path.join(os.tmpdir(), 'spinegrade-e2e-store-'));
  const host = await startHost(storeDir);
  process.env.SPINEGRADE_HOST_URL = host.url;
  process.env.SPINEGRADE_E2E_STORE = storeDir;
  return async () => {
    host.stop();
    rmSync(storeDir, { recursive: true, force: true });
  };
}
