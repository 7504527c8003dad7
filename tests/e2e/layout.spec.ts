// The responsive reading layout through the browser host: at 1280x800 the study list folds away when a
// study opens, the three viewports get >= 300 px each without overlap and the 25-cell grid fits with no
// horizontal scroll; at 1280x800 and 1366x768 the findings column keeps the summary, the 25 cells and the
// sign-off bar on screen, and each pane's overlay shows the whole patient name; the study-list toggle
// (mouse, Enter/Space, Ctrl+B) is remembered across a reload and the Cornerstone canvases follow their
// elements, with annotations and zoom where the image is (HiDPI, CPU and WebGL paths); 1920x1080 keeps the
// full layout; a folder dropped as a real directory entry (CDP Input.dispatchDragEvent) is uploaded and graded.
import { rmSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { AnalysisBundle } from '../../main/shared/analysis';
import type { StudyListItem } from '../../main/shared/apiRecords';
import { personName } from '../../main/shared/personName';
import { hostUrl } from './hostUrl';
import {
  call,
  cellOf,
  ctrlDragUp,
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
      matchMedia(q: string): { matches: boolean };
      document: { querySelectorAll(s: string): Iterable<El> };
    };
    // The screen's ratio from CSS media queries: on the CPU path the app pins window.devicePixelRatio to 1.
    const dpr = [1, 1.25, 1.5, 2, 3].find((r) => g.matchMedia(`(resolution: ${r}dppx)`).matches) ?? -1;
    return Array.from(g.document.querySelectorAll('[data-cornerstone-element]')).map((el) => {
      const c = el.querySelector('canvas');
      return {
        pane: el.closest('[role="region"]')?.getAttribute('aria-label') ?? '?',
        renderPath: el.closest('[role="region"]')?.getAttribute('data-render-path') ?? '?',
        elementPx: [el.clientWidth, el.clientHeight] as [number, number],
        canvasCssPx: [c?.clientWidth ?? -1, c?.clientHeight ?? -1] as [number, number],
        canvasPx: [c?.width ?? -1, c?.height ?? -1] as [number, number],
        dpr,
      };
    });
  });
}

/**
 * Every canvas fills its element (CSS size) and its backing store is the element's size times the path's
 * pixel ratio: devicePixelRatio on the WebGL path; 1 on Cornerstone's CPU path, whose resize sets the
 * canvas to its CSS size (cpuFallback/rendering/resize.js) and whose point and zoom maths are consistent
 * only at ratio 1 (renderer/src/viewer/cpuPixelRatio.ts). Same ratio on both axes: no stretched image.
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
    const inner = d.querySelector('[data-testid="findings-scroll"]') as El | null;
    return {
      page: d.scrollingElement.scrollWidth - d.scrollingElement.clientWidth,
      findings: Math.max(f.scrollWidth - f.clientWidth, inner ? inner.scrollWidth - inner.clientWidth : 0),
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

/** `inner` lies wholly inside `outer` (1 px of rounding allowed). */
function expectInside(inner: Box, outer: Box, what: string): void {
  expect(inner.x, `${what}: left edge`).toBeGreaterThanOrEqual(outer.x - 1);
  expect(inner.y, `${what}: top edge`).toBeGreaterThanOrEqual(outer.y - 1);
  expect(inner.x + inner.width, `${what}: right edge`).toBeLessThanOrEqual(outer.x + outer.width + 1);
  expect(inner.y + inner.height, `${what}: bottom edge`).toBeLessThanOrEqual(outer.y + outer.height + 1);
}

/** The largest scroll offset of the findings column and its scrolling part (0 while nothing was scrolled). */
function findingsScrollTop(page: Page): Promise<number> {
  return page.evaluate(() => {
    const d = (
      globalThis as unknown as { document: { querySelector(s: string): { scrollTop: number } | null } }
    ).document;
    return Math.max(
      ...['findings-panel', 'findings-scroll'].map(
        (id) => d.querySelector(`[data-testid="${id}"]`)?.scrollTop ?? 0,
      ),
    );
  });
}

