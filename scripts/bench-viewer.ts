/**
 * `npm run bench:viewer [-- --renderer DIR] [--bare DIR] [--window WxH] [--keep] [--bare-only] [--path auto|cpu|gpu] [--profile]`: the reading workspace in
 * Debian Chromium headless against the production renderer and the real host, beside a bare Cornerstone3D page
 * on the same pixels and rendering path. Prints one JSON object; asserts nothing (not a timed test).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { openStudy, reopenFirstImage, type PaneInfo } from './bench-viewer/app';
import { measureBare, type BareResult } from './bench-viewer/bare';
import { rttDuringAnalysis, type JumpRun, type RttRun } from './bench-viewer/jumps';
import type { ProfileSummary } from './bench-viewer/profile';
import { REGION, viewerPasses, type LinkedFollow, type ViewerPasses } from './bench-viewer/viewerPasses';
import { heapMb, webglRenderer, type WheelRun } from './bench-viewer/measure';
import { waitTreeIdle } from './bench-viewer/processIdle';
import { PROBE_SCRIPT } from './bench-viewer/probe';
import { barePixels, BENCH_STUDY, serveBare, startHost, viteBuild, writeBenchStudy } from './bench-viewer/setup';
import { r1, ratio, summarize } from './bench-viewer/stats';

/** Chromium flags of playwright.config.ts. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const GOALS = { drop_to_grid_ms: '< 1500', first_image_ms: '< 300', scroll_ratio_to_bare: '<= 1.25', slice_render_ms_p95: '< 25 (auto path)', cell_jump_ms_p95: '< 150', ui_rtt_during_analysis_ms_p95: '< 100', scroll_frame_ms_p95_gpu: '< 16 on a real GPU' };

interface AppResult {
  open: Awaited<ReturnType<typeof openStudy>> & { hostSettleMs: number };
  pane: PaneInfo | null;
  wheel: WheelRun | null;
  unlinked: WheelRun | null;
  linkedFollow: LinkedFollow | null;
  profile: ProfileSummary | null;
  slice: { ms: number[]; missed: number } | null;
  jumps: JumpRun | null;
  rtt: RttRun;
  reopen: Awaited<ReturnType<typeof reopenFirstImage>>;
  heap: { usedMb: number; totalMb: number; backingMb: number };
  webglRenderer: string;
}

async function measureApp(browser: Browser, hostUrl: string, hostPid: number, studyPath: string, study2Path: string, win: [number, number], notes: string[], forcePath: string, profile: boolean): Promise<AppResult> {
  const context = await browser.newContext({ viewport: { width: win[0], height: win[1] } });
  try {
    await context.addInitScript({ content: PROBE_SCRIPT });
    // --path cpu|gpu: the app's own setting (renderer/src/viewer/renderPath.ts RENDER_PATH_KEY), set before it starts.
    if (forcePath !== 'auto') await context.addInitScript({ content: `localStorage.setItem('spinegrade.renderPath', ${JSON.stringify(forcePath)});` });
    const page = await context.newPage();
    page.on('pageerror', (e) => notes.push(`app page error: ${e.message}`));
    await page.goto(hostUrl);
    await page.getByLabel('Study folder', { exact: true }).waitFor({ timeout: 60_000 });
    // The reader types the path once the window is up and the app has settled (workers started, model loaded).
    const settle = await waitTreeIdle(hostPid);
    if (!settle.quiet) notes.push(`the host was still busy ${Math.round(settle.waitedMs)} ms after the page loaded; Open clicked anyway`);
    const open = { ...(await openStudy(page, studyPath)), hostSettleMs: settle.waitedMs };
    const hasViewer = (await page.getByRole('region', { name: REGION, exact: true }).locator('[data-cornerstone-element]').count()) > 0;
    let v: ViewerPasses | null = null;
    if (hasViewer && open.firstImageFromOpenMs !== null) v = await viewerPasses(page, notes, profile);
    else notes.push(`app viewer numbers missing: no [data-cornerstone-element] in "${REGION}" or no IMAGE_RENDERED within 30 s of the 25 cells.`);
    const heap = await heapMb(page);
    const gl = await webglRenderer(page);
    const rtt = await rttDuringAnalysis(page, study2Path);
    const reopen = hasViewer ? await reopenFirstImage(page, rtt.studyInstanceUid) : null;
    return { open, pane: v?.pane ?? null, wheel: v?.wheel ?? null, unlinked: v?.unlinked ?? null, linkedFollow: v?.linkedFollow ?? null, slice: v?.slice ?? null, jumps: v?.jumps ?? null, profile: v?.profile ?? null, rtt, reopen, heap, webglRenderer: gl };
  } finally {
    await context.close();
  }
}

function report(app: AppResult | null, bare: BareResult, extra: Record<string, unknown>): Record<string, unknown> {
  const scroll = summarize(app?.wheel?.latenciesMs ?? []);
  const scrollBare = summarize(bare.wheel.latenciesMs);
  const unlinked = summarize(app?.unlinked?.latenciesMs ?? []);
  const slice = summarize(app?.slice?.ms ?? []);
  const sliceBare = summarize(bare.sliceRenderMs);
  const jumps = summarize(app?.jumps?.ms ?? []);
  const rtt = summarize(app?.rtt.rttMs ?? []);
  return {
    drop_to_grid_ms: r1(app?.open.dropToGridMs ?? null),
    first_image_ms: r1(app?.open.firstImageMs ?? null),
    scroll_frame_ms_p95: scroll.p95,
    scroll_frame_ms_p95_bare: scrollBare.p95,
    scroll_ratio_to_bare: ratio(scroll.p95, scrollBare.p95),
    scroll_frame_ms_p95_unlinked: unlinked.p95,
    scroll_ratio_to_bare_unlinked: ratio(unlinked.p95, scrollBare.p95),
    slice_render_ms_p95: slice.p95,
    render_path: app?.pane?.renderPath ?? null,
    cell_jump_ms_p95: jumps.p95,
    ui_rtt_during_analysis_ms_p95: rtt.p95,
    renderer_heap_mb: app?.heap.usedMb ?? null,
    webgl_renderer: app?.webglRenderer ?? bare.webglRenderer,
    ...extra,
    details: {
      host_settle_before_open_ms: r1(app?.open.hostSettleMs ?? null),
      first_image_from_open_click_ms: r1(app?.open.firstImageFromOpenMs ?? null),
      open_api_calls_ms_from_click: app?.open.apiCalls ?? null,
      reopen_from_list_first_image_ms: app?.reopen ? { from_click: r1(app.reopen.fromClickMs), from_get_study_detail: r1(app.reopen.fromDetailMs), api_calls_ms_from_click: app.reopen.apiCalls } : null,
      scroll: { app: scroll, app_unlinked: unlinked, bare: scrollBare, ratio_to_bare_p50: ratio(scroll.p50, scrollBare.p50),
        linked_t1_after_pass: app?.linkedFollow ?? null,
        renders_per_step: { app: app?.wheel?.perStep ?? null, app_unlinked: app?.unlinked?.perStep ?? null, bare: bare.wheel.perStep }, app_missed_steps: app?.wheel?.missed.length ?? null, bare_missed_steps: bare.wheel.missed.length,
        dom_mutations_per_step: { app: app?.wheel?.mutationsPerStep ?? null, bare: bare.wheel.mutationsPerStep },
        long_tasks: { app: app?.wheel ? `${app.wheel.longTasks} (${app.wheel.longTaskMs} ms)` : null, bare: `${bare.wheel.longTasks} (${bare.wheel.longTaskMs} ms)` } },
      slice_render: { app: slice, bare: sliceBare, app_missed: app?.slice?.missed ?? null, bare_missed: bare.sliceRenderMissed },
      cell_jump: { ...jumps, missed: app?.jumps?.missed ?? null, without_key_location: app?.jumps?.withoutKeyLocation ?? null },
      ui_rtt: { during_analysis: rtt, idle: summarize(app?.rtt.idleRttMs ?? []), analyses: app?.rtt.analyses ?? null, analysis_ms: app?.rtt.analysisMs.map((x) => r1(x)) ?? null },
      main_thread_ms_per_wheel_step: app?.profile
        ? { note: '--profile pass: self time of JS + native + GC, and of (program), per step', app_script: r1(app.profile.scriptMs / 100), app_program: r1(app.profile.programMs / 100), bare_script: bare.profile ? r1(bare.profile.scriptMs / 100) : null, bare_program: bare.profile ? r1(bare.profile.programMs / 100) : null }
        : null,
      profile_app_scroll: app?.profile ?? null,
      profile_bare_scroll: bare.profile,
      renderer_heap_total_mb: app?.heap.totalMb ?? null,
      renderer_array_buffers_mb: app?.heap.backingMb ?? null,
      bare_heap_mb: bare.heapMb,
      bare_array_buffers_mb: bare.arrayBuffersMb,
      app_pane: app?.pane ?? null,
      bare: { render_path: bare.renderPath, software_rasterizer: bare.softwareRasterizer, slices: bare.sliceCount, webgl_renderer: bare.webglRenderer },
    },
  };
}

interface Options {
  renderer?: string;
  bare?: string;
  window: [number, number];
  keep: boolean;
  bareOnly: boolean;
  path: 'auto' | 'cpu' | 'gpu';
  profile: boolean;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      renderer: { type: 'string' },
      bare: { type: 'string' },
      window: { type: 'string', default: '1440x900' },
      keep: { type: 'boolean' },
      'bare-only': { type: 'boolean' },
      path: { type: 'string', default: 'auto' },
      profile: { type: 'boolean' },
    },
  });
  const p = values.path ?? 'auto';
  if (p !== 'auto' && p !== 'cpu' && p !== 'gpu') throw new Error(`--path must be auto, cpu or gpu (got ${p})`);
  const win = (values.window ?? '1440x900').split('x').map(Number);
  if (win.length !== 2 || !win.every((x) => Number.isInteger(x) && x >= 320)) throw new Error(`--window must be WxH, e.g. 1440x900 (got ${values.window})`);
  return { renderer: values.renderer, bare: values.bare, window: [win[0], win[1]], keep: values.keep === true, bareOnly: values['bare-only'] === true, path: p, profile: values.profile === true };
}

/** The bare page on the app pane's stack, path, size and start slice (defaults without the app). */
async function runBare(browser: Browser, o: Options, bareDir: string, studyPath: string, tmp: string, app: AppResult | null, stops: Array<() => Promise<void>>): Promise<{ bare: BareResult; stack: string }> {
  const pane = app?.pane ?? null;
  const stack = await barePixels(studyPath, path.join(tmp, 'bare-store'), pane ? { series: pane.seriesUid, stack: pane.stackIndex } : undefined);
  const server = await serveBare(bareDir, stack);
  stops.push(server.close);
  const bare = await measureBare(browser, {
    url: server.url,
    renderPath: pane?.renderPath === 'cpu' || pane?.renderPath === 'gpu' ? pane.renderPath : o.path,
    widthPx: pane?.widthPx || 512,
    heightPx: pane?.heightPx || 512,
    start: pane?.sliceIndex ?? Math.floor(stack.meta.dims[2] / 2),
    profile: o.profile,
  });
  return { bare, stack: `${stack.meta.dims.join('x')} ${stack.meta.dtype}` };
}

