/**
 * Setup of `npm run bench:viewer`: the standard bench study, the production renderer and bare-page builds,
 * the real host on a temp store, a loopback server for the bare page, and the bare page's pixels (the
 * engine's own getStackPixels on a store of the bench's own). Plain Node; never imports electron.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createEngine } from '../../main/engine/createEngine';
import { generateStudy } from '../../main/engine/phantom/study';
import type { StackDetail } from '../../main/shared/apiWorkspace';
import { parseHostUrl } from './stats';

export const ROOT = path.resolve(__dirname, '..', '..');
const bin = (name: string): string => path.join(ROOT, 'node_modules', '.bin', name);

/** The standard bench study of `npm run bench` (scripts/bench.ts STUDY); index 26 is the second study. */
export const BENCH_STUDY = { seed: 'bench', studyIndex: 25, missingRole: 'none', maxMatrix: 512 } as const;

/** Write phantom study `studyIndex` of the bench seed under `dir`; returns the study folder. */
export function writeBenchStudy(dir: string, studyIndex: number = BENCH_STUDY.studyIndex): string {
  generateStudy({ ...BENCH_STUDY, studyIndex }, (rel, bytes) => {
    const p = path.join(dir, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, bytes);
  });
  return dir;
}

/** `vite build <root> --outDir <outDir>`; throws with vite's output when it fails. */
export function viteBuild(rootDir: string, outDir: string, config?: string): number {
  const t0 = performance.now();
  const args = ['build', rootDir, '--outDir', outDir, '--emptyOutDir', ...(config ? ['--config', config] : [])];
  const r = spawnSync(bin('vite'), args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vite build ${rootDir} failed:\n${r.stdout}\n${r.stderr}`);
  return performance.now() - t0;
}

export interface Host {
  url: string;
  /** The tsx process the host runs under (its node child is below it). */
  pid: number;
  stop: () => Promise<void>;
}

/** Start main/host/index.ts (as tests/e2e/globalSetup.ts does) and resolve with the whole printed URL. */
export function startHost(storeDir: string, rendererDir: string): Promise<Host> {
  const args = ['main/host/index.ts', '--port', '0', '--store', storeDir, '--renderer', rendererDir];
  const child = spawn(bin('tsx'), args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err = (err + c.toString('utf8')).slice(-4000)));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`The host did not start in 60 s:\n${out}${err}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`The host exited with code ${code}:\n${out}${err}`)));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const url = parseHostUrl(out);
      if (!url) return;
      clearTimeout(timer);
      const stop = (): Promise<void> =>
        new Promise((done) => {
          child.removeAllListeners('exit');
          if (child.exitCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
        });
      resolve({ url, pid: child.pid ?? -1, stop });
    });
  });
}

/** What the bare page reads as stack.json (see scripts/bench-viewer/bare/bare.mts). */
export interface BareStackMeta {
  dims: readonly [number, number, number];
  dtype: string;
  spacingMm: readonly [number, number, number];
  direction: StackDetail['geometry']['direction'];
  slicePositionsLps: StackDetail['geometry']['slicePositionsLps'];
  autoWindow: { center: number; width: number };
  minValue: number;
  maxValue: number;
  sliceThicknessMm: number;
}

export interface BareStack {
  meta: BareStackMeta;
  pixels: Buffer;
  seriesInstanceUid: string;
  stackIndex: number;
}

/** The pixels of the study's `Sagittal T2/STIR` stack (or `want`) from the engine's getStackPixels. */
export async function barePixels(studyDir: string, storeDir: string, want?: { series: string; stack: number }): Promise<BareStack> {
  const engine = createEngine({ storeDir });
  try {
    const imp = await engine.importStudy({ paths: [studyDir] });
    if (!imp.ok) throw new Error(`import for the bare page failed: ${imp.error.message}`);
    const uid = imp.value.studies[0].studyInstanceUid;
    const detail = await engine.getStudyDetail({ studyInstanceUid: uid });
    if (!detail.ok) throw new Error(`getStudyDetail for the bare page failed: ${detail.error.message}`);
    const stacks = detail.value.series.flatMap((s) => s.stacks);
    const stack = want
      ? stacks.find((s) => s.seriesInstanceUid === want.series && s.stackIndex === want.stack)
      : stacks.find((s) => s.role === 'Sagittal T2/STIR');
    if (!stack) throw new Error('the bench study has no Sagittal T2/STIR stack');
    const px = await engine.getStackPixels({ studyInstanceUid: uid, seriesInstanceUid: stack.seriesInstanceUid, stackIndex: stack.stackIndex });
    if (!px.ok) throw new Error(`getStackPixels for the bare page failed: ${px.error.message}`);
    const g = stack.geometry;
    const meta: BareStackMeta = {
      dims: px.value.dims,
      dtype: px.value.dtype,
      spacingMm: g.spacingMm,
      direction: g.direction,
      slicePositionsLps: g.slicePositionsLps,
      autoWindow: px.value.autoWindow,
      minValue: px.value.minValue,
      maxValue: px.value.maxValue,
      sliceThicknessMm: stack.sliceThicknessMm ?? g.spacingMm[2],
    };
    return { meta, pixels: Buffer.from(px.value.pixels), seriesInstanceUid: stack.seriesInstanceUid, stackIndex: stack.stackIndex };
  } finally {
    await engine.close();
  }
}

const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

/** Serve the built bare page plus stack.json / stack.bin on 127.0.0.1; resolves with its base URL. */
export function serveBare(dir: string, stack: BareStack): Promise<{ url: string; close: () => Promise<void> }> {
  const meta = Buffer.from(JSON.stringify(stack.meta));
  const server = http.createServer((req, res) => {
    const p = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const send = (type: string, body: Buffer): void => {
      res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    if (p === '/stack.json') return send('application/json', meta);
    if (p === '/stack.bin') return send('application/octet-stream', stack.pixels);
    const file = path.join(dir, path.normalize(p === '/' ? '/index.html' : p));
    if (!file.startsWith(dir + path.sep)) return void res.writeHead(403).end();
    try {
      send(MIME[path.extname(file)] ?? 'application/octet-stream', readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((d) => server.close(() => d())) });
    });
  });
}
