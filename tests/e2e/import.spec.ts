// Import through the UI: a generated phantom study typed into the path field lands in the local store
// and shows in the study list (the browser host cannot see dropped paths; Electron uses the drop zone).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { writePhantomDataset } from '../../main/engine/phantom/dataset';
import { hostUrl } from './hostUrl';

// Wide enough that the study list stays shown when the imported study opens (below 1600 px it folds away;
// layout.spec covers that).
test.use({ viewport: { width: 1920, height: 1080 } });

let dir: string;
test.beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'spinegrade-e2e-phantom-'));
  await writePhantomDataset({ outDir: dir, studies: 1, seed: 'e2e-import', maxMatrix: 256 });
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a study folder imports into the store and appears in the list', async ({ page }) => {
  await page.goto(hostUrl());
  await expect(
    page.locator('[data-testid="study-list"], [data-testid="study-list-empty"]').first(),
  ).toBeVisible();
  const items = page.locator('[data-testid="study-list"] > li');
  const before = await items.count();
  await page.getByLabel('Study folder', { exact: true }).fill(path.join(dir, 'train_images'));
  await page.getByRole('button', { name: 'Open' }).click();
  const list = page.getByRole('list', { name: 'Stored studies' });
  await expect(list.getByRole('listitem')).toHaveCount(before + 1, { timeout: 30_000 });
  // As many series as the generator wrote (one folder per series; some phantoms split the axial T2 in two).
  const [study] = readdirSync(path.join(dir, 'train_images'));
  const seriesCount = readdirSync(path.join(dir, 'train_images', study)).length;
  expect(seriesCount).toBeGreaterThanOrEqual(3);
  await expect(list).toContainText(`${seriesCount} series`);
  await page.reload();
  await expect(page.getByRole('list', { name: 'Stored studies' }).getByRole('listitem')).toHaveCount(
    before + 1,
  );
});