async function main(): Promise<void> {
  const o = options();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'sg-bench-viewer-'));
  const notes: string[] = [];
  const loadBefore = os.loadavg().map((x) => r1(x));
  const stops: Array<() => Promise<void>> = [];
  let browser: Browser | undefined;
  try {
    const studyPath = writeBenchStudy(path.join(tmp, 'study'));
    const study2Path = writeBenchStudy(path.join(tmp, 'study2'), BENCH_STUDY.studyIndex + 1);
    const rendererDir = o.renderer ? path.resolve(o.renderer) : path.join(tmp, 'renderer');
    const bareDir = o.bare ? path.resolve(o.bare) : path.join(tmp, 'bare');
    const buildMs: Record<string, number | null> = { renderer: null, bare: null };
    if (!o.renderer && !o.bareOnly) buildMs.renderer = r1(viteBuild('renderer', rendererDir));
    if (!o.bare) buildMs.bare = r1(viteBuild('scripts/bench-viewer/bare', bareDir, 'scripts/bench-viewer/vite.config.ts'));
    browser = await chromium.launch({ executablePath: process.env.SPINEGRADE_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    let app: AppResult | null = null;
    if (!o.bareOnly) {
      const host = await startHost(path.join(tmp, 'store'), rendererDir);
      stops.push(host.stop);
      app = await measureApp(browser, host.url, host.pid, studyPath, study2Path, o.window, notes, o.path, o.profile).catch((e: unknown) => {
        notes.push(`app measurement failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
        return null;
      });
      await host.stop();
    }
    const { bare, stack } = await runBare(browser, o, bareDir, studyPath, tmp, app, stops);
    const out = report(app, bare, {
      load_avg_before: loadBefore,
      load_avg_after: os.loadavg().map((x) => r1(x)),
      cpu_count: os.cpus().length,
      study: { ...BENCH_STUDY, stack },
      chromium: browser.version(),
      window_px: o.window,
      render_path_setting: o.path,
      build_ms: buildMs,
      goals: GOALS,
      notes,
    });
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } finally {
    await browser?.close();
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    if (!o.keep) rmSync(tmp, { recursive: true, force: true });
    else process.stderr.write(`kept ${tmp}\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:viewer: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