/**
 * Without scrolling anything: the summary and all 25 cells inside the visible part of the findings column
 * (above the review row), and the sign-off bar inside the window above the status bar; its Override… (a
 * target is selected) and Sign off… buttons enabled, each the element a click at its centre reaches.
 * (Playwright's own click would first scroll the sticky row's static place into view: clicks go by mouse.)
 */
async function expectFindingsColumnFits(page: Page, size: { width: number; height: number }): Promise<void> {
  expect(await findingsScrollTop(page)).toBe(0);
  const scrolling = page.getByTestId('findings-scroll');
  const column = await boxOf((await scrolling.count()) ? scrolling : page.getByTestId('findings-panel'));
  // What the review row (sticky at the column's bottom) leaves visible above it.
  const row = page.getByRole('group', { name: 'Review and sign-off', exact: true });
  const rowTop = (await row.count()) ? (await boxOf(row)).y : column.y + column.height;
  const visible = { ...column, height: Math.min(column.height, rowTop - column.y) };
  expectInside(await boxOf(page.getByTestId('findings-summary')), visible, 'summary line');
  const cells = page.getByRole('grid', { name: 'Findings' }).getByRole('gridcell');
  await expect(cells).toHaveCount(25);
  for (const cell of await cells.all())
    expectInside(await boxOf(cell), visible, `cell ${await cell.getAttribute('aria-label')}`);
  const screen = { x: 0, y: 0, ...size };
  const bar = await boxOf(page.getByTestId('sign-off'));
  expectInside(bar, screen, 'sign-off bar');
  const status = await boxOf(page.getByTestId('status-line'));
  expect(bar.y + bar.height, 'the sign-off bar ends above the status bar').toBeLessThanOrEqual(status.y);
  // The review row: the selected target's Override… and Sign off…, where they are, without scrolling.
  for (const name of ['Override…', 'Sign off…']) {
    const button = page
      .getByRole('group', { name: 'Review and sign-off', exact: true })
      .getByRole('button', { name, exact: true });
    const b = await boxOf(button);
    expectInside(b, screen, `${name} button`);
    expect(b.y + b.height, `${name} ends above the status bar`).toBeLessThanOrEqual(status.y);
    const hit = await page.evaluate(
      ([x, y]) => {
        type El = { textContent: string | null; closest(s: string): El | null };
        const d = (
          globalThis as unknown as { document: { elementFromPoint(x: number, y: number): El | null } }
        ).document;
        return d.elementFromPoint(x, y)?.closest('button')?.textContent ?? null;
      },
      [b.x + b.width / 2, b.y + b.height / 2] as const,
    );
    expect(hit, `the ${name} button is what a click at its centre reaches`).toBe(name);
    await expect(button).toBeEnabled();
  }
}

/** Override… opens the form with its Reader grade focused and in view, not under the sticky review row. */
async function expectOverrideFormInView(page: Page): Promise<void> {
  const row = page.getByRole('group', { name: 'Review and sign-off', exact: true });
  // A mouse click where the button is on screen (no scrolling first).
  const button = await boxOf(row.getByRole('button', { name: 'Override…', exact: true }));
  await page.mouse.click(button.x + button.width / 2, button.y + button.height / 2);
  const grade = page.getByLabel('Reader grade');
  await expect(grade).toBeFocused();
  const save = page.getByRole('button', { name: 'Save override', exact: true });
  await expect(save).toBeVisible();
  const column = await boxOf(page.getByTestId('findings-scroll'));
  const rowTop = (await boxOf(row)).y;
  for (const [what, l] of [
    ['Reader grade', grade],
    ['Save override', save],
  ] as const) {
    const b = await boxOf(l);
    expect(b.y, `${what} below the column's top`).toBeGreaterThanOrEqual(column.y - 1);
    expect(b.y + b.height, `${what} above the review row`).toBeLessThanOrEqual(rowTop + 1);
  }
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(grade).toHaveCount(0);
  await page.mouse.move(1, 1);
}

