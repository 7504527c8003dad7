/**
 * The bare half of `npm run bench:viewer`: the Cornerstone3D page of scripts/bench-viewer/bare (no React, no
 * app code) on the app's pixels and rendering path, at the app viewport's size, measured like the app.
 */
import type { Browser } from 'playwright-core';
import { PROBE_SCRIPT } from './probe';
import { profiled, type ProfileSummary } from './profile';
import { heapMb, sliceRenderRun, waitIn, wheelRun, type WheelRun } from './measure';
import { wheelSchedule } from './stats';

export interface BareOptions {
  url: string;
  /** 'auto': the app's rule (CPU on a software rasteriser), for runs where the app viewer is missing. */
  renderPath: 'cpu' | 'gpu' | 'auto';
  widthPx: number;
  heightPx: number;
  start: number;
  /** One more wheel pass under the CPU profiler. */
  profile: boolean;
}

export interface BareResult {
  wheel: WheelRun;
  sliceRenderMs: number[];
  sliceRenderMissed: number;
  renderPath: string;
  softwareRasterizer: boolean;
  webglRenderer: string;
  heapMb: number;
  arrayBuffersMb: number;
  sliceCount: number;
  profile: ProfileSummary | null;
}

/** Open the bare page in its own context and measure it. */
export async function measureBare(browser: Browser, o: BareOptions): Promise<BareResult> {
  const context = await browser.newContext({ viewport: { width: o.widthPx + 40, height: o.heightPx + 40 } });
  try {
    await context.addInitScript({ content: PROBE_SCRIPT });
    const page = await context.newPage();
    const q = new URLSearchParams({ path: o.renderPath, w: String(o.widthPx), h: String(o.heightPx), start: String(o.start) });
    await page.goto(`${o.url}?${q.toString()}`);
    if (!(await waitIn(page, '() => window.__bare || window.__bareError', null, 60_000, 50))) throw new Error('the bare page did not start in 60 s');
    const error = (await page.evaluate('window.__bareError ?? null')) as string | null;
    if (error) throw new Error(`the bare page failed: ${error}`);
    const info = (await page.evaluate(
      '({ renderPath: window.__bare.renderPath, soft: window.__bare.softwareRasterizer, gl: window.__bare.webglRenderer, count: window.__bare.sliceCount })',
    )) as { renderPath: string; soft: boolean; gl: string; count: number };
    const el = page.locator('#viewport');
    const current = (): Promise<number> => page.evaluate('window.__bare.current()') as Promise<number>;
    const wheel = await wheelRun(page, el, 'bare', info.count, current);
    const ks = wheelSchedule(info.count, await current(), 100).expected;
    const slice = await sliceRenderRun(page, 'window.__bare.viewport', ks);
    const profile = o.profile ? (await profiled(page, () => wheelRun(page, el, 'bare', info.count, current))).profile : null;
    const heap = await heapMb(page);
    return {
      wheel,
      sliceRenderMs: slice.ms,
      sliceRenderMissed: slice.missed,
      renderPath: info.renderPath,
      softwareRasterizer: info.soft,
      webglRenderer: info.gl,
      heapMb: heap.usedMb,
      arrayBuffersMb: heap.backingMb,
      sliceCount: info.count,
      profile,
    };
  } finally {
    await context.close();
  }
}
