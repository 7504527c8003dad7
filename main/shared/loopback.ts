/**
 * What "local only" means for both network faces: the loopback host names and the Content-Security-Policy
 * that allows no other origin. Used by the Electron request policy (app) and the browser host (host).
 * Pure TypeScript: imports nothing outside main/shared.
 */

/** Names that reach only this machine, as WHATWG URL `hostname` and HTTP Host headers spell them (IPv6 bracketed). */
const LOOPBACK_HOSTNAMES: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * True when `hostname` (a URL's `hostname` or the name part of a Host header, any case) is a loopback name.
 * Names that merely start with one (`127.0.0.1.nip.io`) are not.
 */
export function isLoopbackHostname(hostname: string): boolean {
  return LOOPBACK_HOSTNAMES.has(hostname.toLowerCase());
}

/**
 * The directives every local page gets: own scripts and files, inline styles (React style props), data:/blob:
 * images (Cornerstone's tool cursors are SVG blob: URLs); no wasm, no workers (the renderer decodes nothing:
 * the engine sends pixels), no remote origin.
 */
const LOCAL_ONLY_CSP_DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** The local-only Content-Security-Policy header value, with `extraDirectives` appended (e.g. frame-ancestors). */
export function localOnlyCsp(extraDirectives: readonly string[] = []): string {
  return [...LOCAL_ONLY_CSP_DIRECTIVES, ...extraDirectives].join('; ');
}
