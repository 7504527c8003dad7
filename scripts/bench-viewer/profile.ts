/**
 * CPU profile of the page while `fn` runs (CDP Profiler, 200 us sampling): self time grouped by script
 * (Cornerstone/vtk chunk, React chunk, the app's own chunk, GC, idle) and the top functions by self time.
 * For `npm run bench:viewer -- --profile`, a pass apart from the timed ones (profiling slows the page).
 */
import type { Page } from 'playwright-core';

export interface ProfileSummary {
  totalMs: number;
  /** Self time per script (file name without the build hash) or V8 pseudo-node, ms. */
  byScriptMs: Record<string, number>;
  /** Self time in scripts, native calls and GC (all but idle and "(program)"), ms. */
  scriptMs: number;
  /** "(program)": the browser's own work outside JS (style, layout, paint, compositing), ms. */
  programMs: number;
  /** The 12 functions with the most self time: "name (script:line:col)" -> ms. */
  topFunctions: Array<{ fn: string; ms: number }>;
}

/** "cornerstone-BhnFKKRV.js" -> "cornerstone.js"; pseudo-nodes keep their "(name)". */
export function scriptName(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const base = url.split('?')[0].split('/').pop() ?? url;
  return base.replace(/-[A-Za-z0-9_-]{8}\.js$/, '.js');
}

interface CpuNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

export async function profiled<T>(page: Page, fn: () => Promise<T>): Promise<{ result: T; profile: ProfileSummary }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const stop = () => cdp.send('Profiler.stop');
  let result: T;
  let stopped: Awaited<ReturnType<typeof stop>>;
  try {
    result = await fn();
  } finally {
    stopped = await stop();
    await cdp.detach();
  }
  const { profile } = stopped;
  const nodes = new Map<number, CpuNode>(profile.nodes.map((n) => [n.id, n as CpuNode]));
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) self.set(samples[i], (self.get(samples[i]) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0) / 1000);
  const byScriptMs: Record<string, number> = {};
  const byFn = new Map<string, number>();
  for (const [id, ms] of self) {
    const cf = nodes.get(id)?.callFrame;
    if (!cf) continue;
    const script = scriptName(cf.url, cf.functionName);
    byScriptMs[script] = (byScriptMs[script] ?? 0) + ms;
    const key = `${cf.functionName || '(anonymous)'} (${script}:${cf.lineNumber + 1}:${cf.columnNumber + 1})`;
    byFn.set(key, (byFn.get(key) ?? 0) + ms);
  }
  const round = (x: number): number => Math.round(x * 10) / 10;
  for (const k of Object.keys(byScriptMs)) byScriptMs[k] = round(byScriptMs[k]);
  const topFunctions = [...byFn.entries()]
    .filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('(program)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([fnName, ms]) => ({ fn: fnName, ms: round(ms) }));
  const scriptMs = Object.entries(byScriptMs)
    .filter(([k]) => k !== '(idle)' && k !== '(program)')
    .reduce((a, [, v]) => a + v, 0);
  return {
    result,
    profile: {
      totalMs: round((profile.endTime - profile.startTime) / 1000),
      scriptMs: round(scriptMs),
      programMs: byScriptMs['(program)'] ?? 0,
      byScriptMs,
      topFunctions,
    },
  };
}
