// The responsive reading layout through the browser host: at 1280x800 the study list folds away when a
// study opens, the three viewports get >= 300 px each without overlap and the 25-cell grid fits with no
// horizontal scroll; the study-list toggle (mouse, Enter/Space, Ctrl+B) is remembered across a reload and
// the Cornerstone canvases follow their elements (HiDPI, CPU and WebGL paths); 1920x1080 keeps the full
// layout; a folder dropped as a real directory entry (CDP Input.dispatchDragEvent) is uploaded and graded.
import { rmSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { AnalysisBundle } from '../../main/shared/analysis';
import type { StudyListItem } from '../../main/shared/apiRecords';
import { hostUrl } from './hostUrl';
import {
  call,
  cellOf,
  makePhantom,
  openByPath,
  PANE_NAMES,
  screenshot,
  targetsGraded,
  waitForImages,
  type Phantom,
} from './workspaceHelpers';

test.use({ viewport: { width: 1280, height: 800 } });

/** A phantom with six severe targets (a long impression: the narrow findings column's worst case). */
let severe: Phantom;
let dropped: Phantom;
test.beforeAll(async () => {
  severe = await makePhantom('e2e-layout-3');
  dropped = await makePhantom('e2e-layout-drop-1');
});
test.afterAll(() => {
  for (const p of [severe, dropped]) if (p) rmSync(p.dir, { recursive: true, force: true });
});

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const toggle = (page: Page): Locator => page.getByRole('button', { name: 'Study list', exact: true });
const studyColumn = (page: Page): Locator => page.getByRole('navigation', { name: 'Studies' });

async function boxOf(l: Locator): Promise<Box> {
  const b = await l.boundingBox();
  if (!b) throw new Error('element not on screen');
  return b;
}

async function paneBoxes(page: Page): Promise<Box[]> {
  const boxes: Box[] = [];
  for (const name of PANE_NAMES) boxes.push(await boxOf(page.getByRole('region', { name, exact: true })));
  return boxes;
}

/** Panes left to right, each >= minWidthPx, none overlapping the next. */
function expectPanesSideBySide(boxes: Box[], minWidthPx: number): void {
  for (const [i, b] of boxes.entries()) {
    expect(b.width, `${PANE_NAMES[i]} width`).toBeGreaterThanOrEqual(minWidthPx);
    const next = boxes[i + 1];
    if (next) expect(b.x + b.width, `${PANE_NAMES[i]} ends before the next pane`).toBeLessThanOrEqual(next.x);
  }
}

/** Canvas backing size vs its element, per pane (the page has DOM types; this file does not). */
interface CanvasFit {
  pane: string;
  renderPath: string;
  elementPx: [number, number];
  canvasCssPx: [number, number];
  canvasPx: [number, number];
  dpr: number;
}

function canvasFits(page: Page): Promise<CanvasFit[]> {
  return page.evaluate(() => {
    interface El {
      clientWidth: number;
      clientHeight: number;
      querySelector(s: string): (El & { width: number; height: number }) | null;
      closest(s: string): { getAttribute(n: string): string | null } | null;
    }
    const g = globalThis as unknown as {
      devicePixelRatio: number;
      document: { querySelectorAll(s: string): Iterable<El> };
    };
    return Array.from(g.document.querySelectorAll('[data-cornerstone-element]')).map((el) => {
      const c = el.querySelector('canvas');
      return {
        pane: el.closest('[role="region"]')?.getAttribute('aria-label') ?? '?',
        renderPath: el.closest('[role="region"]')?.getAttribute('data-render-path') ?? '?',
        elementPx: [el.clientWidth, el.clientHeight] as [number, number],
        canvasCssPx: [c?.clientWidth ?? -1, c?.clientHeight ?? -1] as [number, number],
        canvasPx: [c?.width ?? -1, c?.height ?? -1] as [number, number],
        dpr: g.devicePixelRatio,
      };
    });
  });
}

/**
 * Every canvas fills its element (CSS size) and its backing store is the element's size times the path's
 * pixel ratio: devicePixelRatio on the WebGL path; 1 on Cornerstone's CPU path, whose resize sets the
 * canvas to its CSS size (cpuFallback/rendering/resize.js). Same ratio on both axes: no stretched image.
 */
async function expectCanvasesFit(page: Page): Promise<CanvasFit[]> {
  const misfits = async (): Promise<string[]> => {
    const fits = await canvasFits(page);
    if (fits.length !== 3) return [`${fits.length} Cornerstone elements, not 3`];
    const off = (a: number, b: number): boolean => Math.abs(a - b) > 1;
    return fits
      .filter((f) => {
        const [w, h] = f.elementPx;
        const ratio = f.renderPath === 'gpu' ? f.dpr : 1;
        return (
          !['cpu', 'gpu'].includes(f.renderPath) ||
          off(f.canvasCssPx[0], w) ||
          off(f.canvasCssPx[1], h) ||
          off(f.canvasPx[0], w * ratio) ||
          off(f.canvasPx[1], h * ratio)
        );
      })
      .map(
        (f) =>
          `${f.pane} (${f.renderPath} path): element ${f.elementPx.join('x')}, canvas CSS ${f.canvasCssPx.join('x')}, backing ${f.canvasPx.join('x')} at devicePixelRatio ${f.dpr}`,
      );
  };
  await expect
    .poll(misfits, { message: 'canvas backing size = element size x pixel ratio', timeout: 10_000 })
    .toEqual([]);
  return canvasFits(page);
}

/** Page and findings column scroll widths (a horizontal scroll shows as scrollWidth > clientWidth). */
function horizontalOverflow(page: Page): Promise<{ page: number; findings: number }> {
  return page.evaluate(() => {
    interface El {
      scrollWidth: number;
      clientWidth: number;
    }
    const d = (globalThis as unknown as { document: { scrollingElement: El; querySelector(s: string): El } })
      .document;
    const f = d.querySelector('[data-testid="findings-panel"]');
    return {
      page: d.scrollingElement.scrollWidth - d.scrollingElement.clientWidth,
      findings: f.scrollWidth - f.clientWidth,
    };
  });
}

/** The 25 cells inside the window, and nothing scrolls sideways (also while a tooltip shows). */
async function expectGridFits(page: Page, size: { width: number; height: number }): Promise<void> {
  const cells = page.getByRole('grid', { name: 'Findings' }).getByRole('gridcell');
  await expect(cells).toHaveCount(25);
  for (const cell of await cells.all()) {
    const b = await boxOf(cell);
    expect(b.x, 'cell left edge').toBeGreaterThanOrEqual(0);
    expect(b.y, 'cell top edge').toBeGreaterThanOrEqual(0);
    expect(b.x + b.width, 'cell right edge inside the window').toBeLessThanOrEqual(size.width);
    expect(b.y + b.height, 'cell bottom edge inside the window').toBeLessThanOrEqual(size.height);
  }
  expect(await horizontalOverflow(page)).toEqual({ page: 0, findings: 0 });
  for (const condition of [
    'spinal_canal_stenosis',
    'right_neural_foraminal_narrowing',
    'right_subarticular_stenosis',
  ] as const) {
    await cellOf(page, condition, 'l1_l2').hover();
    await expect(page.locator(`#tip-${condition}-l1_l2`)).toBeVisible();
    expect(await horizontalOverflow(page), `no sideways scroll with the ${condition} tooltip`).toEqual({
      page: 0,
      findings: 0,
    });
  }
  await page.mouse.move(1, 1);
}

/** Open the severe phantom on a rendering path and select its first severe target, as a reader would. */
async function openSevere(page: Page, renderPath: 'auto' | 'gpu' = 'auto'): Promise<void> {
  await page.addInitScript((p) => {
    const g = globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } };
    g.localStorage.setItem('spinegrade.renderPath', p);
  }, renderPath);
  await page.goto(hostUrl());
  await openByPath(page, severe.studyPath);
  const first = targetsGraded(severe.truth, 'Severe')[0];
  await cellOf(page, first.condition, first.level).click();
  await expect(cellOf(page, first.condition, first.level)).toHaveAttribute('aria-selected', 'true');
  await page.mouse.move(1, 1);
  await waitForImages(page);
}

