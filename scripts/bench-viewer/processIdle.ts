/**
 * Wait until a process tree (the host and its children) has gone quiet: how a bench lets the app finish its
 * start-up (workers starting, tsx compiling them, onnxruntime loading the default model) before the reader's
 * first action, as a person who opens the window and then types or drags a study does. Linux /proc only.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** CPU ms (user + system) used so far by `pid` and every process below it; clock ticks of 10 ms. */
export function treeCpuMs(pid: number): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const text = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the ")" that closes the command name: state ppid ... utime(14) stime(15).
      const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(name), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // the process ended while the list was read
    }
  }
  let ticks = 0;
  const todo = [pid];
  while (todo.length > 0) {
    const p = todo.pop() as number;
    ticks += stats.get(p)?.ticks ?? 0;
    for (const [child, s] of stats) if (s.ppid === p) todo.push(child);
  }
  return ticks * 10;
}

/**
 * Resolve once the tree used at most `maxCpuMs` CPU in a `windowMs` window, or after `timeoutMs`; with the ms
 * waited and whether it went quiet.
 */
export async function waitTreeIdle(
  pid: number,
  { windowMs = 500, maxCpuMs = 30, timeoutMs = 20_000 } = {},
): Promise<{ waitedMs: number; quiet: boolean }> {
  const t0 = performance.now();
  let before = treeCpuMs(pid);
  while (performance.now() - t0 < timeoutMs) {
    await new Promise((r) => setTimeout(r, windowMs));
    const now = treeCpuMs(pid);
    if (now - before <= maxCpuMs) return { waitedMs: performance.now() - t0, quiet: true };
    before = now;
  }
  return { waitedMs: performance.now() - t0, quiet: false };
}
