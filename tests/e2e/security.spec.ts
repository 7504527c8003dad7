// The host's per-launch token in a real browser: the printed URL sets an HttpOnly SameSite=Strict cookie
// and lands on the clean URL; the UI works after a reload; no token, a wrong token, a token of an
// earlier launch and a foreign Origin are refused (401 / 403) for pages, API calls and the event stream.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { hostAuthHeaders, hostOrigin, hostUrl } from './hostUrl';
import { startOwnHost } from './workspaceHelpers';

const json = { 'Content-Type': 'application/json' };
const wrongToken = 'A'.repeat(43);

test('the printed URL swaps its token for an HttpOnly SameSite=Strict cookie; the UI survives a reload', async ({
  page,
  context,
}) => {
  expect(hostUrl()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
  await page.goto(hostUrl());
  expect(page.url()).toBe(hostOrigin());
  const banner = page.getByRole('note', { name: 'Intended use' });
  await expect(banner).toContainText('Not for clinical use');
  await expect(page.getByTestId('runtime-status')).toContainText('cpu');
  const cookies = await context.cookies(hostOrigin());
  expect(cookies).toHaveLength(1);
  expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  expect(await page.evaluate('document.cookie')).toBe(''); // HttpOnly: not readable by scripts
  await page.reload();
  expect(page.url()).toBe(hostOrigin());
  await expect(page.getByTestId('runtime-status')).toContainText('cpu');
  const listed = await page.evaluate(async () => {
    const r = await fetch('/api/listStudies', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
    });
    return r.status;
  });
  expect(listed).toBe(200);
});

test('no token and a wrong token: the page, API calls, pixels and the event stream get 401', async ({
  browser,
  request,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bare = await page.goto(hostOrigin());
  expect(bare?.status()).toBe(401);
  await expect(page.locator('body')).toContainText('?token=');
  await expect(page.getByRole('note', { name: 'Intended use' })).toHaveCount(0);
  const wrong = await page.goto(`${hostOrigin()}?token=${wrongToken}`);
  expect(wrong?.status()).toBe(401);
  expect(await context.cookies(hostOrigin())).toHaveLength(0);
  const fromPage = await page.evaluate(async () => {
    const calls = ['listStudies', 'getAppInfo', 'getStackPixels'].map(async (m) => {
      const r = await fetch(`/api/${m}`, { method: 'POST', headers: { 'Content-Type': 'application/json' } });
      return { status: r.status, body: (await r.json()) as { error?: { code: string } } };
    });
    const events = await fetch('/api/events');
    return { calls: await Promise.all(calls), events: events.status };
  });
  for (const c of fromPage.calls) {
    expect(c.status).toBe(401);
    expect(c.body.error?.code).toBe('UNAUTHORIZED');
  }
  expect(fromPage.events).toBe(401);
  await context.close();

  const noToken = await request.post(`${hostOrigin()}api/listStudies`, { headers: json });
  expect(noToken.status()).toBe(401);
  const body = (await noToken.json()) as { ok: boolean; error: { code: string; message: string } };
  expect(body).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  expect(body.error.message).toMatch(/token/);
  const bad = await request.post(`${hostOrigin()}api/listStudies`, {
    headers: { ...json, Authorization: `Bearer ${wrongToken}` },
  });
  expect(bad.status()).toBe(401);
  const good = await request.post(`${hostOrigin()}api/listStudies`, {
    headers: { ...json, ...hostAuthHeaders() },
  });
  expect(good.status()).toBe(200);
});

test('a foreign Origin is refused even with the right token', async ({ request }) => {
  const r = await request.post(`${hostOrigin()}api/listStudies`, {
    headers: { ...json, ...hostAuthHeaders(), Origin: 'http://attacker.example' },
  });
  expect(r.status()).toBe(403);
  expect(r.headers()['access-control-allow-origin']).toBeUndefined();
});

test('a token (URL and cookie) from an earlier launch is refused by the next launch', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const storeDir = mkdtempSync(path.join(os.tmpdir(), 'spinegrade-e2e-security-store-'));
  try {
    const first = await startOwnHost(storeDir);
    const oldToken = new URL(first.url).searchParams.get('token');
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(first.url);
    const [oldCookie] = await ctx.cookies(hostOrigin(first.url));
    expect(oldCookie?.value).toBe(oldToken);
    await first.stop();
    const second = await startOwnHost(storeDir);
    try {
      const origin = hostOrigin(second.url);
      expect(new URL(second.url).searchParams.get('token')).not.toBe(oldToken);
      expect((await page.goto(`${origin}?token=${oldToken}`))?.status()).toBe(401);
      await ctx.addCookies([{ ...oldCookie, name: `spinegrade_session_${new URL(origin).port}` }]);
      expect((await page.goto(origin))?.status()).toBe(401);
      const api = await request.post(`${origin}api/listStudies`, {
        headers: { ...json, Authorization: `Bearer ${oldToken}` },
      });
      expect(api.status()).toBe(401);
      await page.goto(second.url);
      expect(page.url()).toBe(origin);
      await expect(page.getByTestId('runtime-status')).toContainText('cpu');
    } finally {
      await ctx.close();
      await second.stop();
    }
  } finally {
    rmSync(storeDir, { recursive: true, force: true });
  }
});
