// "Nothing leaves the machine": every request the page makes, while loading and while used, goes to
// 127.0.0.1 (or is a local data:/blob: URL).
import { expect, test, type Request } from '@playwright/test';
import { hostUrl } from './hostUrl';

test('every request of the UI goes to 127.0.0.1 only', async ({ page, context }) => {
  const urls: string[] = [];
  const record = (r: Request): void => {
    urls.push(r.url());
  };
  context.on('request', record);
  page.on('websocket', (ws) => urls.push(ws.url()));
  await page.goto(hostUrl());
  await expect(page.getByRole('note', { name: 'Intended use' })).toContainText('Not for clinical use');
  await page.getByLabel('Study folder', { exact: true }).fill('/nonexistent/study');
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('status')).not.toBeEmpty();
  await page.reload();
  await page.waitForLoadState('networkidle');
  expect(urls.length).toBeGreaterThan(3);
  const remote = urls.filter((u) => {
    const url = new URL(u);
    if (url.protocol === 'data:' || url.protocol === 'blob:') return false;
    return url.hostname !== '127.0.0.1';
  });
  expect(remote, `requests leaving the machine:\n${remote.join('\n')}`).toEqual([]);
  expect(urls.some((u) => u.includes('/api/getAppInfo'))).toBe(true);
});
