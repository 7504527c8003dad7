/**
 * Request checks of the loopback host: only 127.0.0.1 / localhost / [::1] on our own port may talk to
 * it (blocks DNS rebinding and cross-site pages). Plain Node; no electron, no app or renderer code.
 */
import { isLoopbackHostname, localOnlyCsp } from '../shared/loopback';

/** True when a Host header names a loopback address on `port`, e.g. '127.0.0.1:5173'. */
export function isLoopbackHostHeader(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const m = /^(\[[0-9a-f:]+\]|[^:[\]]+)(?::(\d+))?$/i.exec(host.trim().toLowerCase());
  if (!m) return false;
  const name = m[1];
  const hostPort = m[2] === undefined ? 80 : Number(m[2]);
  return isLoopbackHostname(name) && hostPort === port;
}

/** True when an Origin header is absent (same-origin GET, curl) or is this host's own origin. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:') return false;
  return isLoopbackHostHeader(url.host, port);
}

/** Content-Security-Policy of every page the host serves: nothing from other origins. */
export const HOST_CSP: string = localOnlyCsp(["frame-ancestors 'none'"]);
