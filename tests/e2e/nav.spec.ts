// 3D navigation through the browser host on a phantom study: reference lines on both sagittals that
// follow the axial's scrolling (CPU and WebGL paths), the shift-click 3D cursor from the L4/L5 disc on
// the sagittal T2 to the axial, level labels, linked sagittal scrolling and its toggle, the series chooser.
import { rmSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { StackDetail, StudyDetail } from '../../main/shared/apiWorkspace';
import { cross, dot, normalize, sub, type Vec3 } from '../../main/shared/vec3';
import { hostUrl } from './hostUrl';
import { call, makePhantom, openByPath, screenshot, type Phantom } from './workspaceHelpers';

const PANES = ['Sagittal T2 viewer', 'Sagittal T1 viewer', 'Axial T2 viewer'] as const;
type PaneId = 'sagittalT2' | 'sagittalT1' | 'axialT2';

let phantom: Phantom;
test.beforeAll(async () => {
  phantom = await makePhantom('e2e-nav-1');
});
test.afterAll(() => {
  if (phantom) rmSync(phantom.dir, { recursive: true, force: true });
});

const region = (page: Page, name: string): Locator => page.getByRole('region', { name, exact: true });
const normalOf = (s: StackDetail): Vec3 => normalize(cross(s.geometry.direction[0], s.geometry.direction[1]));
const spacingOf = (s: StackDetail): number => {
  const p = s.geometry.slicePositionsLps;
  return p.length > 1
    ? Math.abs(dot(sub(p[p.length - 1], p[0]), normalOf(s))) / (p.length - 1)
    : s.geometry.spacingMm[2];
};
/** What the thumbnail check reads of a canvas (no DOM types in the test's tsconfig). */
interface CanvasLike {
  width: number;
  height: number;
  getContext(
    kind: '2d',
  ): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}

/** Slice of a stack nearest a patient point (the test's own maths). */
function nearestSlice(stack: StackDetail, p: Vec3): number {
  const n = normalOf(stack);
  const d = stack.geometry.slicePositionsLps.map((q) => Math.abs(dot(sub(p, q), n)));
  return d.indexOf(Math.min(...d));
}

async function openStudy(page: Page, renderPath?: 'cpu' | 'gpu'): Promise<StudyDetail> {
  if (renderPath)
    await page.addInitScript(
      (p) =>
        (
          globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }
        ).localStorage.setItem('spinegrade.renderPath', p),
      renderPath,
    );
  await page.goto(hostUrl());
  await openByPath(page, phantom.studyPath);
  for (const name of PANES)
    await expect(region(page, name)).toHaveAttribute('data-voi', /^\d/, { timeout: 30_000 });
  if (renderPath) await expect(region(page, PANES[0])).toHaveAttribute('data-render-path', renderPath);
  return call<StudyDetail>(page, 'getStudyDetail', { studyInstanceUid: phantom.truth.studyInstanceUid });
}

async function paneStack(page: Page, name: string, detail: StudyDetail): Promise<StackDetail> {
  const r = region(page, name);
  const uid = await r.getAttribute('data-series-uid');
  const index = Number(await r.getAttribute('data-stack-index'));
  const s = detail.series
    .flatMap((x) => x.stacks)
    .find((x) => x.seriesInstanceUid === uid && x.stackIndex === index);
  if (!s) throw new Error(`${name} shows no stack of the study`);
  return s;
}

/** Canvas point -> patient point on a pane's viewport, through the viewer API the page exposes. */
/** Open the study and read both sagittal panes and their stacks; linking is on as the app starts. */
async function openLinkedSagittals(
  page: Page,
): Promise<{ t2: Locator; t1: Locator; t2Stack: StackDetail; t1Stack: StackDetail }> {
  const detail = await openStudy(page);
  const t2 = region(page, 'Sagittal T2 viewer');
  const t1 = region(page, 'Sagittal T1 viewer');
  await expect(t2).toHaveAttribute('data-linked-scroll', 'on');
  const t2Stack = await paneStack(page, 'Sagittal T2 viewer', detail);
  const t1Stack = await paneStack(page, 'Sagittal T1 viewer', detail);
  return { t2, t1, t2Stack, t1Stack };
}

