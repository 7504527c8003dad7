// The browser host for bench-ui-rtt in its own process (as `npm run host` runs it), with the engine's
// worker threads on or (--in-thread) off; prints one JSON line {url, token} and serves until killed.
import path from 'node:path';
import { createEngine } from '../../main/engine/createEngine';
import { startHost } from '../../main/host/hostServer';

async function main(): Promise<void> {
  const [storeDir, rendererDir, mode] = process.argv.slice(2);
  const fallbacks: string[] = [];
  const engine = createEngine({
    storeDir,
    modelDir: path.resolve(__dirname, '../../models'),
    offThread: mode !== '--in-thread',
    onWorkerFallback: (r) => fallbacks.push(r),
  });
  const host = await startHost({ engine, rendererDir });
  process.stdout.write(`${JSON.stringify({ url: host.url, token: host.token })}\n`);
  process.on('SIGTERM', () => {
    if (fallbacks.length > 0) process.stderr.write(`worker fallbacks: ${fallbacks.join('; ')}\n`);
    void host
      .close()
      .then(() => engine.close())
      .then(() => process.exit(0));
  });
}

void main();
