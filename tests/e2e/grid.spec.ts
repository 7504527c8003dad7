// The findings grid through the browser host: exact probabilities on hover and on keyboard focus, and a
// keyboard-only flow (type the path, Tab into the grid, arrows, Enter jumps, override by keyboard).
import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { AnalysisBundle } from '../../main/shared/analysis';
import type { StudyListItem } from '../../main/shared/apiRecords';
import { SEVERITIES } from '../../main/shared/targets';
import { hostUrl } from './hostUrl';
import { call, cellOf, makePhantom, type Phantom } from './workspaceHelpers';

let phantom: Phantom;
test.beforeAll(async () => {
  phantom = await makePhantom('e2e-keyboard');
});
test.afterAll(() => rmSync(phantom.dir, { recursive: true, force: true }));

const percents = (p: readonly number[]): string =>
  SEVERITIES.map((s, i) => `${s} ${(p[i] * 100).toFixed(1)}%`).join(' · ');

test('keyboard only: path, Tab into the grid, arrows, Enter jumps; exact probabilities on focus and hover', async ({
  page,
}) => {
  await page.goto(hostUrl());
  const field = page.getByLabel('Study folder', { exact: true });
  for (let i = 0; i < 12 && !(await field.evaluate((el) => el === el.ownerDocument.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(field).toBeFocused();
  await page.keyboard.type(phantom.studyPath);
  await page.keyboard.press('Enter');
  const grid = page.getByRole('grid', { name: 'Findings' });
  await expect(grid.getByRole('gridcell')).toHaveCount(25, { timeout: 60_000 });

  const focusedCell = page.locator('[role="gridcell"]:focus');
  for (let i = 0; i < 40 && (await focusedCell.count()) === 0; i++) await page.keyboard.press('Tab');
  await expect(focusedCell).toHaveAttribute('data-level', 'l1_l2');
  await expect(focusedCell).toHaveAttribute('data-condition', 'spinal_canal_stenosis');
  for (const key of ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowRight', 'ArrowRight', 'ArrowRight'])
    await page.keyboard.press(key);
  const target = cellOf(page, 'left_subarticular_stenosis', 'l4_l5');
  await expect(target).toBeFocused();
  await expect(grid.locator('[tabindex="0"]')).toHaveCount(1);

  const studies = await call<StudyListItem[]>(page, 'listStudies');
  const id = studies.find((s) => s.study.studyInstanceUid === phantom.truth.studyInstanceUid)?.analyses[0]
    .analysisId;
  const bundle = await call<AnalysisBundle>(page, 'getAnalysis', { analysisId: id });
  const f = bundle.analysis.findings.find(
    (x) => x.condition === 'left_subarticular_stenosis' && x.level === 'l4_l5',
  );
  expect(f?.probabilities).toBeTruthy();
  const exact = percents(f?.probabilities ?? []);
  const detail = page.getByRole('region', { name: 'Selected target' });
  await expect(detail).toContainText('L4/L5 left subarticular stenosis');
  await expect(detail).toContainText(exact);
  await expect(target).toHaveAccessibleDescription(new RegExp(exact.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

  await page.keyboard.press('Enter');
  await expect(target).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('status-line')).toContainText(
    'key image of L4/L5 left subarticular stenosis',
  );

  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Override…' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Reader grade')).toBeFocused();
  await page.getByLabel('Reader grade').selectOption('Normal/Mild');
  await page.getByLabel('Note').focus();
  await page.keyboard.type('keyboard review');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Save override' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Your name')).toBeFocused();
  await page.keyboard.type('Dr Keys');
  await page.keyboard.press('Enter');
  await expect(target).toHaveAttribute('data-source', 'Reader');
  await expect(target).toHaveAccessibleName('L4/L5 left subarticular stenosis: Normal/Mild');

  const other =
    f?.condition === 'left_subarticular_stenosis' ? cellOf(page, 'spinal_canal_stenosis', 'l5_s1') : target;
  const g = bundle.analysis.findings.find(
    (x) => x.condition === 'spinal_canal_stenosis' && x.level === 'l5_s1',
  );
  await other.hover();
  const tip = other.locator('[role="tooltip"]');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText(percents(g?.probabilities ?? []));
});