function canvasToWorld(page: Page, pane: PaneId, xy: [number, number]): Promise<Vec3> {
  return page.evaluate(
    ([p, c]) => {
      const api = (
        globalThis as unknown as {
          spinegradeViewer: { getViewport(p: string): { canvasToWorld(c: number[]): number[] } };
        }
      ).spinegradeViewer;
      return api.getViewport(p).canvasToWorld(c) as unknown as [number, number, number];
    },
    [pane, xy] as const,
  );
}

/** The stored analysis' level point of `level` on the sagittal T2 (its positionLps). */
async function levelPointOf(page: Page, level: string): Promise<Vec3> {
  type Item = { study: { studyInstanceUid: string }; analyses: Array<{ analysisId: string }> };
  const item = (await call<Item[]>(page, 'listStudies')).find(
    (s) => s.study.studyInstanceUid === phantom.truth.studyInstanceUid,
  );
  const bundle = await call<{ analysis: { levelPoints: Array<{ level: string; positionLps: Vec3 }> } }>(
    page,
    'getAnalysis',
    {
      analysisId: item?.analyses[0].analysisId,
    },
  );
  const p = bundle.analysis.levelPoints.find((q) => q.level === level);
  if (!p) throw new Error(`the analysis has no ${level} level point`);
  return p.positionLps;
}

/** Page coordinates of a patient point on a pane moved to slice k, through the viewport's worldToCanvas. */
function screenPointOn(page: Page, pane: PaneId, pointLps: Vec3, k: number): Promise<[number, number]> {
  return page.evaluate(
    async ([p, kk, w]) => {
      const api = (
        globalThis as unknown as {
          spinegradeViewer: {
            goToSlice(p: string, k: number): Promise<void>;
            getViewport(p: string): {
              worldToCanvas(w: number[]): number[];
              element: { getBoundingClientRect(): { left: number; top: number } };
            };
          };
        }
      ).spinegradeViewer;
      await api.goToSlice(p, kk);
      const vp = api.getViewport(p);
      const r = vp.element.getBoundingClientRect();
      const c = vp.worldToCanvas([...w]);
      return [r.left + c[0], r.top + c[1]] as [number, number];
    },
    [pane, k, pointLps] as const,
  );
}

/** Middle of the axial's reference line on a sagittal pane (SVG canvas pixels). */
async function axialLineMid(page: Page, name: string): Promise<[number, number]> {
  const line = region(page, name).locator('svg line[data-id="reference-line-axialT2"]');
  await expect(line).toHaveCount(1);
  const [x1, y1, x2, y2] = await Promise.all(
    ['x1', 'y1', 'x2', 'y2'].map(async (a) => Number(await line.getAttribute(a))),
  );
  return [(x1 + x2) / 2, (y1 + y2) / 2];
}

for (const path of ['cpu', 'gpu'] as const) {
  test(`reference lines on both sagittals lie on the axial's slice and follow its scrolling (${path} path)`, async ({
    page,
  }) => {
    const detail = await openStudy(page, path);
    const sag = { 'Sagittal T2 viewer': 'sagittalT2', 'Sagittal T1 viewer': 'sagittalT1' } as const;
    await expect(region(page, 'Axial T2 viewer')).toHaveAttribute('data-reference-lines', '2');
    const ax = region(page, 'Axial T2 viewer');
    const axStack = await paneStack(page, 'Axial T2 viewer', detail);
    const n = normalOf(axStack);
    const before: Record<string, number> = {};
    const check = async (k: number): Promise<void> => {
      for (const [name, pane] of Object.entries(sag)) {
        await expect(region(page, name)).toHaveAttribute('data-reference-lines', '1');
        const world = await canvasToWorld(page, pane, await axialLineMid(page, name));
        const offMm = dot(sub(world, axStack.geometry.slicePositionsLps[k]), n);
        expect(Math.abs(offMm), `${name}: line ${offMm.toFixed(2)} mm from axial slice ${k}`).toBeLessThan(1);
      }
    };
    const k0 = Number(await ax.getAttribute('data-slice-index'));
    await check(k0);
    for (const name of Object.keys(sag)) before[name] = (await axialLineMid(page, name))[1];
    await ax.focus();
    const steps = 3;
    const down = k0 + steps < axStack.geometry.dims[2];
    for (let i = 0; i < steps; i++) await page.keyboard.press(down ? 'ArrowDown' : 'ArrowUp');
    const k1 = down ? k0 + steps : k0 - steps;
    await expect(ax).toHaveAttribute('data-slice-index', String(k1));
    for (const name of Object.keys(sag)) {
      await expect
        .poll(async () => Math.abs((await axialLineMid(page, name))[1] - before[name]), {
          message: `${name} line moved`,
        })
        .toBeGreaterThan(2);
    }
    await check(k1);
    await screenshot(page, `nav-reference-lines-${path}`);
  });
}

