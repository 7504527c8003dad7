/**
 * The app half of `npm run bench:viewer`: the production renderer through the real host. Typed path to 25
 * cells, first image, 100 wheel steps and 100 setImageIdIndex on the Sagittal T2 viewport, cell jumps,
 * getAppInfo round trips while a second study is analysed. In-page code is passed as text.
 */
import type { Page } from 'playwright-core';
import type { StudyListItem } from '../../main/shared/apiRecords';
import type { StudyDetail } from '../../main/shared/apiWorkspace';
import type { ProbeLogEntry } from './probe';
import { sliceRenderRun, waitIn, wheelRun, type WheelRun } from './measure';
import { wheelSchedule } from './stats';

const probeLog = (page: Page): Promise<ProbeLogEntry[]> => page.evaluate('window.__probe.log.slice()') as Promise<ProbeLogEntry[]>;

/** One contract call from the page (same origin and cookie as the UI); throws on an error Result. */
export async function call<T>(page: Page, method: string, arg?: unknown): Promise<T> {
  const fn = `async ([m, a]) => (await fetch('/api/' + m, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: a === null ? '' : JSON.stringify(a) })).json()`;
  const r = (await page.evaluate(`(${fn})(${JSON.stringify([method, arg ?? null])})`)) as { ok: boolean; value: T; error?: { message: string } };
  if (!r.ok) throw new Error(`${method}: ${r.error?.message ?? 'failed'}`);
  return r.value;
}

export interface OpenTimes {
  dropToGridMs: number;
  /** getStudyDetail issued (the study opens in the viewer) to the first IMAGE_RENDERED of any pane. */
  firstImageMs: number | null;
  /** Open click to the first IMAGE_RENDERED. */
  firstImageFromOpenMs: number | null;
  /** Where drop_to_grid_ms goes: each API call the page made from Open to the 25 cells (start/end from the click). */
  apiCalls: ApiCall[];
}

/** Type the study path into "Study folder", click Open, wait for 25 cells and the first image. */
export async function openStudy(page: Page, studyPath: string): Promise<OpenTimes> {
  await page.getByLabel('Study folder', { exact: true }).fill(studyPath);
  const n = (await page.evaluate('window.__probe.log.length')) as number;
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  if (!(await waitIn(page, '() => window.__probe.gridAt !== null', null, 120_000, 50))) {
    throw new Error('the 25 findings cells did not appear within 120 s of Open');
  }
  const hasViewer = await waitIn(page, `(n) => window.__probe.log.slice(n).some((e) => e.kind === 'render')`, n, 30_000, 50);
  const log = (await probeLog(page)).slice(n);
  const click = log.find((e) => e.kind === 'click');
  const grid = log.find((e) => e.kind === 'grid');
  if (!click || !grid) throw new Error('the Open click or the 25 cells were not seen by the probe');
  const detail = log.find((e) => e.kind === 'api' && e.method === 'getStudyDetail');
  // The first render that shows a slice (the pane's data-slice-index is set), not an empty viewport's.
  const render = hasViewer ? log.find((e) => e.kind === 'render' && (e.k ?? -1) >= 0 && e.t >= (detail?.t ?? click.t)) : undefined;
  return {
    apiCalls: apiCalls(log, click.t, grid.t),
    dropToGridMs: grid.t - click.t,
    firstImageMs: render && detail ? render.t - detail.t : null,
    firstImageFromOpenMs: render ? render.t - click.t : null,
  };
}

export type ApiCall = { method: string; startMs: number; endMs: number | null; bodyEndMs?: number | null };

/** The page's API calls (but getAppInfo) started from t0 to tEnd, times relative to t0. */
function apiCalls(log: readonly ProbeLogEntry[], t0: number, tEnd: number): ApiCall[] {
  const rel = (t: number | null | undefined): number | null => (t === null || t === undefined ? null : Math.round((t - t0) * 10) / 10);
  return log
    .filter((e) => e.kind === 'api' && e.t >= t0 && e.t <= tEnd && e.method !== 'getAppInfo')
    .map((e) => ({ method: e.method ?? '', startMs: rel(e.t) ?? 0, endMs: rel(e.end), ...(e.bodyEnd ? { bodyEndMs: rel(e.bodyEnd) } : {}) }));
}

export interface PaneInfo {
  viewportId: string;
  seriesUid: string;
  stackIndex: number;
  sliceCount: number;
  sliceIndex: number;
  renderPath: string;
  widthPx: number;
  heightPx: number;
}

