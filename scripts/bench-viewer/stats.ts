/**
 * Pure helpers of `npm run bench:viewer`: percentiles, the wheel schedule (ping-pong over a stack), pairing
 * wheel events with the IMAGE_RENDERED of the new slice, the host's printed URL. No I/O; unit-tested.
 */

/** One entry of the page probe's log (times from performance.now() / Event.timeStamp, ms). */
export type ProbeEvent =
  | { kind: 'wheel'; t: number }
  | { kind: 'render'; t: number; k: number; pane?: string };

export interface Summary {
  n: number;
  p50: number | null;
  p95: number | null;
  max: number | null;
  mean: number | null;
}

/** Nearest-rank percentile (p in 0..100) of the values; null when there are none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile p must be 0..100 (got ${p})`);
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1];
}

/** Round to 0.1 (null stays null). */
export function r1(x: number | null): number | null {
  return x === null ? null : Math.round(x * 10) / 10;
}

/** n, p50, p95, max and mean of a sample, rounded to 0.1 ms. */
export function summarize(values: readonly number[]): Summary {
  const mean = values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
  return {
    n: values.length,
    p50: r1(percentile(values, 50)),
    p95: r1(percentile(values, 95)),
    max: r1(values.length ? Math.max(...values) : null),
    mean: r1(mean),
  };
}

/**
 * The slice index expected after each of `steps` wheel steps from `start` on a stack of `count` slices:
 * one slice per step, forward until the last slice, then back to the first, and so on (ping-pong), so every
 * step changes the slice. `direction` holds the sign of each step (+1: deltaY > 0, next slice).
 */
export function wheelSchedule(count: number, start: number, steps: number): { expected: number[]; direction: number[] } {
  if (!Number.isInteger(count) || count < 2) throw new RangeError(`a wheel schedule needs >= 2 slices (got ${count})`);
  if (!Number.isInteger(start) || start < 0 || start >= count) throw new RangeError(`start ${start} is outside 0..${count - 1}`);
  const expected: number[] = [];
  const direction: number[] = [];
  let k = start;
  let dir = start === count - 1 ? -1 : 1;
  for (let i = 0; i < steps; i++) {
    if (k + dir < 0 || k + dir >= count) dir = -dir;
    k += dir;
    expected.push(k);
    direction.push(dir);
  }
  return { expected, direction };
}

/**
 * Wheel-to-frame latencies: for the i-th wheel event of the log, the time to the first later render whose
 * slice is expected[i] (before the next wheel event). Steps without such a render count as `missed`.
 */
export function pairWheelToRender(
  log: readonly ProbeEvent[],
  expected: readonly number[],
): { latenciesMs: number[]; missed: number[] } {
  const wheels = log.map((e, i) => ({ e, i })).filter((x) => x.e.kind === 'wheel');
  const latenciesMs: number[] = [];
  const missed: number[] = [];
  expected.forEach((k, step) => {
    const w = wheels[step];
    if (!w) {
      missed.push(step);
      return;
    }
    const end = wheels[step + 1]?.i ?? log.length;
    const hit = log.slice(w.i + 1, end).find((e) => e.kind === 'render' && e.k === k);
    if (hit) latenciesMs.push(hit.t - w.e.t);
    else missed.push(step);
  });
  return { latenciesMs, missed };
}

/** The host's URL from its stdout ("... listening on http://127.0.0.1:PORT/?token=..."), whole, or null. */
export function parseHostUrl(stdout: string): string | null {
  const m = /listening on (http:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):\d+\/\S*)/.exec(stdout);
  return m ? m[1] : null;
}

/** `ratio` of app to bare rounded to 0.01; null when either is missing or bare is 0. */
export function ratio(app: number | null, bare: number | null): number | null {
  if (app === null || bare === null || bare <= 0) return null;
  return Math.round((app / bare) * 100) / 100;
}