test('1280x800: the study list folds away, three panes >= 300 px side by side, the whole grid on screen', async ({
  page,
}) => {
  await openSevere(page);
  await expect(toggle(page)).toHaveAttribute('aria-expanded', 'false');
  await expect(studyColumn(page)).toBeHidden();
  const boxes = await paneBoxes(page);
  expectPanesSideBySide(boxes, 300);
  const findings = await boxOf(page.getByRole('complementary', { name: 'Findings' }));
  expect(boxes[2].x + boxes[2].width, 'the axial pane ends before the findings').toBeLessThanOrEqual(
    findings.x,
  );
  expect(findings.x + findings.width).toBeLessThanOrEqual(1280);
  await expectGridFits(page, { width: 1280, height: 800 });
  await expectCanvasesFit(page);
  await screenshot(page, 'layout-1280x800');
});

test.describe('on a HiDPI screen (devicePixelRatio 2)', () => {
  test.use({ deviceScaleFactor: 2 });
  for (const renderPath of ['auto', 'gpu'] as const)
    test(`the study-list toggle: mouse, Enter and Ctrl+B, remembered across a reload; canvases follow the panes (${renderPath} path)`, async ({
      page,
    }) => {
      await openSevere(page, renderPath);
      if (renderPath === 'gpu')
        await expect(page.getByRole('region', { name: PANE_NAMES[0], exact: true })).toHaveAttribute(
          'data-render-path',
          'gpu',
        );
      // The panes were laid out with the list shown, then it folded away: the canvases followed.
      await expectCanvasesFit(page);
      const before = await paneBoxes(page);
      await toggle(page).click();
      await expect(toggle(page)).toHaveAttribute('aria-expanded', 'true');
      await expect(studyColumn(page)).toBeVisible();
      const after = await paneBoxes(page);
      expect(after[0].width, 'the panes gave the study list its room').toBeLessThan(before[0].width - 40);
      expectPanesSideBySide(after, 200);
      const fits = await expectCanvasesFit(page);
      expect(fits[0].elementPx[0]).toBeLessThan(before[0].width - 40);
      // Ctrl+B with the study open: hidden again, canvases back to the wide panes; Ctrl+B shows it again.
      await page.keyboard.press('Control+B');
      await expect(studyColumn(page)).toBeHidden();
      expectPanesSideBySide(await paneBoxes(page), 300);
      await expectCanvasesFit(page);
      await page.keyboard.press('Control+B');
      await expect(studyColumn(page)).toBeVisible();

      await page.reload();
      await expect(toggle(page)).toHaveAttribute('aria-expanded', 'true');
      await expect(studyColumn(page)).toBeVisible();
      await expect(page.getByLabel('Study folder', { exact: true })).toBeVisible();

      await toggle(page).focus();
      await page.keyboard.press('Enter');
      await expect(toggle(page)).toHaveAttribute('aria-expanded', 'false');
      await expect(studyColumn(page)).toBeHidden();
      await page.keyboard.press('Space');
      await expect(studyColumn(page)).toBeVisible();
      await page.getByRole('searchbox', { name: 'Search studies' }).focus();
      await page.keyboard.press('Control+B');
      await expect(studyColumn(page)).toBeHidden();
      await expect(toggle(page)).toHaveAttribute('aria-expanded', 'false');
      await page.reload();
      await expect(toggle(page)).toHaveAttribute('aria-expanded', 'false');
      await expect(studyColumn(page)).toBeHidden();
      // Ctrl+O (File > Open of the host) brings the list back with the Study folder field focused.
      await page.keyboard.press('Control+O');
      await expect(page.getByLabel('Study folder', { exact: true })).toBeFocused();
      await page.keyboard.press('Control+B');
      await expect(studyColumn(page)).toBeHidden();

      // Opened from a hidden list, the study shows with the canvases resized to the wider panes.
      await page.keyboard.press('Control+B');
      await page.getByRole('searchbox', { name: 'Search studies' }).fill(String(severe.truth.studyId));
      await page.getByRole('list', { name: 'Stored studies' }).getByRole('button').click();
      await expect(page.getByRole('grid', { name: 'Findings' }).getByRole('gridcell')).toHaveCount(25);
      await expect(studyColumn(page)).toBeHidden();
      await expect(toggle(page)).toBeFocused();
      await waitForImages(page);
      expectPanesSideBySide(await paneBoxes(page), 300);
      await expectCanvasesFit(page);
    });
});

