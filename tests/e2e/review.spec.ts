// Review through the UI on a host of the test's own: a reader override (AI grade kept beside it), a
// sign-off that locks, an addendum after it; all of it survives a page reload and a host restart, and
// `spinegrade audit verify` finds the audit chain intact.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import {
  auditVerify,
  cellOf,
  cellPrefix,
  makePhantom,
  openByPath,
  screenshot,
  waitForImages,
  startOwnHost,
  type OwnHost,
  type Phantom,
} from './workspaceHelpers';

test.use({ viewport: { width: 1600, height: 900 } });

let phantom: Phantom;
let storeDir: string;
let host: OwnHost | undefined;
test.beforeAll(async () => {
  phantom = await makePhantom('e2e-severe-13');
  storeDir = mkdtempSync(path.join(os.tmpdir(), 'spinegrade-e2e-review-store-'));
});
test.afterAll(async () => {
  await host?.stop();
  rmSync(storeDir, { recursive: true, force: true });
  rmSync(phantom.dir, { recursive: true, force: true });
});

const overridden = { condition: 'right_subarticular_stenosis', level: 'l3_l4' } as const;
const amended = { condition: 'spinal_canal_stenosis', level: 'l5_s1' } as const;

/** The reader's grade: always one the model did not give, so the override is visible as a change. */
function readerGradeFor(aiGrade: string): 'Moderate' | 'Severe' {
  return aiGrade === 'Moderate' ? 'Severe' : 'Moderate';
}

async function expectReviewed(page: Page, aiGrade: string): Promise<void> {
  const c = cellOf(page, overridden.condition, overridden.level);
  await expect(c).toHaveAccessibleName(
    `${cellPrefix(overridden.condition, overridden.level)}${readerGradeFor(aiGrade)}`,
  );
  await expect(c).toHaveAttribute('data-source', 'Reader');
  await expect(c).toContainText(`AI ${aiGrade}`);
  await expect(cellOf(page, amended.condition, amended.level)).toContainText('addendum: Severe');
  await expect(page.getByTestId('sign-off')).toHaveAttribute('data-locked', 'true');
  await expect(page.getByTestId('sign-off')).toContainText('Signed by Dr Review');
}

async function reopenFromList(page: Page): Promise<void> {
  await page.getByRole('list', { name: 'Stored studies' }).getByRole('button').first().click();
  await expect(page.getByRole('grid', { name: 'Findings' }).getByRole('gridcell')).toHaveCount(25);
}

test('override, sign-off and addendum survive a reload and a host restart; the audit log stays intact', async ({
  page,
}) => {
  host = await startOwnHost(storeDir);
  await page.goto(host.url);
  await openByPath(page, phantom.studyPath);
  const c = cellOf(page, overridden.condition, overridden.level);
  const aiGrade = (await c.getAttribute('data-grade')) ?? '';
  expect(['Normal/Mild', 'Moderate', 'Severe']).toContain(aiGrade);

  await c.click();
  await page.getByRole('button', { name: 'Override…' }).click();
  await page.getByLabel('Reader grade').selectOption(readerGradeFor(aiGrade));
  await page.getByLabel('Note').fill('Recess preserved on the axial.');
  await page.getByRole('button', { name: 'Save override' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reader name' });
  await dialog.getByLabel('Your name').fill('Dr Review');
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(c).toHaveAttribute('data-source', 'Reader');
  await expect(c).toContainText(`AI ${aiGrade}`);

  await page.getByRole('button', { name: 'Sign off…' }).click();
  await expect(page.getByTestId('sign-off')).toHaveAttribute('data-locked', 'true');
  await expect(dialog).toHaveCount(0);
  await cellOf(page, amended.condition, amended.level).click();
  await page.getByRole('button', { name: 'Add addendum…' }).click();
  await page.getByLabel('Reader grade').selectOption('Severe');
  await page.getByRole('button', { name: 'Save addendum' }).click();
  await expectReviewed(page, aiGrade);
  await c.hover();
  await waitForImages(page);
  await screenshot(page, 'workspace-signed');

  await page.reload();
  await reopenFromList(page);
  await expectReviewed(page, aiGrade);

  await host.stop();
  host = await startOwnHost(storeDir);
  await page.goto(host.url);
  await reopenFromList(page);
  await expectReviewed(page, aiGrade);
  await expect(page.getByRole('button', { name: 'Sign off…' })).toHaveCount(0);

  const audit = auditVerify(storeDir);
  expect(audit.status, audit.output).toBe(0);
  expect(audit.output).toContain('intact');
});
