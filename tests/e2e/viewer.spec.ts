// The Cornerstone3D viewports through the browser host on a phantom study: images on all three panes,
// cell clicks move every pane to the finding's key slice (own stack) or the slice through the same
// patient point (other planes) with the marker drawn, W/L drag, keyboard scroll, length in mm.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { AnalysisBundle } from '../../main/shared/analysis';
import type { StackDetail, StudyDetail } from '../../main/shared/apiWorkspace';
import type { StudyListItem } from '../../main/shared/apiRecords';
import type { Finding } from '../../main/shared/findings';
import { cross, dot, normalize, sub, type Vec3 } from '../../main/shared/vec3';
import { hostUrl } from './hostUrl';
import {
  call,
  cellOf,
  ctrlDragUp,
  makePhantom,
  openByPath,
  screenshot,
  startOwnHost,
  type Phantom,
} from './workspaceHelpers';

const PANES = ['Sagittal T2 viewer', 'Sagittal T1 viewer', 'Axial T2 viewer'] as const;

let phantom: Phantom;
test.beforeAll(async () => {
  phantom = await makePhantom('e2e-viewer-3');
});
test.afterAll(() => {
  if (phantom) rmSync(phantom.dir, { recursive: true, force: true });
});

const region = (page: Page, name: string): Locator => page.getByRole('region', { name, exact: true });

/** Share of canvas pixels brighter than near-black in a pane's Cornerstone canvas. */
async function litFraction(page: Page, name: string): Promise<number> {
  return region(page, name)
    .locator('[data-cornerstone-element] canvas')
    .first()
    .evaluate((el) => {
      type Ctx = { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } };
      const c = el as unknown as { width: number; height: number; getContext(t: '2d'): Ctx | null };
      const ctx = c.getContext('2d');
      if (!ctx || c.width === 0) return 0;
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let lit = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] > 30) lit++;
      return lit / (d.length / 4);
    });
}

/** Slice of a stack nearest a patient point (the test's own maths, from the contract's geometry). */
function nearestSlice(stack: StackDetail, p: Vec3): number {
  const [u, v] = stack.geometry.direction;
  const n = normalize(cross(u, v));
  const d = stack.geometry.slicePositionsLps.map((q) => Math.abs(dot(sub(p, q), n)));
  return d.indexOf(Math.min(...d));
}

async function openStudy(
  page: Page,
  renderPath = 'auto',
): Promise<{ detail: StudyDetail; bundle: AnalysisBundle }> {
  await page.addInitScript((s) => {
    const g = globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } };
    g.localStorage.setItem('spinegrade.renderPath', s);
  }, renderPath);
  await page.goto(hostUrl());
  await openByPath(page, phantom.studyPath);
  const uid = phantom.truth.studyInstanceUid;
  const detail = await call<StudyDetail>(page, 'getStudyDetail', { studyInstanceUid: uid });
  const item = (await call<StudyListItem[]>(page, 'listStudies')).find(
    (s) => s.study.studyInstanceUid === uid,
  );
  const bundle = await call<AnalysisBundle>(page, 'getAnalysis', {
    analysisId: item?.analyses[0].analysisId,
  });
  for (const name of PANES)
    await expect(region(page, name)).toHaveAttribute('data-voi', /^\d/, { timeout: 30_000 });
  return { detail, bundle };
}

// 'auto' picks the CPU path on this machine's software WebGL (SwiftShader); 'gpu' forces Cornerstone's WebGL path.
for (const renderPath of ['auto', 'gpu'] as const)
  test(`three panes render images; five cell clicks put every pane on the key slice with the marker (${renderPath} path)`, async ({
    page,
  }) => {
    const { detail, bundle } = await openStudy(page, renderPath);
    for (const name of PANES) {
      await expect(region(page, name)).toHaveAttribute(
        'data-render-path',
        renderPath === 'auto' ? /^(cpu|gpu)$/ : renderPath,
      );
      expect(await litFraction(page, name), `${name} shows an image`).toBeGreaterThan(0.05);
    }
    const stacks = detail.series.flatMap((s) => s.stacks);
    const withLoc = bundle.analysis.findings.filter(
      (f): f is Finding & { keyLocation: NonNullable<Finding['keyLocation']> } => f.keyLocation !== null,
    );
    const picks = [0, 6, 12, 18, 24].map((i) => withLoc[Math.round((i / 24) * (withLoc.length - 1))]);
    expect(new Set(picks.map((f) => `${f.condition}/${f.level}`)).size).toBe(5);
    for (const f of picks) {
      await cellOf(page, f.condition, f.level).click();
      const loc = f.keyLocation;
      for (const name of PANES) {
        const r = region(page, name);
        const seriesUid = await r.getAttribute('data-series-uid');
        const stackIndex = Number(await r.getAttribute('data-stack-index'));
        if (seriesUid === loc.seriesInstanceUid) {
          await expect(r, `${name} at the key slice of ${f.condition} ${f.level}`).toHaveAttribute(
            'data-slice-index',
            String(loc.sliceIndex),
          );
          await expect(r).toHaveAttribute('data-marker', 'shown');
        } else {
          const stack = stacks.find((s) => s.seriesInstanceUid === seriesUid && s.stackIndex === stackIndex);
          expect(stack, `${name} shows a stack of the study`).toBeDefined();
          const want = nearestSlice(stack as StackDetail, loc.positionLps);
          await expect(r, `${name} through the point of ${f.condition} ${f.level}`).toHaveAttribute(
            'data-slice-index',
            String(want),
          );
        }
      }
    }
    await screenshot(page, `viewer-jump-${renderPath}`);
  });

