/**
 * The loopback host's per-launch secret: 256 random bits printed in the host's URL, exchanged by the page
 * for an HttpOnly, SameSite=Strict cookie; API clients may send it as `Authorization: Bearer <token>`.
 * Plain Node; no electron, app or renderer code.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Bytes of randomness in a host token (256 bits; the issue asks for at least 128). */
export const HOST_TOKEN_BYTES = 32;
/** Query parameter of the URL the host prints: http://127.0.0.1:PORT/?token=... */
export const TOKEN_QUERY_PARAM = 'token';

/** Why a request is not authorised, or 'ok'. */
export type AuthVerdict = 'ok' | 'missing' | 'wrong';

export interface HostAuth {
  /** The secret of this launch (base64url, 43 characters). */
  readonly token: string;
  /** Name of the session cookie; carries the port because cookies are shared by all ports of a host. */
  readonly cookieName: string;
  /** Whether a request carries this launch's secret (cookie or bearer header). */
  check(req: IncomingMessage): AuthVerdict;
  /** True when `candidate` is this launch's secret (constant time). */
  matches(candidate: string): boolean;
  /** The Set-Cookie header value that stores the secret in the browser for this launch. */
  setCookieHeader(): string;
}

/** A fresh secret: HOST_TOKEN_BYTES from crypto.randomBytes, base64url (URL and cookie safe). */
export function newHostToken(): string {
  return randomBytes(HOST_TOKEN_BYTES).toString('base64url');
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** The value of cookie `name` in a Cookie header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function bearerOf(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m ? m[1] : undefined;
}

/** The authorisation of a host listening on `port`, with a new secret unless one is given (tests). */
export function createHostAuth(port: number, token: string = newHostToken()): HostAuth {
  const expected = digest(token);
  const cookieName = `spinegrade_session_${port}`;
  const matches = (candidate: string): boolean => timingSafeEqual(digest(candidate), expected);
  return {
    token,
    cookieName,
    matches,
    check(req) {
      const given = readCookie(req.headers.cookie, cookieName) ?? bearerOf(req.headers.authorization);
      if (given === undefined) return 'missing';
      return matches(given) ? 'ok' : 'wrong';
    },
    setCookieHeader: () => `${cookieName}=${token}; Path=/; HttpOnly; SameSite=Strict`,
  };
}
