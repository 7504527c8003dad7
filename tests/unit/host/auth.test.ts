// The host's per-launch token: refused without it, with a wrong one, with one of an earlier launch, from
// a foreign Origin; the ?token= page exchange sets an HttpOnly SameSite=Strict cookie and redirects.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../main/engine/createEngine';
import { createHostAuth, HOST_TOKEN_BYTES, newHostToken, readCookie } from '../../../main/host/authToken';
import { startHost, type RunningHost } from '../../../main/host/hostServer';
import { hostRequest as request, type HostReply as Reply } from './authHelpers';

const json = { 'Content-Type': 'application/json' };
const appInfo = (port: number, headers: Record<string, string> = {}): Promise<Reply> =>
  request(port, { method: 'POST', path: '/api/getAppInfo', headers: { ...json, ...headers } });

let dir: string;
let engine: Engine;
let host: RunningHost;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'spinegrade-auth-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>SpineGrade</title>');
  engine = createEngine({ storeDir: path.join(dir, 'store') });
  host = await startHost({ engine, rendererDir: dir, port: 0 });
});
afterAll(async () => {
  await host.close();
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

function expectUnauthorized(r: Reply, why: RegExp): void {
  expect(r.status).toBe(401);
  expect(r.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(r.body) as { ok: boolean; error: { code: string; message: string } };
  expect(body.ok).toBe(false);
  expect(body.error.code).toBe('UNAUTHORIZED');
  expect(body.error.message).toMatch(why);
  expect(body.error.message).toContain('?token=');
  expect(r.body).not.toContain('SpineGrade"');
}

describe('host token', () => {
  it('is 256 random bits in base64url, new at every call, and printed in the URL', () => {
    const a = newHostToken();
    expect(HOST_TOKEN_BYTES * 8).toBeGreaterThanOrEqual(128);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url').length).toBe(HOST_TOKEN_BYTES);
    expect(new Set(Array.from({ length: 50 }, newHostToken)).size).toBe(50);
    expect(host.openUrl).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
  });

  it('refuses API calls, pages, pixels and the event stream without a token (401)', async () => {
    expectUnauthorized(await appInfo(host.port), /no SpineGrade host token/);
    expectUnauthorized(
      await request(host.port, {
        method: 'POST',
        path: '/api/listStudies',
        headers: json,
      }),
      /no SpineGrade host token/,
    );
    const pixels = await request(host.port, {
      method: 'POST',
      path: '/api/getStackPixels',
      headers: json,
      body: JSON.stringify({ studyInstanceUid: '1.2', seriesInstanceUid: '1.3', stackIndex: 0 }),
    });
    expectUnauthorized(pixels, /no SpineGrade host token/);
    const upload = await request(host.port, {
      method: 'POST',
      path: '/api/uploadFile',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: 'DICM',
    });
    expectUnauthorized(upload, /no SpineGrade host token/);
    expectUnauthorized(await request(host.port, { path: '/api/events' }), /no SpineGrade host token/);
    const page = await request(host.port, { path: '/' });
    expect(page.status).toBe(401);
    expect(page.body).not.toContain('<title>SpineGrade</title>');
    expect(page.body).toContain('?token=');
  });

  it('refuses a wrong token as bearer, as cookie and in the page URL (no cookie set)', async () => {
    const wrong = newHostToken();
    expectUnauthorized(await appInfo(host.port, { Authorization: `Bearer ${wrong}` }), /not this launch/);
    const cookie = `spinegrade_session_${host.port}=${wrong}`;
    expectUnauthorized(await appInfo(host.port, { Cookie: cookie }), /not this launch/);
    expectUnauthorized(
      await appInfo(host.port, { Cookie: cookie, Authorization: `Bearer ${host.token}` }),
      /not this launch/,
    );
    const page = await request(host.port, { path: `/?token=${wrong}` });
    expect(page.status).toBe(401);
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.body).not.toContain('<title>SpineGrade</title>');
    const truncated = await request(host.port, { path: `/?token=${host.token.slice(0, -1)}` });
    expect(truncated.status).toBe(401);
  });

  it('exchanges the URL token for an HttpOnly SameSite=Strict cookie and redirects to the clean URL', async () => {
    const r = await request(host.port, { path: `/?token=${host.token}` });
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/');
    const setCookie = r.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
    expect(r.headers['cache-control']).toBe('no-store');
    const cookie = setCookie.split(';')[0];
    expect(readCookie(cookie, `spinegrade_session_${host.port}`)).toBe(host.token);
    const ok = await appInfo(host.port, { Cookie: `other=1; ${cookie}` });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { appName: 'SpineGrade' } });
    const page = await request(host.port, { path: '/', headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>SpineGrade</title>');
    const deep = await request(host.port, { path: `/studies?x=1&token=${host.token}` });
    expect(deep.headers.location).toBe('/studies?x=1');
  });

  it('takes the token from the query only for pages, never for API calls', async () => {
    const r = await request(host.port, {
      method: 'POST',
      path: `/api/getAppInfo?token=${host.token}`,
      headers: json,
    });
    expectUnauthorized(r, /no SpineGrade host token/);
  });

  it('refuses a foreign Origin even with the right token (403), keeping the Host/Origin checks', async () => {
    const bearer = { Authorization: `Bearer ${host.token}` };
    const evil = await appInfo(host.port, { ...bearer, Origin: 'http://attacker.example' });
    expect(evil.status).toBe(403);
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    const evilHost = await appInfo(host.port, { ...bearer, Host: `attacker.example:${host.port}` });
    expect(evilHost.status).toBe(403);
    expect((await appInfo(host.port, bearer)).status).toBe(200);
  });
});

describe('a token from an earlier launch', () => {
  it('is refused by the next launch on the same port; the new one works', async () => {
    const first = await startHost({ engine, rendererDir: dir, port: 0 });
    const { port, token: oldToken } = first;
    const exchanged = await request(port, { path: `/?token=${oldToken}` });
    const oldCookie = (exchanged.headers['set-cookie']?.[0] ?? '').split(';')[0];
    expect((await appInfo(port, { Cookie: oldCookie })).status).toBe(200);
    await first.close();
    const second = await startHost({ engine, rendererDir: dir, port });
    try {
      expect(second.port).toBe(port);
      expect(second.token).not.toBe(oldToken);
      expectUnauthorized(await appInfo(port, { Cookie: oldCookie }), /not this launch/);
      expectUnauthorized(await appInfo(port, { Authorization: `Bearer ${oldToken}` }), /not this launch/);
      expect((await request(port, { path: `/?token=${oldToken}` })).status).toBe(401);
      expect((await appInfo(port, { Authorization: `Bearer ${second.token}` })).status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('two auths never accept each other (cookie names carry the port)', () => {
    const a = createHostAuth(5000);
    const b = createHostAuth(5000);
    expect(a.matches(a.token)).toBe(true);
    expect(a.matches(b.token)).toBe(false);
    expect(a.cookieName).toBe('spinegrade_session_5000');
    expect(createHostAuth(5001).cookieName).not.toBe(a.cookieName);
  });
});