test('shift-click at the L4/L5 disc on the sagittal T2 moves the axial within one slice spacing of it and marks it', async ({
  page,
}) => {
  const detail = await openStudy(page);
  const disc = phantom.truth.levels.l4_l5.discCenterLps as Vec3;
  const t2 = region(page, 'Sagittal T2 viewer');
  await expect(t2).toHaveAttribute('data-level-labels', '5');
  await expect(region(page, 'Sagittal T1 viewer')).toHaveAttribute('data-level-labels', '5');
  const t2Stack = await paneStack(page, 'Sagittal T2 viewer', detail);
  const kSag = nearestSlice(t2Stack, disc);
  const [x, y] = await screenPointOn(page, 'sagittalT2', disc, kSag);
  await expect(t2).toHaveAttribute('data-slice-index', String(kSag));
  const ax = region(page, 'Axial T2 viewer');
  // Somewhere else first, so the click has to move it.
  await page.evaluate(() =>
    (
      globalThis as unknown as { spinegradeViewer: { goToSlice(p: string, k: number): Promise<void> } }
    ).spinegradeViewer.goToSlice('axialT2', 0),
  );
  await expect(ax).toHaveAttribute('data-slice-index', '0');
  await page.keyboard.down('Shift');
  await page.mouse.click(x, y);
  await page.keyboard.up('Shift');
  await expect(ax).toHaveAttribute('data-marker', 'shown');
  await expect(t2).toHaveAttribute('data-marker', 'shown');
  const axStack = await paneStack(page, 'Axial T2 viewer', detail);
  const k = Number(await ax.getAttribute('data-slice-index'));
  const offMm = dot(sub(disc, axStack.geometry.slicePositionsLps[k]), normalOf(axStack));
  expect(
    Math.abs(offMm),
    `axial slice ${k} is ${offMm.toFixed(2)} mm from the L4/L5 disc`,
  ).toBeLessThanOrEqual(spacingOf(axStack));
  // The level text is measured at the analysis' level point (in the canal): an axial tilted against the disc
  // cuts the canal a few mm off the disc when it goes through the disc centre, so only "L4/L5" is sure here.
  await expect(ax).toHaveAttribute('data-slice-level', /L4\/L5/);
  await screenshot(page, 'nav-cursor');

  // Shift-click the analysis' own L4/L5 point: the axial through it reads "L4/L5 disc".
  const level = await levelPointOf(page, 'l4_l5');
  await page.evaluate(() =>
    (
      globalThis as unknown as { spinegradeViewer: { goToSlice(p: string, k: number): Promise<void> } }
    ).spinegradeViewer.goToSlice('axialT2', 0),
  );
  await expect(ax).toHaveAttribute('data-slice-index', '0');
  const [lx, ly] = await screenPointOn(page, 'sagittalT2', level, nearestSlice(t2Stack, level));
  await page.keyboard.down('Shift');
  await page.mouse.click(lx, ly);
  await page.keyboard.up('Shift');
  await expect(ax).toHaveAttribute('data-slice-level', 'L4/L5 disc');
  // The level is written in the overlay's top-right column, under the position: clear of the patient's name.
  const levelText = ax.getByTestId('overlay-slice-level');
  await expect(levelText).toHaveText('L4/L5 disc');
  const [lb, nb] = [await levelText.boundingBox(), await ax.getByTestId('overlay-patient').boundingBox()];
  if (!lb || !nb) throw new Error('the level text or the patient name has no box');
  expect(lb.x, 'the level text starts right of the patient name').toBeGreaterThanOrEqual(nb.x + nb.width);
  const ax2 = await paneStack(page, 'Axial T2 viewer', detail);
  const k2 = Number(await ax.getAttribute('data-slice-index'));
  expect(Math.abs(dot(sub(level, ax2.geometry.slicePositionsLps[k2]), normalOf(ax2)))).toBeLessThanOrEqual(
    spacingOf(ax2) / 2 + 0.5,
  );
});

