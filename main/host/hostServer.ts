/**
 * The loopback browser host: serves the built renderer and the SpineGradeApi contract over POST
 * /api/<method> (JSON; binary fields as octet-stream, see apiTransport.ts), with engine events as
 * Server-Sent Events on GET /api/events. Binds 127.0.0.1 only and answers only loopback Host/Origin
 * headers. Plain Node; no electron, app or renderer code.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dispatchApiCall } from '../shared/apiDispatch';
import { EVENT_PATH, isApiMethod } from '../shared/apiMethods';
import type { Engine } from '../engine/createEngine';
import { BodyError, readApiArg, sendJson, sendResult } from './apiTransport';
import { passAuthGate } from './authGate';
import { createHostAuth, TOKEN_QUERY_PARAM, type HostAuth } from './authToken';
import { isAllowedOrigin, isLoopbackHostHeader } from './loopbackGuard';
import { securityHeaders, serveStatic } from './staticFiles';

export interface HostOptions {
  engine: Engine;
  /** Folder of the built renderer (index.html + assets). */
  rendererDir: string;
  /** Port on 127.0.0.1; 0 or absent picks a free one. */
  port?: number;
  /** Called with an unexpected error (a bug) before the host answers 500. */
  onBug?: (error: unknown) => void;
}

export interface RunningHost {
  /** The host's address without the token, e.g. http://127.0.0.1:PORT/ (API calls need the token). */
  url: string;
  /** This launch's secret (authToken.ts): session cookie or `Authorization: Bearer`. */
  token: string;
  /** The URL a person opens: url + ?token=...; the page swaps it for an HttpOnly cookie. */
  openUrl: string;
  port: number;
  close: () => Promise<void>;
}

async function handleApiCall(
  opts: HostOptions,
  method: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  let arg: unknown;
  try {
    arg = await readApiArg(method, req);
  } catch (e) {
    if (!(e instanceof BodyError)) throw e;
    sendJson(res, e.status, { ok: false, error: { code: 'INVALID_ARGUMENT', message: e.message } });
    return;
  }
  const result = await dispatchApiCall(opts.engine, method, arg);
  sendResult(res, method, isApiMethod(method) ? 200 : 404, result);
}

function handleEvents(engine: Engine, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, {
    ...securityHeaders(),
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  res.write(': connected\n\n');
  const unsubscribe = engine.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  req.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}

async function route(
  opts: HostOptions,
  port: number,
  auth: HostAuth,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!isLoopbackHostHeader(req.headers.host, port) || !isAllowedOrigin(req.headers.origin, port)) {
    res.writeHead(403, { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Forbidden: this host answers only http://127.0.0.1 / localhost on its own port.\n');
    return;
  }
  if (!passAuthGate(auth, req, res)) return;
  const urlPath = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  if (urlPath === EVENT_PATH && req.method === 'GET') return handleEvents(opts.engine, req, res);
  if (urlPath.startsWith('/api/')) {
    if (req.method !== 'POST') {
      sendJson(res, 405, {
        ok: false,
        error: { code: 'INVALID_ARGUMENT', message: 'Use POST for API calls.' },
      });
      return;
    }
    return handleApiCall(opts, urlPath.slice('/api/'.length), req, res);
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, securityHeaders());
    res.end();
    return;
  }
  serveStatic(opts.rendererDir, urlPath, res);
}

/** Start the host on 127.0.0.1; resolves once it listens, with its URL. */
export function startHost(opts: HostOptions): Promise<RunningHost> {
  const server = http.createServer();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      const auth = createHostAuth(port);
      server.on('request', (req: IncomingMessage, res: ServerResponse) => {
        route(opts, port, auth, req, res).catch((e: unknown) => {
          opts.onBug?.(e);
          if (!res.headersSent) sendJson(res, 500, { bug: e instanceof Error ? e.message : String(e) });
          else res.end();
        });
      });
      const close = (): Promise<void> =>
        new Promise((done) => {
          server.closeAllConnections();
          server.close(() => done());
        });
      const url = `http://127.0.0.1:${port}/`;
      const openUrl = `${url}?${TOKEN_QUERY_PARAM}=${auth.token}`;
      resolve({ url, token: auth.token, openUrl, port, close });
    });
  });
}
