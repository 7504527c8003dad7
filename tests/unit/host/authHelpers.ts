// Test helpers for a running host: a fetch that sends its per-launch token (main/host/authToken.ts) as a bearer
// header, and one raw HTTP request.
import http from 'node:http';
import type { FetchLike } from '../../../renderer/src/apiClient';

/** fetch with `Authorization: Bearer <token>` added, for createHttpClient against a test host. */
export function authFetch(host: { token: string }): FetchLike {
  return (url, init) =>
    fetch(url, { ...init, headers: { ...init.headers, Authorization: `Bearer ${host.token}` } });
}

export interface HostReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * One raw HTTP request to a host on 127.0.0.1 (a fresh connection each time: a pooled one would outlive a
 * closed host); the body is read as UTF-8.
 */
export function hostRequest(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<HostReply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: opts.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}