test('1920x1080: the full layout stays (study list shown, panes >= 400 px, findings 29rem), grid on screen', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openSevere(page);
  await expect(toggle(page)).toHaveAttribute('aria-expanded', 'true');
  await expect(studyColumn(page)).toBeVisible();
  const study = await boxOf(studyColumn(page));
  const boxes = await paneBoxes(page);
  expect(study.x + study.width).toBeLessThanOrEqual(boxes[0].x);
  expectPanesSideBySide(boxes, 400);
  const findings = await boxOf(page.getByRole('complementary', { name: 'Findings' }));
  expect(findings.width).toBeCloseTo(29 * 16, 0);
  await expectGridFits(page, { width: 1920, height: 1080 });
  await expectCanvasesFit(page);
  await screenshot(page, 'layout-1920x1080');
});

/** Drop a folder on a point of the page as the OS does: CDP drag events carrying the folder's path. */
async function dropFolder(page: Page, folder: string, target: Locator): Promise<void> {
  const b = await boxOf(target);
  const at = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  const cdp = await page.context().newCDPSession(page);
  const data = { items: [], files: [folder], dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const)
    await cdp.send('Input.dispatchDragEvent', { type, ...at, data });
  await cdp.detach();
}

test('a dropped folder (a directory entry of the DataTransfer) is walked, uploaded, imported and graded', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(hostUrl());
  // What the page's drop handler gets: one directory entry named like the folder, not loose files.
  await page.evaluate(() => {
    interface Entry {
      isDirectory: boolean;
      name: string;
    }
    interface DropEvent {
      dataTransfer: { items: Iterable<{ webkitGetAsEntry(): Entry | null }> };
    }
    const g = globalThis as unknown as {
      droppedEntries: string[];
      document: { addEventListener(t: 'drop', l: (e: DropEvent) => void, capture: boolean): void };
    };
    g.droppedEntries = [];
    g.document.addEventListener(
      'drop',
      (e) => {
        for (const item of e.dataTransfer.items) {
          const en = item.webkitGetAsEntry();
          g.droppedEntries.push(en ? `${en.isDirectory ? 'directory' : 'file'} ${en.name}` : 'no entry');
        }
      },
      true,
    );
  });
  await dropFolder(page, dropped.studyPath, page.getByTestId('drop-zone'));
  expect(
    await page.evaluate(() => (globalThis as unknown as { droppedEntries: string[] }).droppedEntries),
  ).toEqual([`directory ${String(dropped.truth.studyId)}`]);
  const cells = page.getByRole('grid', { name: 'Findings' }).getByRole('gridcell');
  await expect(cells).toHaveCount(25, { timeout: 90_000 });
  // The grid shows the analysis stored for the dropped study (its UID from the phantom's ground truth).
  const stored = (await call<StudyListItem[]>(page, 'listStudies')).find(
    (s) => s.study.studyInstanceUid === dropped.truth.studyInstanceUid,
  );
  expect(stored?.analyses, 'the dropped study was imported and analysed once').toHaveLength(1);
  const bundle = await call<AnalysisBundle>(page, 'getAnalysis', {
    analysisId: stored?.analyses[0].analysisId,
  });
  for (const f of bundle.analysis.findings)
    await expect(cellOf(page, f.condition, f.level)).toHaveAttribute(
      'data-grade',
      f.assessable && f.grade ? f.grade : 'Not assessable',
    );
  await expect(page.getByTestId('status-line')).toContainText('25 targets graded');

  // With the study list folded away, a folder dropped on a viewport is taken by the workspace itself.
  await expect(studyColumn(page)).toBeHidden();
  await dropFolder(
    page,
    severe.studyPath,
    page.getByRole('region', { name: 'Axial T2 viewer', exact: true }),
  );
  await expect(page.getByTestId('study-header')).toContainText(String(severe.truth.studyId), {
    timeout: 90_000,
  });
  await expect(cells).toHaveCount(25, { timeout: 90_000 });
});
