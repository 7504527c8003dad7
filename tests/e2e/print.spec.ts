// Printing from the UI: File > Print (Ctrl+P) and the Print button open a preview of the engine's summary
// (banner on it, A4/Letter), Print goes through printReport (audited), Save PDF downloads a PDF whose
// text has the banner and all 25 targets (pdftotext).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { PHANTOM_MODEL_BANNER } from '../../main/shared/intendedUse';
import { allTargets, targetColumn } from '../../main/shared/targets';
import { hostUrl } from './hostUrl';
import { makePhantom, openByPath, screenshot, waitForImages, type Phantom } from './workspaceHelpers';

test.use({ viewport: { width: 1600, height: 900 } });

let phantom: Phantom;
let out: string;
test.beforeAll(async () => {
  phantom = await makePhantom('e2e-print');
  out = mkdtempSync(path.join(os.tmpdir(), 'spinegrade-e2e-pdf-'));
});
test.afterAll(() => {
  rmSync(phantom.dir, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

test('Ctrl+P shows the summary preview with the banner, A4/Letter, and Print goes to the print dialog', async ({
  page,
}) => {
  await page.goto(hostUrl());
  await page.keyboard.press('Control+P');
  await expect(page.getByTestId('status-line')).toContainText('No analysis to print');
  await openByPath(page, phantom.studyPath);
  await waitForImages(page);

  await page.getByRole('grid', { name: 'Findings' }).getByRole('gridcell').first().focus();
  await page.keyboard.press('Control+P');
  const dialog = page.getByRole('dialog', { name: 'Print preview' });
  const doc = page.frameLocator('iframe[title="Summary to print"]');
  await expect(doc.locator('body')).toContainText(PHANTOM_MODEL_BANNER);
  await expect(doc.locator('body')).toContainText('Impression');
  await expect(page.getByRole('note', { name: 'Intended use' })).toBeVisible();
  await screenshot(page, 'print-preview');
  await expect(dialog.locator('iframe')).toHaveAttribute('sandbox', 'allow-same-origin allow-modals');
  await dialog.getByLabel('Paper').selectOption('Letter');
  await expect(doc.locator('body')).toContainText(PHANTOM_MODEL_BANNER);
  await dialog.getByRole('button', { name: 'Print…' }).click();
  await expect(dialog.getByRole('status')).toContainText('print dialog');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('Save PDF downloads the summary; its text has the banner and all 25 targets', async ({ page }) => {
  await page.goto(hostUrl());
  await openByPath(page, phantom.studyPath);
  await page.getByRole('button', { name: 'Print…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Print preview' });
  await expect(page.frameLocator('iframe[title="Summary to print"]').locator('body')).toContainText(
    'Impression',
  );
  // The engine prints the PDF with a headless Chromium of its own: slow on a busy 2-core machine.
  test.setTimeout(180_000);
  const downloading = page.waitForEvent('download', { timeout: 150_000 });
  downloading.catch(() => undefined);
  await dialog.getByRole('button', { name: 'Save PDF' }).click();
  const status = dialog.getByRole('status');
  await expect(status).toHaveText(/Downloaded|could not|did not|not a PDF|cancelled/, { timeout: 150_000 });
  // A failure names its cause (e.g. bytes that did not arrive) instead of a bare download timeout.
  await expect(status).toContainText('Downloaded');
  const download = await downloading;
  const file = path.join(out, download.suggestedFilename());
  await download.saveAs(file);
  expect(path.extname(file)).toBe('.pdf');
  const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  expect(text.status, text.stderr).toBe(0);
  expect(text.stdout).toContain('Not for clinical use');
  for (const { condition, level } of allTargets())
    expect(text.stdout).toContain(targetColumn(condition, level));
});
