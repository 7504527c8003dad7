/**
 * Measurements shared by the app and the bare page: 100 wheel steps on one Cornerstone element (wheel
 * event to the IMAGE_RENDERED of the new slice), setImageIdIndex to IMAGE_RENDERED, renderer heap via CDP.
 * In-page code is passed as text (no bundler helper may leak into the page).
 */
import type { Locator, Page } from 'playwright-core';
import type { ProbeLogEntry } from './probe';
import { pairWheelToRender, wheelSchedule, type ProbeEvent } from './stats';

export const STEPS = 100;

/**
 * Resolve true once the in-page predicate (function source, called with `arg`) holds, false after
 * `timeoutMs`. One Runtime.evaluate awaiting a promise: unlike waitForFunction it needs no eval in the page,
 * which the app's CSP (script-src 'self') forbids.
 */
export async function waitIn(page: Page, predicate: string, arg: unknown, timeoutMs: number, pollMs: number | 'raf' = 'raf'): Promise<boolean> {
  const next = pollMs === 'raf' ? 'requestAnimationFrame(tick)' : `setTimeout(tick, ${pollMs})`;
  const src = `new Promise((resolve) => {
    const pred = ${predicate}; const arg = ${JSON.stringify(arg ?? null)}; const t0 = performance.now();
    const tick = () => { let ok = false; try { ok = !!pred(arg); } catch (e) { ok = false; }
      if (ok) return resolve(true); if (performance.now() - t0 > ${timeoutMs}) return resolve(false); ${next}; };
    tick();
  })`;
  return (await page.evaluate(src)) as boolean;
}

const log = (page: Page): Promise<ProbeLogEntry[]> => page.evaluate('window.__probe.log.slice()') as Promise<ProbeLogEntry[]>;

/** Wait (page clock) until a render of `pane` at slice `k` is logged after entry `from`; false on timeout. */
async function waitRender(page: Page, pane: string, k: number, from: number, timeoutMs = 5000): Promise<boolean> {
  const fn = `(([pane, k, from]) => window.__probe.log.slice(from).some((e) => e.kind === 'render' && e.pane === pane && e.k === k))`;
  return waitIn(page, fn, [pane, k, from], timeoutMs);
}

const logLength = (page: Page): Promise<number> => page.evaluate('window.__probe.log.length') as Promise<number>;

export interface WheelRun {
  latenciesMs: number[];
  missed: number[];
  /** deltaY sign that moves to the next slice (+1 when deltaY > 0 goes forward). */
  forwardSign: number;
  start: number;
  /** DOM mutation records per wheel step (React commits, overlay text, attributes). */
  mutationsPerStep: number;
  /** Long tasks (> 50 ms) during the 100 steps: count and total ms. */
  longTasks: number;
  longTaskMs: number;
  /** IMAGE_RENDERED and ANNOTATION_RENDERED events per wheel step, by pane (viewport id). */
  perStep: Record<string, { images: number; annotations: number }>;
}

/** Image and annotation renders per step, by pane. */
function perStepCounts(entries: readonly ProbeLogEntry[]): WheelRun['perStep'] {
  const out: WheelRun['perStep'] = {};
  for (const e of entries) {
    if (e.kind !== 'render' && e.kind !== 'annot') continue;
    const c = (out[e.pane ?? '?'] ??= { images: 0, annotations: 0 });
    if (e.kind === 'render') c.images++;
    else c.annotations++;
  }
  for (const c of Object.values(out)) {
    c.images = Math.round((c.images / STEPS) * 100) / 100;
    c.annotations = Math.round((c.annotations / STEPS) * 100) / 100;
  }
  return out;
}

const counters = (page: Page): Promise<{ m: number; lt: number; ltMs: number }> =>
  page.evaluate('({ m: window.__probe.mutations, lt: window.__probe.longTasks, ltMs: window.__probe.longTaskMs })') as Promise<{ m: number; lt: number; ltMs: number }>;

/**
 * One calibration step (learns which deltaY sign is "next slice"), then STEPS wheel steps ping-ponging
 * over the stack of `count` slices from the slice reached; `current` reads the element's slice index.
 */