test('linked scrolling moves the sagittal T1 with the T2 by patient position, and not when the toggle is off', async ({
  page,
}) => {
  const { t2, t1, t2Stack, t1Stack } = await openLinkedSagittals(page);
  const k0 = Number(await t2.getAttribute('data-slice-index'));
  const dir = k0 + 6 < t2Stack.geometry.dims[2] ? 1 : -1;
  await t2.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press(dir > 0 ? 'ArrowDown' : 'ArrowUp');
  const k1 = k0 + 3 * dir;
  await expect(t2).toHaveAttribute('data-slice-index', String(k1));
  const centre = (k: number): Vec3 => t2Stack.geometry.slicePositionsLps[k];
  await expect(t1).toHaveAttribute('data-slice-index', String(nearestSlice(t1Stack, centre(k1))));
  const j1 = Number(await t1.getAttribute('data-slice-index'));

  // A move that is not the reader scrolling this pane (a cell jump, the 3D cursor, the API) is not linked.
  const kApi = k1 + 3 * dir;
  await page.waitForTimeout(1600);
  await page.evaluate(
    (k) =>
      (
        globalThis as unknown as { spinegradeViewer: { goToSlice(p: string, k: number): Promise<void> } }
      ).spinegradeViewer.goToSlice('sagittalT2', k),
    kApi,
  );
  await expect(t2).toHaveAttribute('data-slice-index', String(kApi));
  await page.waitForTimeout(1600);
  await expect(t1).toHaveAttribute('data-slice-index', String(j1));
  await page.evaluate(
    (k) =>
      (
        globalThis as unknown as { spinegradeViewer: { goToSlice(p: string, k: number): Promise<void> } }
      ).spinegradeViewer.goToSlice('sagittalT2', k),
    k1,
  );
  await expect(t2).toHaveAttribute('data-slice-index', String(k1));

  await page.getByRole('button', { name: 'Link sagittal scrolling' }).first().click();
  await expect(t2).toHaveAttribute('data-linked-scroll', 'off');
  await t2.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press(dir > 0 ? 'ArrowDown' : 'ArrowUp');
  await expect(t2).toHaveAttribute('data-slice-index', String(k1 + 3 * dir));
  expect(nearestSlice(t1Stack, centre(k1 + 3 * dir)), 'linking would have moved T1').not.toBe(j1);
  await page.waitForTimeout(500);
  await expect(t1).toHaveAttribute('data-slice-index', String(j1));
});

/** The pane's data-slice-index once it has stopped changing (no change for `quietMs`). */
async function settledSlice(r: Locator, quietMs = 300): Promise<number> {
  let last = await r.getAttribute('data-slice-index');
  for (let i = 0; i < 40; i++) {
    await r.page().waitForTimeout(quietMs);
    const now = await r.getAttribute('data-slice-index');
    if (now === last) return Number(now);
    last = now;
  }
  throw new Error('the slice index did not settle');
}

