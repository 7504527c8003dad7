// The flow end to end through the browser host: type a phantom study's path -> a progress bar per job ->
// the study opens with 25 graded cells equal to the stored analysis, the phantom's known severe targets
// shown Severe or Moderate at their level and side; re-opening from the study list reads the stored analysis.
import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { AnalysisBundle } from '../../main/shared/analysis';
import type { StudyListItem } from '../../main/shared/apiRecords';
import { allTargets, levelDisplay } from '../../main/shared/targets';
import { hostUrl } from './hostUrl';
import {
  call,
  cellOf,
  cellPrefix,
  makePhantom,
  openByPath,
  screenshot,
  waitForImages,
  targetsGraded,
  SHOWN_FOR_SEVERE,
  type Phantom,
} from './workspaceHelpers';

test.use({ viewport: { width: 1600, height: 900 } });

/**
 * Seeds whose studies have severe targets and one without: the grades asserted come from each phantom's
 * ground-truth sidecar, the model only has to find them (SHOWN_FOR_SEVERE: Severe or Moderate). The seeds were
 * picked on phantom v5; v6 draws other patients for them, with severe targets still.
 */
let severe: Phantom;
let severe2: Phantom;
let normal: Phantom;
test.beforeAll(async () => {
  severe = await makePhantom('e2e-severe-4');
  severe2 = await makePhantom('e2e-severe-11');
  normal = await makePhantom('e2e-severe-6');
});
test.afterAll(() => {
  for (const p of [severe, severe2, normal]) if (p) rmSync(p.dir, { recursive: true, force: true });
});

test('typed path -> progress -> 25 cells equal to the stored analysis, known severe targets shown Severe or Moderate', async ({
  page,
}) => {
  // Records the text of every job bar that appears (they come and go within a second or two).
  await page.addInitScript(`
    window.jobTexts = [];
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[data-testid="job"]')) window.jobTexts.push(el.textContent || '');
    }).observe(document, { subtree: true, childList: true, characterData: true });
  `);
  await page.goto(hostUrl());
  await openByPath(page, severe.studyPath);
  const jobTexts = (await page.evaluate('window.jobTexts')) as string[];
  expect(jobTexts.some((t) => t.startsWith('Importing') && t.includes('Cancel'))).toBe(true);
  expect(jobTexts.some((t) => t.startsWith('Analysing') && /\d+\/\d+/.test(t))).toBe(true);

  const studies = await call<StudyListItem[]>(page, 'listStudies');
  const item = studies.find((s) => s.study.studyInstanceUid === severe.truth.studyInstanceUid);
  expect(item?.analyses).toHaveLength(1);
  const bundle = await call<AnalysisBundle>(page, 'getAnalysis', {
    analysisId: item?.analyses[0].analysisId,
  });
  for (const { condition, level } of allTargets()) {
    const f = bundle.analysis.findings.find((x) => x.condition === condition && x.level === level);
    const word = f?.assessable ? f.grade : 'Not assessable';
    await expect(cellOf(page, condition, level)).toHaveAccessibleName(
      `${cellPrefix(condition, level)}${word}`,
    );
  }
  const truthSevere = targetsGraded(severe.truth, 'Severe');
  expect(truthSevere.length).toBeGreaterThan(0);
  for (const { condition, level } of truthSevere) {
    await expect(
      cellOf(page, condition, level),
      `${levelDisplay(level)} ${condition} is Severe in the phantom's ground truth`,
    ).toHaveAttribute('data-grade', SHOWN_FOR_SEVERE);
  }
  await expect(page.getByTestId('impression')).toContainText('severe');
  await expect(page.getByTestId('model-line')).toContainText(bundle.analysis.model.version);
  await expect(page.getByTestId('study-header')).toContainText(item?.study.patientId ?? '?');
  // As a reader would look at it: the first severe finding selected, every pane on its key slice.
  await cellOf(page, truthSevere[0].condition, truthSevere[0].level).click();
  await expect(cellOf(page, truthSevere[0].condition, truthSevere[0].level)).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await page.mouse.move(1, 1); // no hover tooltip over the grid in the picture
  await waitForImages(page);
  await screenshot(page, 'workspace-severe');
});

test('a study opened from the list shows the stored analysis and never re-runs the model', async ({
  page,
}) => {
  await page.goto(hostUrl());
  await openByPath(page, normal.studyPath);
  await expect(page.getByTestId('impression')).toBeVisible();
  await waitForImages(page);
  await screenshot(page, 'workspace-normal');
  await openByPath(page, severe2.studyPath);
  for (const { condition, level } of targetsGraded(severe2.truth, 'Severe'))
    await expect(cellOf(page, condition, level)).toHaveAttribute('data-grade', SHOWN_FOR_SEVERE);
  const before = await call<StudyListItem[]>(page, 'listStudies');
  const analysesBefore = before.flatMap((s) => s.analyses.map((a) => a.analysisId)).sort();
  await page.reload();
  const list = page.getByRole('list', { name: 'Stored studies' });
  await page.getByRole('searchbox', { name: 'Search studies' }).fill(String(severe.truth.studyId));
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await list.getByRole('button').click();
  await expect(page.getByRole('grid', { name: 'Findings' }).getByRole('gridcell')).toHaveCount(25);
  for (const { condition, level } of targetsGraded(severe.truth, 'Severe'))
    await expect(cellOf(page, condition, level)).toHaveAttribute('data-grade', SHOWN_FOR_SEVERE);
  await page.getByRole('searchbox', { name: 'Search studies' }).fill('no-such-patient');
  await expect(list.getByRole('listitem')).toHaveCount(0);
  const after = await call<StudyListItem[]>(page, 'listStudies');
  expect(after.flatMap((s) => s.analyses.map((a) => a.analysisId)).sort()).toEqual(analysesBefore);
});
