// The renderer shell through the loopback host: banner text from getAppInfo, the fixed lumbar layout,
// honest empty states, keyboard focus.
import { expect, test } from '@playwright/test';
import { hostAuthHeaders, hostOrigin, hostUrl } from './hostUrl';

interface AppInfoReply {
  ok: boolean;
  value: { intendedUse: string; appVersion: string };
}

test('intended-use banner shows the engine text and cannot be dismissed', async ({ page, request }) => {
  const reply = (await (
    await request.post(`${hostOrigin()}api/getAppInfo`, {
      headers: { 'Content-Type': 'application/json', ...hostAuthHeaders() },
    })
  ).json()) as AppInfoReply;
  expect(reply.ok).toBe(true);
  await page.goto(hostUrl());
  const banner = page.getByRole('note', { name: 'Intended use' });
  await expect(banner).toContainText(reply.value.intendedUse);
  await expect(banner).toContainText('Not for clinical use');
  await expect(banner.getByRole('button')).toHaveCount(0);
  await expect(page.getByTestId('app-version')).toContainText(`v${reply.value.appVersion}`);
  await expect(page.getByTestId('runtime-status')).toContainText('cpu');
});

test('layout: studies | Sagittal T2 | Sagittal T1 | Axial T2 | findings, with empty states', async ({
  page,
}) => {
  await page.goto(hostUrl());
  const panes = [
    page.getByRole('navigation', { name: 'Studies' }),
    page.getByRole('region', { name: 'Sagittal T2 viewer' }),
    page.getByRole('region', { name: 'Sagittal T1 viewer' }),
    page.getByRole('region', { name: 'Axial T2 viewer' }),
    page.getByRole('complementary', { name: 'Findings' }),
  ];
  const xs: number[] = [];
  for (const pane of panes) {
    await expect(pane).toBeVisible();
    const box = await pane.boundingBox();
    expect(box).not.toBeNull();
    xs.push(box?.x ?? -1);
  }
  expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  await expect(page.getByText('No study loaded — drag a lumbar MRI study folder here')).toBeVisible();
  await expect(page.getByText('No analysis yet.')).toBeVisible();
  await expect(page.getByText('No series loaded')).toHaveCount(3);
  // Cornerstone's canvases exist from the start (one RenderingEngine for the window) but show nothing yet.
  await expect(page.locator('img')).toHaveCount(0);
  await expect(page.locator('canvas:visible')).toHaveCount(0);
});

test('the drop zone and the path field are reachable by keyboard', async ({ page }) => {
  await page.goto(hostUrl());
  const drop = page.getByRole('region', { name: 'Drop a study here' });
  await expect(page.getByText('No study loaded')).toBeVisible();
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    if (await drop.evaluate((el) => el === el.ownerDocument.activeElement)) break;
  }
  await expect(drop).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Study folder', { exact: true })).toBeFocused();
});
