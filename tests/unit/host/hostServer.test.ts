// The loopback host: the contract over HTTP, loopback-only Host/Origin, static files, SSE events.
import http from 'node:http';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../main/engine/createEngine';
import { startHost, type RunningHost } from '../../../main/host/hostServer';
import { isAllowedOrigin, isLoopbackHostHeader } from '../../../main/host/loopbackGuard';
import { resolveStaticPath } from '../../../main/host/staticFiles';
import type { EngineEvent } from '../../../main/shared/apiEvents';
import { hostRequest, type HostReply } from './authHelpers';

/** A request to the host under test with this launch's token (the refusals without it are in auth.test.ts). */
function request(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<HostReply> {
  return hostRequest(port, { ...opts, headers: { Authorization: `Bearer ${host.token}`, ...opts.headers } });
}

const json = { 'Content-Type': 'application/json' };
let dir: string;
let host: RunningHost;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'spinegrade-host-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>SpineGrade</title>');
  writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(os.tmpdir(), 'spinegrade-secret.txt'), 'secret');
  host = await startHost({ engine: createEngine(), rendererDir: dir, port: 0 });
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(path.join(os.tmpdir(), 'spinegrade-secret.txt'), { force: true });
});

describe('loopback guard', () => {
  it('accepts only loopback names on the host port', () => {
    expect(isLoopbackHostHeader('127.0.0.1:8080', 8080)).toBe(true);
    expect(isLoopbackHostHeader('localhost:8080', 8080)).toBe(true);
    expect(isLoopbackHostHeader('[::1]:8080', 8080)).toBe(true);
    expect(isLoopbackHostHeader('127.0.0.1:8081', 8080)).toBe(false);
    expect(isLoopbackHostHeader('evil.example:8080', 8080)).toBe(false);
    expect(isLoopbackHostHeader('127.0.0.1.evil.example:8080', 8080)).toBe(false);
    expect(isLoopbackHostHeader(undefined, 8080)).toBe(false);
    expect(isAllowedOrigin(undefined, 8080)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:8080', 8080)).toBe(true);
    expect(isAllowedOrigin('https://127.0.0.1:8080', 8080)).toBe(false);
    expect(isAllowedOrigin('null', 8080)).toBe(false);
    expect(isAllowedOrigin('http://attacker.example', 8080)).toBe(false);
  });
});

describe('host over HTTP', () => {
  it('answers getAppInfo as a Result and serves the renderer with a strict CSP', async () => {
    const r = await request(host.port, { method: 'POST', path: '/api/getAppInfo', headers: json });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { appName: 'SpineGrade' } });
    const page = await request(host.port, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>SpineGrade</title>');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    expect((await request(host.port, { path: '/assets/app.js' })).headers['content-type']).toMatch(
      /javascript/,
    );
  });

  it('rejects a non-loopback Host header and a foreign Origin with 403', async () => {
    const evilHost = await request(host.port, {
      method: 'POST',
      path: '/api/getAppInfo',
      headers: { ...json, Host: `attacker.example:${host.port}` },
    });
    expect(evilHost.status).toBe(403);
    expect(evilHost.body).not.toContain('SpineGrade"');
    const evilOrigin = await request(host.port, {
      method: 'POST',
      path: '/api/getAppInfo',
      headers: { ...json, Origin: 'http://attacker.example' },
    });
    expect(evilOrigin.status).toBe(403);
    expect(evilOrigin.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('returns INVALID_ARGUMENT for unknown methods, bad arguments, bad JSON and non-JSON posts', async () => {
    const unknown = await request(host.port, {
      method: 'POST',
      path: '/api/rmrf',
      headers: json,
      body: '{}',
    });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const bad = await request(host.port, {
      method: 'POST',
      path: '/api/getAppInfo',
      headers: json,
      body: '{"x":1}',
    });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const notJson = await request(host.port, {
      method: 'POST',
      path: '/api/getAppInfo',
      headers: json,
      body: '{oops',
    });
    expect(notJson.status).toBe(400);
    const form = await request(host.port, {
      method: 'POST',
      path: '/api/getAppInfo',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(form.status).toBe(415);
    expect((await request(host.port, { path: '/api/getAppInfo' })).status).toBe(405);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const p of [
      '/../spinegrade-secret.txt',
      '/%2e%2e/spinegrade-secret.txt',
      '/assets/..%2f..%2fspinegrade-secret.txt',
    ]) {
      const r = await request(host.port, { path: p });
      expect(r.body).not.toContain('secret');
    }
    expect(resolveStaticPath(dir, '/assets/..%2f..%2fspinegrade-secret.txt')).toBeNull();
    expect(resolveStaticPath(dir, '/assets/app.js')).toBe(path.join(dir, 'assets', 'app.js'));
  });
});

describe('host events', () => {
  it('streams engine events as Server-Sent Events', async () => {
    const listeners = new Set<(e: EngineEvent) => void>();
    const base = createEngine();
    const engine: Engine = { ...base, subscribe: (l) => (listeners.add(l), () => listeners.delete(l)) };
    const h = await startHost({ engine, rendererDir: dir, port: 0 });
    const event: EngineEvent = {
      type: 'job-progress',
      jobId: 'j',
      method: 'getAppInfo',
      stage: 'read',
      done: 1,
      total: 3,
    };
    const received = await new Promise<string>((resolve, reject) => {
      const headers = { Authorization: `Bearer ${h.token}` };
      const req = http.get({ host: '127.0.0.1', port: h.port, path: '/api/events', headers }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString('utf8');
          if (text.includes(': connected')) for (const l of listeners) l(event);
          const m = /data: (.*)\n\n/.exec(text);
          if (m) {
            resolve(m[1]);
            req.destroy();
          }
        });
      });
      req.on('error', reject);
    });
    expect(JSON.parse(received)).toEqual(event);
    await h.close();
  });
});
