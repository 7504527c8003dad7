#!/usr/bin/env node
/**
 * `npm run host -- [--port N] [--store DIR] [--models DIR]`: the engine and renderer for a browser on
 * 127.0.0.1. Prints the URL with this launch's token (open it; anything without the token gets 401).
 * Plain Node; no electron, app or renderer code.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createEngine } from '../engine/createEngine';
import { findAppRoot } from '../engine/engineInfo';
import { startHost } from './hostServer';

const USAGE = `Usage: npm run host -- [--port N] [--store DIR] [--models DIR] [--renderer DIR]
  --port N        port on 127.0.0.1 (default: a free one)
  --store DIR     folder of the local study store
  --models DIR    folder of model packages
  --renderer DIR  built renderer (default: dist/renderer; build it with "npm run build:renderer")

Prints "SpineGrade host listening on http://127.0.0.1:PORT/?token=...": open that URL. The token is
new at every launch; the page swaps it for a session cookie. Other clients send the token as
"Authorization: Bearer <token>"; anything without it gets 401.`;

/** Parse argv, start the engine and the host, print the URL; returns when the host stops. */
export async function main(argv: string[]): Promise<number> {
  let values: { port?: string; store?: string; models?: string; renderer?: string; help?: boolean };
  try {
    values = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        store: { type: 'string' },
        models: { type: 'string' },
        renderer: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be an integer from 0 to 65535 (got "${values.port}").\n${USAGE}\n`);
    return 2;
  }
  const engine = createEngine({
    storeDir: values.store,
    modelDir: values.models,
    // Analyses and pixel decodes on worker threads: the HTTP server's event loop stays free.
    offThread: true,
    onWorkerFallback: (reason) =>
      process.stderr.write(`host: ${reason}; running it in the server's thread\n`),
  });
  const appRoot = findAppRoot(__dirname) ?? process.cwd();
  const rendererDir = path.resolve(values.renderer ?? path.join(appRoot, 'dist', 'renderer'));
  const host = await startHost({
    engine,
    rendererDir,
    port,
    onBug: (e) =>
      process.stderr.write(
        `host: internal error, please report: ${e instanceof Error ? e.stack : String(e)}\n`,
      ),
  });
  process.stdout.write(`SpineGrade host listening on ${host.openUrl}\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  await engine.close();
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`host: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 70;
    },
  );
}
