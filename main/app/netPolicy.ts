/**
 * What the Electron renderer may load: its own file:// pages, data:/blob: URLs and loopback only;
 * every other request is cancelled (nothing leaves the machine). Pure logic: no electron import.
 */
import { isLoopbackHostname, localOnlyCsp } from '../shared/loopback';

const LOCAL_SCHEMES = new Set(['file:', 'data:', 'blob:', 'devtools:']);

/** True when the app may load `url`; false cancels the request. Unparseable URLs are refused. */
export function isAllowedRequestUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (LOCAL_SCHEMES.has(parsed.protocol)) return true;
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:' || parsed.protocol === 'ws:') {
    return isLoopbackHostname(parsed.hostname);
  }
  return false;
}

/** True when an IPC sender is the app's own page (file:// renderer), not something navigated to. */
export function isTrustedSenderUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return new URL(url).protocol === 'file:';
  } catch {
    return false;
  }
}

/**
 * Content-Security-Policy sent with every response in the Electron session (the renderer's index.html
 * carries the same policy as a meta tag): no remote origin for anything.
 */
export const APP_CSP: string = localOnlyCsp();