test('after a fast burst of wheel steps on the T2 the linked T1 ends at the slice nearest the T2 position', async ({
  page,
}) => {
  const { t2, t1, t2Stack, t1Stack } = await openLinkedSagittals(page);
  const n = t2Stack.geometry.dims[2];
  // One wheel step per frame on the T2 element: the T2 renders every frame, faster than the T1 can follow
  // (its move renders in the frame after), so linking has to coalesce and must still end on the last target.
  const burst = (deltaY: number): Promise<void> =>
    t2.locator('[data-cornerstone-element]').evaluate(
      (el, [dy, steps]) =>
        new Promise<void>((done) => {
          const g = globalThis as unknown as {
            requestAnimationFrame(cb: () => void): void;
            WheelEvent: new (type: string, init: object) => object;
          };
          const r = el.getBoundingClientRect();
          let i = 0;
          const step = (): void => {
            if (i++ === steps) return done();
            const init = {
              deltaY: dy,
              deltaMode: 0,
              bubbles: true,
              cancelable: true,
              clientX: r.left + r.width / 2,
              clientY: r.top + r.height / 2,
            };
            el.dispatchEvent(new g.WheelEvent('wheel', init) as Event);
            g.requestAnimationFrame(step);
          };
          step();
        }),
      [deltaY, n] as const,
    );
  for (const dy of [100, -100, 100]) {
    const before = Number(await t2.getAttribute('data-slice-index'));
    await burst(dy);
    const k = await settledSlice(t2);
    expect(k, `the burst (deltaY ${dy}) moved the T2`).not.toBe(before);
    const want = nearestSlice(t1Stack, t2Stack.geometry.slicePositionsLps[k]);
    await expect(t1, `T1 after a burst ending at T2 slice ${k}`).toHaveAttribute(
      'data-slice-index',
      String(want),
    );
  }
});

test('the series chooser lists every stack with a thumbnail and puts the chosen one into the pane', async ({
  page,
}) => {
  const detail = await openStudy(page);
  const stacks = detail.series.flatMap((s) => s.stacks.map((st) => ({ s, st })));
  await page.getByRole('button', { name: 'Choose series for Sagittal T1' }).click();
  const dialog = page.getByRole('dialog', { name: 'Series for Sagittal T1 viewer' });
  await expect(dialog.getByRole('button')).toHaveCount(stacks.length);
  const thumbs = dialog.locator('canvas[data-thumbnail]');
  await expect(thumbs).toHaveCount(stacks.length);
  await expect
    .poll(() =>
      thumbs.evaluateAll(
        (cs) =>
          (cs as unknown as CanvasLike[]).filter((c) => {
            const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
            if (!d || c.width < 8) return false;
            let lit = 0;
            for (let i = 0; i < d.length; i += 4) if (d[i] > 30) lit++;
            return lit / (d.length / 4) > 0.05;
          }).length,
      ),
    )
    .toBe(stacks.length);
  const axial = stacks.find(({ s }) => s.role === 'Axial T2');
  if (!axial) throw new Error('the phantom has no axial series');
  await dialog
    .getByRole('button', { name: new RegExp(`\\(series ${axial.s.seriesNumber}[,)]`) })
    .first()
    .click();
  await expect(dialog).toHaveCount(0);
  const t1 = region(page, 'Sagittal T1 viewer');
  await expect(t1).toHaveAttribute('data-series-uid', axial.s.seriesInstanceUid);
  // The heading follows the series shown (the region keeps the pane's name); before, it still said Sagittal T1.
  await expect(t1.getByTestId('pane-heading')).toHaveText('Axial T2');
  await expect(t1.getByTestId('pane-heading')).toHaveAttribute(
    'title',
    /Sagittal T1 pane, showing another series/,
  );
  await expect(t1).toHaveAttribute('data-slice-count', String(axial.st.geometry.dims[2]));
  await expect(t1).toHaveAttribute('data-voi', /^\d/);
  // An axial in the T1 pane is cut by the sagittal T2's plane: its reference line is drawn there.
  await expect(t1).toHaveAttribute('data-reference-lines', /^[12]$/);
  await screenshot(page, 'nav-series-chooser');
});
