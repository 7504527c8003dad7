// The study column and the summary line through the browser host: the auto-analysis setting (off survives
// a reload, the study then opens unanalysed with an Analyse button), Ctrl+O as File > Open (the typed-path
// field), the study list searched by name, ID, date (both forms) and accession, and the summary line above
// the grid checked against the stored analysis and the printed summary's impression.
import { rmSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { AnalysisBundle } from '../../main/shared/analysis';
import type { StudyListItem } from '../../main/shared/apiRecords';
import { formatDateTime } from '../../renderer/src/findings/dateTime';
import { hostUrl } from './hostUrl';
import { call, makePhantom, openByPath, type Phantom } from './workspaceHelpers';

test.use({ viewport: { width: 1600, height: 900 } });

let first: Phantom;
let second: Phantom;
test.beforeAll(async () => {
  first = await makePhantom('e2e-studies-1');
  second = await makePhantom('e2e-studies-2');
});
test.afterAll(() => {
  for (const p of [first, second]) if (p) rmSync(p.dir, { recursive: true, force: true });
});

/**
 * The study's list item once it is stored. openByPath returns when the grid shows 25 cells, which an earlier
 * study's grid already does, so a second import may still be running: wait for the store to list it.
 */
async function stored(page: Page, p: Phantom): Promise<StudyListItem> {
  const find = async (): Promise<StudyListItem | undefined> =>
    (await call<StudyListItem[]>(page, 'listStudies')).find(
      (s) => s.study.studyInstanceUid === p.truth.studyInstanceUid,
    );
  await expect
    .poll(async () => (await find()) !== undefined, {
      message: `${p.studyPath} is in the store`,
      timeout: 60_000,
    })
    .toBe(true);
  return (await find()) as StudyListItem;
}

test('auto-analysis off is remembered across a reload; the study opens unanalysed, Analyse grades it', async ({
  page,
}) => {
  await page.goto(hostUrl());
  const auto = page.getByRole('checkbox', { name: 'Analyse after import (default model)' });
  await expect(auto).toBeChecked();
  await auto.uncheck();
  await page.reload();
  await expect(auto).not.toBeChecked();

  await page.keyboard.press('Control+O');
  await expect(page.getByLabel('Study folder', { exact: true })).toBeFocused();
  await page.keyboard.type(first.studyPath);
  await page.keyboard.press('Enter');
  const findings = page.getByRole('complementary', { name: 'Findings' });
  await expect(findings).toContainText('Auto-analysis is off: press Analyse to grade this study.', {
    timeout: 60_000,
  });
  await expect(page.getByRole('grid', { name: 'Findings' })).toHaveCount(0);
  expect((await stored(page, first)).analyses).toHaveLength(0);

  await findings.getByRole('button', { name: 'Analyse', exact: true }).click();
  await expect(page.getByRole('grid', { name: 'Findings' }).getByRole('gridcell')).toHaveCount(25, {
    timeout: 60_000,
  });
  expect((await stored(page, first)).analyses).toHaveLength(1);
  await auto.check();
  await page.reload();
  await expect(auto).toBeChecked();
});

test('the study list is searched by name, patient ID, study date (YYYYMMDD or YYYY-MM-DD) and accession', async ({
  page,
}) => {
  await page.goto(hostUrl());
  await openByPath(page, first.studyPath);
  await openByPath(page, second.studyPath);
  const a = (await stored(page, first)).study;
  const b = (await stored(page, second)).study;
  expect(a.patientId).not.toBe(b.patientId);
  const list = page.getByRole('list', { name: 'Stored studies' });
  const search = page.getByRole('searchbox', { name: 'Search studies' });
  const da = (d: string): string => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}`;
  const itemOf = (s: { patientId: string }) =>
    list.getByRole('listitem').filter({ hasText: `ID ${s.patientId} ·` });
  // Unique keys: only the first study is shown.
  for (const q of [a.patientName.replace(/\^/g, ' ').toLowerCase(), a.patientId, a.accessionNumber]) {
    await search.fill(q);
    await expect(itemOf(a), q).toHaveCount(1);
    await expect(itemOf(b), q).toHaveCount(0);
  }
  // The date in either form: the first study is shown and every study shown has that date.
  for (const q of [a.studyDate, da(a.studyDate)]) {
    await search.fill(q);
    await expect(itemOf(a), q).toHaveCount(1);
    await expect(itemOf(b), q).toHaveCount(a.studyDate === b.studyDate ? 1 : 0);
    for (const text of await list.getByRole('listitem').allInnerTexts())
      expect(text, q).toContain(da(a.studyDate));
  }
  await search.fill(`${a.patientId} ${a.accessionNumber}`);
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await search.fill('no such patient');
  await expect(list.getByRole('listitem')).toHaveCount(0);
  await expect(page.getByText('No stored study matches “no such patient”.')).toBeVisible();
});

test('the summary line: impression as printed, model name and version, provider used, time taken', async ({
  page,
}) => {
  await page.goto(hostUrl());
  await openByPath(page, second.studyPath);
  const item = await stored(page, second);
  const bundle = await call<AnalysisBundle>(page, 'getAnalysis', {
    analysisId: item.analyses[0].analysisId,
  });
  const a = bundle.analysis;
  const line = page.getByTestId('model-line');
  await expect(line).toContainText(`${a.model.name} v${a.model.version}`);
  await expect(line).toContainText(`ran on ${a.provider.toUpperCase()}`);
  if (a.providerNote) await expect(line).toContainText(`fallback: ${a.providerNote}`);
  expect(a.timingsMs.total).toBeGreaterThan(0);
  await expect(line).toContainText(`${(a.timingsMs.total / 1000).toFixed(2)} s`);
  await expect(line).toContainText(formatDateTime(a.createdAt));
  expect(formatDateTime(a.createdAt)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);

  const onScreen = await page.getByTestId('impression').getByRole('listitem').allInnerTexts();
  await page.getByRole('button', { name: 'Print…' }).click();
  const printed = page.frameLocator('iframe[title="Summary to print"]').locator('ol.impression li');
  await expect(printed.first()).toBeVisible();
  expect(onScreen, 'the impression above the grid is the printed one').toEqual(await printed.allInnerTexts());
  expect(onScreen.length).toBeGreaterThan(0);
});
