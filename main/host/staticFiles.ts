/**
 * Serves the built renderer (dist/renderer, from npm run build:renderer) read-only, with no path escaping its folder.
 * Plain Node; no electron, no app or renderer code.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { HOST_CSP } from './loopbackGuard';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};

/** Common headers of every host response: strict CSP, no sniffing, no caching of API data. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': HOST_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/** The file under `root` for a URL path, or null when it escapes root or does not exist. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const rel = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = path.resolve(root, rel);
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  if (!existsSync(full) || !statSync(full).isFile()) return null;
  return full;
}

/** Send a static file of the renderer; unknown paths without an extension get index.html (SPA). */
export function serveStatic(root: string, urlPath: string, res: ServerResponse): void {
  const index = path.join(root, 'index.html');
  if (!existsSync(index)) {
    res.writeHead(503, { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(`The renderer is not built (${index} is missing). Run "npm run build:renderer", then reload.\n`);
    return;
  }
  const file = resolveStaticPath(root, urlPath) ?? (path.extname(urlPath) === '' ? index : null);
  if (!file) {
    res.writeHead(404, { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found\n');
    return;
  }
  const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  res.writeHead(200, { ...securityHeaders(), 'Content-Type': type, 'Cache-Control': 'no-cache' });
  res.end(readFileSync(file));
}