/** Resolves after the page has drawn two more frames (its queued input is handled by then). */
async function twoFrames(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        const g = globalThis as unknown as { requestAnimationFrame(cb: () => void): number };
        const raf = (cb: () => void): number => g.requestAnimationFrame(cb);
        raf(() => raf(() => done()));
      }),
  );
}

test('zoom moves the scale bar; W/L drag changes the VOI and stays through scrolling; keys scroll; length reads pixels x PixelSpacing', async ({
  page,
}) => {
  const { detail } = await openStudy(page);
  const ax = region(page, 'Axial T2 viewer');
  const el = ax.locator('[data-cornerstone-element]');
  const box = await el.boundingBox();
  if (!box) throw new Error('no axial element');
  // Ctrl + drag zooms; the mm scale bar follows the zoom (it is redrawn on camera changes only).
  const bar = ax.getByTestId('scale-bar');
  const barBefore = await bar.evaluate((el) => (el as unknown as { style: { width: string } }).style.width);
  await ctrlDragUp(page, box, 120, 6);
  await expect
    .poll(() => bar.evaluate((el) => (el as unknown as { style: { width: string } }).style.width))
    .not.toBe(barBefore);
  await page.keyboard.press('r');

  const voi0 = await ax.getAttribute('data-voi');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2 + 40, { steps: 6 });
  await page.mouse.up();
  await expect(ax).not.toHaveAttribute('data-voi', voi0 ?? '');

  await ax.focus();
  const k0 = Number(await ax.getAttribute('data-slice-index'));
  const n = Number(await ax.getAttribute('data-slice-count'));
  const step = k0 < n - 1 ? 'ArrowDown' : 'ArrowUp';
  await page.keyboard.press(step);
  await expect(ax).toHaveAttribute('data-slice-index', String(step === 'ArrowDown' ? k0 + 1 : k0 - 1));
  // The window stays through scrolling; preset 1 is the automatic window again.
  const dragged = await ax.getAttribute('data-voi');
  expect(dragged).not.toBe(voi0);
  await page.keyboard.press('1');
  await expect(ax).toHaveAttribute('data-voi', voi0 ?? '');
  await page.keyboard.press('End');
  await expect(ax).toHaveAttribute('data-slice-index', String(n - 1));
  await page.keyboard.press('Home');
  await expect(ax).toHaveAttribute('data-slice-index', '0');
  await page.keyboard.press('PageDown');
  await expect(ax).toHaveAttribute('data-slice-index', String(Math.min(n - 1, 5)));

  // Two pixels 60 columns apart on the current slice's middle row: 60 x column spacing (mm).
  const seriesUid = await ax.getAttribute('data-series-uid');
  const stackIndex = Number(await ax.getAttribute('data-stack-index'));
  const stack = detail.series
    .flatMap((s) => s.stacks)
    .find((s) => s.seriesInstanceUid === seriesUid && s.stackIndex === stackIndex) as StackDetail;
  const k = Number(await ax.getAttribute('data-slice-index'));
  const g = stack.geometry;
  const [cols, rows] = g.dims;
  const pixels = 60;
  const at = (i: number, j: number): Vec3 => {
    const o = g.slicePositionsLps[k];
    const [u, v] = g.direction;
    return [0, 1, 2].map(
      (a) => o[a] + i * g.spacingMm[0] * u[a] + j * g.spacingMm[1] * v[a],
    ) as unknown as Vec3;
  };
  const i0 = Math.round(cols / 2 - pixels / 2);
  const j0 = Math.round(rows / 2);
  // Length mode first: nothing may move on screen between reading the coordinates and the drag.
  await page.keyboard.press('l');
  await expect(page.getByRole('button', { name: 'Length', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const [a, b] = await page.evaluate(
    ([p, q]) => {
      type Rect = { left: number; top: number };
      type Vp = { worldToCanvas(w: readonly number[]): number[]; element: { getBoundingClientRect(): Rect } };
      const api = (globalThis as unknown as { spinegradeViewer: { getViewport(p: string): Vp } })
        .spinegradeViewer;
      const vp = api.getViewport('axialT2');
      const r = vp.element.getBoundingClientRect();
      return [p, q].map((w) => {
        const c = vp.worldToCanvas(w);
        return [r.left + c[0], r.top + c[1]];
      });
    },
    [at(i0, j0), at(i0 + pixels, j0)] as const,
  );
  await page.mouse.move(a[0], a[1]);
  await page.mouse.down();
  await page.mouse.move((a[0] + b[0]) / 2, a[1], { steps: 4 });
  await page.mouse.move(b[0], b[1], { steps: 4 });
  // On a loaded machine the page may not have handled every synthetic move yet: let two frames pass, then
  // touch the end point again, so the drag ends where the mouse is released (as a real hand's last moves do).
  await twoFrames(page);
  await page.mouse.move(b[0] + 0.25, b[1]);
  await page.mouse.move(b[0], b[1]);
  await twoFrames(page);
  await page.mouse.up();
  const item = page.getByRole('list', { name: 'Length measurements' }).locator('[data-length-mm]');
  await expect(item).toHaveCount(1);
  const mm = Number(await item.getAttribute('data-length-mm'));
  expect(
    Math.abs(mm - pixels * g.spacingMm[0]),
    `${mm} mm vs ${pixels} px x ${g.spacingMm[0]} mm`,
  ).toBeLessThan(1);
  await screenshot(page, 'viewer-tools');
  await item.getByRole('button', { name: /Delete measurement/ }).click();
  await expect(item).toHaveCount(0);
});

test('files changed or gone after import: the slice is named black, an unreadable series says why', async ({
  page,
}) => {
  const storeDir = mkdtempSync(path.join(os.tmpdir(), 'spinegrade-e2e-viewer-store-'));
  const own = makePhantom('e2e-viewer-4');
  let host = await startOwnHost(storeDir);
  const ph = await own;
  try {
    await page.goto(host.url);
    await openByPath(page, ph.studyPath);
    const detail = await call<StudyDetail>(page, 'getStudyDetail', {
      studyInstanceUid: ph.truth.studyInstanceUid,
    });
    await host.stop();
    const folderOf = (uid: string): string =>
      path.join(ph.studyPath, String(ph.truth.series.find((s) => s.seriesInstanceUid === uid)?.seriesId));
    // Slice k of every axial stack (a study may have one stack per disc; the pane opens one of them).
    const axials = (detail.series.find((s) => s.role === 'Axial T2')?.stacks ?? []) as StackDetail[];
    const t1 = detail.series.find((s) => s.role === 'Sagittal T1');
    const k = 2;
    expect(axials.length).toBeGreaterThan(0);
    for (const axial of axials) {
      expect(axial.instanceNumbers.length).toBeGreaterThan(k);
      const file = path.join(folderOf(axial.seriesInstanceUid), `${axial.instanceNumbers[k]}.dcm`);
      const bytes = readFileSync(file);
      for (let i = bytes.length - 2000; i < bytes.length; i++) bytes[i] ^= 0x5a;
      writeFileSync(file, bytes);
    }
    rmSync(folderOf(t1?.seriesInstanceUid ?? ''), { recursive: true });

    host = await startOwnHost(storeDir);
    await page.goto(host.url);
    await page.getByRole('searchbox', { name: 'Search studies' }).fill(String(ph.truth.studyId));
    await page.getByRole('list', { name: 'Stored studies' }).getByRole('button').click();
    const ax = region(page, 'Axial T2 viewer');
    await expect(ax.getByTestId('overlay-failed-slices')).toHaveText(
      /^1 of \d+ slices could not be read and are shown black\.$/,
      { timeout: 30_000 },
    );
    const count = String(await ax.getAttribute('data-slice-count'));
    expect(axials.map((a) => String(a.geometry.dims[2]))).toContain(count);
    await expect(ax.getByTestId('overlay-failed-slices')).toHaveText(
      `1 of ${count} slices could not be read and are shown black.`,
    );
    await ax.focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < k; i++) await page.keyboard.press('ArrowDown');
    await expect(ax).toHaveAttribute('data-slice-index', String(k));
    await expect(ax).toContainText(`Slice ${k + 1} could not be read:`);
    const t1Pane = region(page, 'Sagittal T1 viewer');
    await expect(t1Pane).toContainText('No Sagittal T1 series could be read:');
    await screenshot(page, 'viewer-unreadable');
  } finally {
    await host.stop();
    rmSync(storeDir, { recursive: true, force: true });
    rmSync((await own).dir, { recursive: true, force: true });
  }
});
