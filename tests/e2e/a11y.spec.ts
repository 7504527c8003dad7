// Accessibility scan (axe-core through @axe-core/playwright) of the empty window, the workspace with a
// study open and a cell selected, the override form, the print preview and the reader-name dialog: no
// serious or critical violations in any of them (each stage is checked and reported on its own).
import { rmSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { hostUrl } from './hostUrl';
import { cellOf, makePhantom, openByPath, type Phantom } from './workspaceHelpers';

test.use({ viewport: { width: 1600, height: 900 } });

const SUMMARY_FRAME = 'iframe[title="Summary to print"]';

let phantom: Phantom;
test.beforeAll(async () => {
  phantom = await makePhantom('e2e-a11y');
});
test.afterAll(() => rmSync(phantom.dir, { recursive: true, force: true }));

/** Serious and critical violations on the page now, one line each with the offending elements. */
async function seriousViolations(page: Page, exclude?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const r = await (exclude ? builder.exclude(exclude) : builder).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Scan one stage; a failure names the stage and does not hide the stages after it. */
async function scan(page: Page, stage: string, exclude?: string): Promise<void> {
  expect.soft(await seriousViolations(page, exclude), `axe, ${stage}`).toEqual([]);
}

/**
 * The summary document of the print preview, scanned on a page of its own: its iframe is sandboxed
 * without scripts, so axe cannot run inside it there.
 */
async function scanSummary(page: Page): Promise<void> {
  const html = await page
    .frameLocator(SUMMARY_FRAME)
    .locator('html')
    .evaluate((el) => el.outerHTML);
  const doc = await page.context().newPage();
  try {
    await doc.setContent(html);
    await scan(doc, 'print preview: the summary document');
  } finally {
    await doc.close();
  }
}

test('no serious or critical axe violations: empty window, open study, override form, print preview, reader dialog', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(hostUrl());
  await expect(page.getByRole('note', { name: 'Intended use' })).toBeVisible();
  await scan(page, 'empty window');

  await openByPath(page, phantom.studyPath);
  await cellOf(page, 'left_subarticular_stenosis', 'l4_l5').click();
  await expect(page.getByRole('region', { name: 'Selected target' })).toBeVisible();
  await scan(page, 'study open, cell selected');

  await page.getByRole('button', { name: 'Override…' }).click();
  await expect(page.getByRole('form', { name: /^Override L4\/L5/ })).toBeVisible();
  await scan(page, 'override form open');
  await page.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Print…' }).click();
  await expect(page.frameLocator(SUMMARY_FRAME).locator('body')).toContainText('Impression');
  await scan(page, 'print preview', SUMMARY_FRAME);
  await scanSummary(page);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Print preview' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Sign off…' }).click();
  await expect(page.getByRole('dialog', { name: 'Reader name' })).toBeVisible();
  await scan(page, 'reader-name dialog');
  await page.getByRole('dialog', { name: 'Reader name' }).getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('sign-off')).toHaveAttribute('data-locked', 'false');
});