export async function wheelRun(page: Page, el: Locator, pane: string, count: number, current: () => Promise<number>): Promise<WheelRun> {
  const box = await el.boundingBox();
  if (!box) throw new Error(`the ${pane} viewport is not on screen`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const k0 = await current();
  let n = await logLength(page);
  await page.mouse.wheel(0, k0 === count - 1 ? -100 : 100);
  const ok = (await waitRender(page, pane, k0 + 1, n, 3000)) || (await waitRender(page, pane, k0 - 1, n, 3000));
  if (!ok) throw new Error(`a wheel step on ${pane} rendered no new slice in 6 s`);
  const k1 = await current();
  const forwardSign = (k1 - k0) * (k0 === count - 1 ? -1 : 1) > 0 ? 1 : -1;
  const { expected, direction } = wheelSchedule(count, k1, STEPS);
  n = await logLength(page);
  const c0 = await counters(page);
  for (let i = 0; i < STEPS; i++) {
    const from = await logLength(page);
    await page.mouse.wheel(0, 100 * direction[i] * forwardSign);
    await waitRender(page, pane, expected[i], from);
  }
  const c1 = await counters(page);
  const entries = (await log(page)).slice(n);
  const events: ProbeEvent[] = entries
    .flatMap((e): ProbeEvent[] =>
      e.kind === 'wheel' ? [{ kind: 'wheel', t: e.t }] : e.kind === 'render' && e.pane === pane ? [{ kind: 'render', t: e.t, k: e.k ?? -1 }] : [],
    );
  return {
    ...pairWheelToRender(events, expected),
    forwardSign,
    start: k1,
    mutationsPerStep: Math.round(((c1.m - c0.m) / STEPS) * 10) / 10,
    longTasks: c1.lt - c0.lt,
    longTaskMs: Math.round(c1.ltMs - c0.ltMs),
    perStep: perStepCounts(entries),
  };
}

/**
 * setImageIdIndex to IMAGE_RENDERED for each slice of `ks` on the viewport `viewportExpr` evaluates to in the
 * page (a Cornerstone StackViewport); resolves with the times in ms (a render missing for 3 s is left out).
 */
export async function sliceRenderRun(page: Page, viewportExpr: string, ks: readonly number[]): Promise<{ ms: number[]; missed: number }> {
  const fn = `async (ks) => {
    const vp = ${viewportExpr};
    if (!vp) throw new Error('no viewport');
    const el = vp.element;
    const ms = []; let missed = 0;
    for (const k of ks) {
      let off = () => {};
      const done = new Promise((resolve) => {
        const h = () => resolve(performance.now());
        el.addEventListener('CORNERSTONE_IMAGE_RENDERED', h, { once: true });
        const timer = setTimeout(() => resolve(null), 3000);
        off = () => { clearTimeout(timer); el.removeEventListener('CORNERSTONE_IMAGE_RENDERED', h); };
      });
      const t0 = performance.now();
      vp.setImageIdIndex(k);
      const t1 = await done; off();
      if (t1 === null) missed++; else ms.push(t1 - t0);
      await new Promise((r) => requestAnimationFrame(() => r()));
    }
    return { ms, missed };
  }`;
  return (await page.evaluate(`(${fn})(${JSON.stringify(ks)})`)) as { ms: number[]; missed: number };
}

/** The renderer's JS heap after a GC and the ArrayBuffer backing stores (pixels), MB (CDP Runtime.getHeapUsage). */
export async function heapMb(page: Page): Promise<{ usedMb: number; totalMb: number; backingMb: number }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize, totalSize, backingStorageSize } = await cdp.send('Runtime.getHeapUsage');
    const mb = (b: number): number => Math.round((b / 2 ** 20) * 10) / 10;
    return { usedMb: mb(usedSize), totalMb: mb(totalSize), backingMb: mb(backingStorageSize ?? 0) };
  } finally {
    await cdp.detach();
  }
}

/** UNMASKED_RENDERER_WEBGL of the page's WebGL ('' without WebGL). */
export function webglRenderer(page: Page): Promise<string> {
  return page.evaluate('window.__probe.webglRenderer()') as Promise<string>;
}
