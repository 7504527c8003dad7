/**
 * The page probe of `npm run bench:viewer`, installed as an init script (plain JS text, so no bundler helper
 * leaks into the page): logs wheel/click event times, every CORNERSTONE_IMAGE_RENDERED (pane, slice), API
 * calls and the moment 25 findings cells are on screen, all on the page's performance.now() clock.
 */

/** window.__probe.log entries beyond the wheel/render ones of stats.ts. */
export interface ProbeLogEntry {
  kind: 'wheel' | 'render' | 'annot' | 'click' | 'api' | 'grid';
  t: number;
  k?: number;
  pane?: string;
  method?: string;
  label?: string;
  /** End of an API call (response headers in) and of its binary body (getStackPixels). */
  end?: number | null;
  bodyEnd?: number;
  /** data-series-uid of the rendered pane. */
  series?: string;
}

export const PROBE_SCRIPT = String.raw`
(() => {
  if (window.__probe) return;
  const log = [];
  const P = { log, gridAt: null, mutations: 0, longTasks: 0, longTaskMs: 0 };
  window.__probe = P;
  const paneOf = (el) => {
    const region = el.closest ? el.closest('[role="region"]') : null;
    return region ? (region.getAttribute('data-viewport-id') || region.getAttribute('aria-label') || 'region') : 'bare';
  };
  const sliceOf = (el) => {
    if (window.__bare) return window.__bare.current();
    const region = el.closest ? el.closest('[role="region"]') : null;
    const v = region ? region.getAttribute('data-slice-index') : null;
    return v === null || v === '' ? -1 : Number(v);
  };
  document.addEventListener('CORNERSTONE_IMAGE_RENDERED', (e) => {
    const t = performance.now();
    const el = e.target;
    const entry = { kind: 'render', t, k: -1, pane: paneOf(el) };
    log.push(entry);
    queueMicrotask(() => {
      entry.k = sliceOf(el);
      const region = el.closest ? el.closest('[role="region"]') : null;
      entry.series = region ? region.getAttribute('data-series-uid') || '' : '';
    });
  }, { capture: true });
  document.addEventListener('CORNERSTONE_TOOLS_ANNOTATION_RENDERED', (e) => {
    log.push({ kind: 'annot', t: performance.now(), pane: paneOf(e.target) });
  }, { capture: true });
  window.addEventListener('wheel', (e) => { log.push({ kind: 'wheel', t: e.timeStamp }); }, { capture: true, passive: true });
  window.addEventListener('click', (e) => {
    const el = e.target && e.target.closest ? e.target.closest('[role="gridcell"],button') : null;
    log.push({ kind: 'click', t: e.timeStamp, label: el ? (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 80) : '' });
  }, { capture: true });
  const origFetch = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : (input && input.url) || String(input);
    const m = /\/api\/([A-Za-z]+)/.exec(url);
    if (!m) return origFetch(input, init);
    const entry = { kind: 'api', t: performance.now(), method: m[1], end: null };
    log.push(entry);
    return origFetch(input, init).then((r) => {
      entry.end = performance.now();
      const body = r.arrayBuffer.bind(r);
      r.arrayBuffer = () => body().then((b) => { entry.bodyEnd = performance.now(); return b; });
      return r;
    }, (e) => { entry.end = performance.now(); throw e; });
  };
  const countCells = () => document.querySelectorAll('[role="grid"] [role="gridcell"]').length;
  const watch = () => {
    const mo = new MutationObserver(() => {
      if (P.gridAt === null && countCells() >= 25) {
        const seen = performance.now();
        requestAnimationFrame(() => { P.gridAt = performance.now(); log.push({ kind: 'grid', t: P.gridAt, label: String(seen) }); });
        mo.disconnect();
      }
    });
    mo.observe(document.documentElement, { childList: true, subtree: true });
  };
  if (document.documentElement) watch(); else document.addEventListener('DOMContentLoaded', watch);
  // Every DOM mutation record (React commits, overlay text, attributes) and long tasks, for per-step costs.
  const count = () => new MutationObserver((records) => { P.mutations += records.length; })
    .observe(document.documentElement, { childList: true, subtree: true, attributes: true, characterData: true });
  if (document.documentElement) count(); else document.addEventListener('DOMContentLoaded', count);
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) { P.longTasks++; P.longTaskMs += e.duration; } })
      .observe({ type: 'longtask', buffered: false });
  } catch (e) { /* no longtask timing */ }
  P.webglRenderer = () => {
    const gl = document.createElement('canvas').getContext('webgl2') || document.createElement('canvas').getContext('webgl');
    if (!gl) return '';
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    return ext ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : String(gl.getParameter(gl.RENDERER));
  };
  P.reset = () => { log.length = 0; };
})();
`;
