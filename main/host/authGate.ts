/**
 * The host's authorisation gate, after the Host/Origin checks: a page opened with this launch's
 * ?token= gets the session cookie and a redirect to the clean URL; every other request (pages, API
 * calls, pixels, the event stream) without the cookie or bearer token gets 401. Plain Node; no electron.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorInfo } from '../shared/errors';
import { TOKEN_QUERY_PARAM, type AuthVerdict, type HostAuth } from './authToken';
import { securityHeaders } from './staticFiles';

const START_HINT =
  'Open the URL that "npm run host" printed when it started (http://127.0.0.1:PORT/?token=...); ' +
  'each launch has a new token.';

/** The JSON error of a refused API call: why, and what to do. */
export function unauthorizedError(verdict: Exclude<AuthVerdict, 'ok'>): ErrorInfo {
  const why =
    verdict === 'missing'
      ? 'This request carries no SpineGrade host token (session cookie or Authorization: Bearer).'
      : "This request carries a token that is not this launch's (an old cookie or link?).";
  return { code: 'UNAUTHORIZED', message: `${why} ${START_HINT}` };
}

function refuse(res: ServerResponse, isApi: boolean, verdict: Exclude<AuthVerdict, 'ok'>): void {
  const error = unauthorizedError(verdict);
  const headers = { ...securityHeaders(), 'Cache-Control': 'no-store', 'WWW-Authenticate': 'Bearer' };
  if (isApi) {
    res.writeHead(401, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ ok: false, error }));
  } else {
    res.writeHead(401, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(`SpineGrade: not authorised. ${error.message}\n`);
  }
}

/** The request's URL without the token parameter, for the redirect after the exchange. */
function cleanLocation(url: URL): string {
  url.searchParams.delete(TOKEN_QUERY_PARAM);
  return url.pathname + url.search;
}

/**
 * Decide a request: true when it may go on; otherwise the answer (redirect or 401) has been sent.
 * The token is taken from the query only on page loads (GET/HEAD outside /api/), never for API calls.
 */
export function passAuthGate(auth: HostAuth, req: IncomingMessage, res: ServerResponse): boolean {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const isApi = url.pathname.startsWith('/api/');
  const queryToken = url.searchParams.get(TOKEN_QUERY_PARAM);
  if (queryToken !== null && !isApi && (req.method === 'GET' || req.method === 'HEAD')) {
    if (!auth.matches(queryToken)) {
      refuse(res, false, 'wrong');
      return false;
    }
    res.writeHead(303, {
      ...securityHeaders(),
      'Cache-Control': 'no-store',
      'Set-Cookie': auth.setCookieHeader(),
      Location: cleanLocation(url),
    });
    res.end();
    return false;
  }
  const verdict = auth.check(req);
  if (verdict === 'ok') return true;
  refuse(res, isApi, verdict);
  return false;
}