/** The data attributes and element size of a pane's region ("Sagittal T2 viewer"). */
export async function paneInfo(page: Page, regionName: string): Promise<PaneInfo> {
  const region = page.getByRole('region', { name: regionName, exact: true });
  const el = region.locator('[data-cornerstone-element]').first();
  const box = await el.boundingBox();
  const a = async (name: string): Promise<string> => (await region.getAttribute(name)) ?? '';
  return {
    viewportId: await a('data-viewport-id'),
    seriesUid: await a('data-series-uid'),
    stackIndex: Number(await a('data-stack-index')),
    sliceCount: Number(await a('data-slice-count')),
    sliceIndex: Number(await a('data-slice-index')),
    renderPath: await a('data-render-path'),
    widthPx: Math.round(box?.width ?? 0),
    heightPx: Math.round(box?.height ?? 0),
  };
}

/** 100 wheel steps on a pane (the probe logs renders under the region's data-viewport-id). */
export async function appScroll(page: Page, regionName: string, info: PaneInfo): Promise<WheelRun> {
  const region = page.getByRole('region', { name: regionName, exact: true });
  const el = region.locator('[data-cornerstone-element]').first();
  const current = async (): Promise<number> => Number(await region.getAttribute('data-slice-index'));
  return wheelRun(page, el, info.viewportId, info.sliceCount, current);
}

/**
 * The viewer API the renderer exposes for tests (window.spinegradeViewer, renderer/src/components/ViewerArea.tsx),
 * else any window property carrying getViewport + paneIds, as an in-page expression.
 */
export const VIEWER_API_EXPR = `(() => { if (window.spinegradeViewer) return window.spinegradeViewer; for (const k of Object.getOwnPropertyNames(window)) { try { const v = window[k]; if (v && typeof v === 'object' && typeof v.getViewport === 'function' && Array.isArray(v.paneIds)) return v; } catch {} } return null; })()`;

/** setImageIdIndex to IMAGE_RENDERED over 100 slices of the app's pane, or null without a viewer API hook. */
export async function appSliceRender(page: Page, pane: string, info: PaneInfo): Promise<{ ms: number[]; missed: number } | null> {
  const has = (await page.evaluate(`(${VIEWER_API_EXPR}) !== null`)) as boolean;
  if (!has) return null;
  const now = Number(await page.getByRole('region', { name: 'Sagittal T2 viewer', exact: true }).getAttribute('data-slice-index'));
  const ks = wheelSchedule(info.sliceCount, now, 100).expected;
  return sliceRenderRun(page, `(${VIEWER_API_EXPR}).getViewport(${JSON.stringify(pane)})`, ks);
}

/**
 * Re-open a stored, analysed study from the study list after a reload (no analysis running): list click to
 * the first render of one of its slices, and getStudyDetail to that render.
 */
export async function reopenFirstImage(page: Page, studyInstanceUid: string): Promise<{ fromClickMs: number; fromDetailMs: number | null; apiCalls: ApiCall[] } | null> {
  await page.reload();
  await page.getByLabel('Study folder', { exact: true }).waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1000);
  const studies = await call<StudyListItem[]>(page, 'listStudies');
  const item = studies.find((s) => s.study.studyInstanceUid === studyInstanceUid);
  if (!item) return null;
  const detail = await call<StudyDetail>(page, 'getStudyDetail', { studyInstanceUid });
  const series = detail.series.map((s) => s.seriesInstanceUid);
  await page.getByRole('searchbox', { name: 'Search studies' }).fill(item.study.patientId);
  const n = (await page.evaluate('window.__probe.log.length')) as number;
  await page.getByRole('list', { name: 'Stored studies' }).getByRole('button').first().click();
  const pred = `(([n, series]) => window.__probe.log.slice(n).some((e) => e.kind === 'render' && e.k >= 0 && series.includes(e.series)))`;
  if (!(await waitIn(page, pred, [n, series], 30_000, 20))) return null;
  const log = (await probeLog(page)).slice(n);
  const click = log.find((e) => e.kind === 'click');
  const open = log.find((e) => e.kind === 'api' && e.method === 'getStudyDetail');
  const render = log.find((e) => e.kind === 'render' && (e.k ?? -1) >= 0 && series.includes(e.series ?? ''));
  if (!click || !render) return null;
  return { fromClickMs: render.t - click.t, fromDetailMs: open ? render.t - open.t : null, apiCalls: apiCalls(log, click.t, render.t) };
}