/** Two boxes share some area. */
function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Each pane's overlay shows the whole patient name (no ellipsis), also as its tooltip, clear of the top letter. */
async function expectPatientNamesWhole(page: Page, name: string): Promise<void> {
  for (const pane of PANE_NAMES) {
    const region = page.getByRole('region', { name: pane, exact: true });
    const overlay = region.getByTestId('overlay-patient');
    await expect(overlay).toHaveText(name);
    await expect(overlay).toHaveAttribute('title', name);
    const fit = await overlay.evaluate((el) => {
      const e = el as unknown as {
        scrollWidth: number;
        clientWidth: number;
        scrollHeight: number;
        clientHeight: number;
      };
      return {
        scrollWidth: e.scrollWidth,
        clientWidth: e.clientWidth,
        scrollHeight: e.scrollHeight,
        clientHeight: e.clientHeight,
      };
    });
    expect(fit.scrollWidth, `${pane}: the name is not clipped sideways`).toBeLessThanOrEqual(fit.clientWidth);
    expect(fit.scrollHeight, `${pane}: the name is not clipped below`).toBeLessThanOrEqual(fit.clientHeight);
    const box = await boxOf(overlay);
    expectInside(box, await boxOf(region.locator('[data-cornerstone-element]')), `${pane}: the name`);
    const letter = await boxOf(region.getByTestId('orientation-top'));
    expect(overlaps(box, letter), `${pane}: the name clears the top orientation letter`).toBe(false);
    // Nor does the corner block run into the axial slice's level ("L3/L4 disc", in the top-right overlay column)
    // or text Cornerstone draws (level labels).
    const corner = await boxOf(overlay.locator('..'));
    const level = region.getByTestId('overlay-slice-level');
    if (await level.textContent()) {
      const lb = await boxOf(level);
      expect(overlaps(corner, lb), `${pane}: the corner overlay clears "${await level.textContent()}"`).toBe(
        false,
      );
    }
    for (const t of await region.locator('[data-cornerstone-element] svg text').all()) {
      const tb = await t.boundingBox();
      if (tb)
        expect(overlaps(corner, tb), `${pane}: the corner overlay clears "${await t.textContent()}"`).toBe(
          false,
        );
    }
  }
}

/** Per pane: where Cornerstone maps the shown image's centre (CSS px in the element) and screen px per mm. */
interface ImageMapping {
  pane: string;
  centrePx: [number, number];
  elementPx: [number, number];
  pxPerMm: number;
  /** Screen px per mm of the image fitted to the element (the whole image shown, as large as it fits). */
  fitPxPerMm: number;
}

function imageMappings(page: Page): Promise<ImageMapping[]> {
  return page.evaluate(() => {
    type P3 = [number, number, number];
    interface Vp {
      element: { clientWidth: number; clientHeight: number };
      worldToCanvas(w: P3): [number, number];
      getImageData(): { dimensions: number[]; spacing: number[]; origin: number[]; direction: number[] };
    }
    const api = (globalThis as unknown as { spinegradeViewer: { getViewport(p: string): Vp | null } })
      .spinegradeViewer;
    return (['sagittalT2', 'sagittalT1', 'axialT2'] as const).map((pane) => {
      const vp = api.getViewport(pane);
      if (!vp)
        return { pane, centrePx: [-1, -1], elementPx: [0, 0], pxPerMm: 0, fitPxPerMm: 0 } as ImageMapping;
      const { dimensions: n, spacing: s, origin: o, direction: d } = vp.getImageData();
      const at = (i: number, j: number): P3 =>
        [0, 1, 2].map((a) => o[a] + i * s[0] * d[a] + j * s[1] * d[3 + a]) as P3;
      const ci = (n[0] - 1) / 2;
      const cj = (n[1] - 1) / 2;
      const c = vp.worldToCanvas(at(ci, cj));
      const e = vp.worldToCanvas(at(ci + 10 / s[0], cj));
      return {
        pane,
        centrePx: c,
        elementPx: [vp.element.clientWidth, vp.element.clientHeight],
        pxPerMm: Math.hypot(e[0] - c[0], e[1] - c[1]) / 10,
        fitPxPerMm: Math.min(vp.element.clientWidth / (n[0] * s[0]), vp.element.clientHeight / (n[1] * s[1])),
      };
    });
  });
}

/**
 * The image is fitted and centred in each pane, so Cornerstone must map the image's centre to the pane's
 * centre: annotations (reference lines, labels, markers) are drawn where the image shows their point.
 */
async function expectImageCentred(page: Page): Promise<ImageMapping[]> {
  const maps = await imageMappings(page);
  for (const m of maps) {
    expect(Math.abs(m.centrePx[0] - m.elementPx[0] / 2), `${m.pane}: image centre x`).toBeLessThan(2);
    expect(Math.abs(m.centrePx[1] - m.elementPx[1] / 2), `${m.pane}: image centre y`).toBeLessThan(2);
  }
  return maps;
}

/** A Ctrl+drag of 40 px upwards on the axial pane zooms out by a step (not to a speck), then R refits it. */
async function expectZoomStep(page: Page): Promise<void> {
  const pane = page.getByRole('region', { name: 'Axial T2 viewer', exact: true });
  const b = await boxOf(pane.locator('[data-cornerstone-element]'));
  const before = (await imageMappings(page))[2].pxPerMm;
  await ctrlDragUp(page, b, 40, 4);
  await expect
    .poll(async () => (await imageMappings(page))[2].pxPerMm / before, {
      message: 'zoom ratio after the drag',
    })
    .toBeLessThan(0.97);
  const ratio = (await imageMappings(page))[2].pxPerMm / before;
  expect(ratio, 'one zoom step, not a collapse of the image').toBeGreaterThan(0.5);
  await pane.focus();
  await page.keyboard.press('r');
  await expect
    .poll(
      async () => {
        const m = (await imageMappings(page))[2];
        return Math.abs(m.pxPerMm / m.fitPxPerMm - 1);
      },
      { message: 'R fits the image to the pane again' },
    )
    .toBeLessThan(0.03);
  await expectImageCentred(page);
  await page.mouse.move(1, 1);
}

/** The stored patient name of a phantom as a reader sees it (DICOM PN components as words). */
async function patientNameOf(page: Page, p: Phantom): Promise<string> {
  const item = (await call<StudyListItem[]>(page, 'listStudies')).find(
    (s) => s.study.studyInstanceUid === p.truth.studyInstanceUid,
  );
  const name = personName(item?.study.patientName ?? '');
  expect(name, 'the phantom has a patient name').toMatch(/^PHANTOM (JOHN|JANE) \d+$/);
  return name;
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
  await expectFindingsColumnFits(page, { width: 1280, height: 800 });
  await expectPatientNamesWhole(page, await patientNameOf(page, severe));
  await expectCanvasesFit(page);
  await screenshot(page, 'layout-1280x800');
  await expectOverrideFormInView(page);
});

test('1366x768: the findings column keeps the summary, the 25 cells and the sign-off bar on screen; whole names', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openSevere(page);
  await expectGridFits(page, { width: 1366, height: 768 });
  await expectFindingsColumnFits(page, { width: 1366, height: 768 });
  await expectPatientNamesWhole(page, await patientNameOf(page, severe));
  await screenshot(page, 'layout-1366x768');
  await expectOverrideFormInView(page);
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
      // The panes were laid out with the list shown, then it folded away: the canvases followed, and
      // Cornerstone still maps the image to where it is drawn (annotations on their point) and zooms by steps.
      await expectCanvasesFit(page);
      await expectImageCentred(page);
      await expectZoomStep(page);
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
      await expectImageCentred(page);
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
