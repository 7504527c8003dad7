// bench:viewer's pure helpers: nearest-rank percentiles, the ping-pong wheel schedule, pairing wheel events
// with the render of the expected slice, the host URL with its token, the app/bare ratio.
import { describe, expect, it } from 'vitest';
import {
  pairWheelToRender,
  parseHostUrl,
  percentile,
  ratio,
  summarize,
  wheelSchedule,
  type ProbeEvent,
} from '../../../scripts/bench-viewer/stats';
import { scriptName } from '../../../scripts/bench-viewer/profile';

describe('percentile / summarize', () => {
  it('takes the nearest rank, not an interpolation', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted
    expect(percentile(xs, 95)).toBe(95);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([1, 2, 3], 100)).toBe(3);
    expect(percentile([], 95)).toBeNull();
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
  it('summarizes with rounding to 0.1 ms', () => {
    expect(summarize([1.04, 2.06, 10])).toEqual({ n: 3, p50: 2.1, p95: 10, max: 10, mean: 4.4 });
    expect(summarize([])).toEqual({ n: 0, p50: null, p95: null, max: null, mean: null });
  });
});

describe('wheelSchedule', () => {
  it('moves one slice per step and turns at both ends', () => {
    const { expected, direction } = wheelSchedule(4, 2, 7);
    expect(expected).toEqual([3, 2, 1, 0, 1, 2, 3]);
    expect(direction).toEqual([1, -1, -1, -1, 1, 1, 1]);
  });
  it('starts backwards from the last slice and always changes the slice', () => {
    const { expected } = wheelSchedule(20, 19, 100);
    expect(expected[0]).toBe(18);
    let prev = 19;
    for (const k of expected) {
      expect(Math.abs(k - prev)).toBe(1);
      expect(k).toBeGreaterThanOrEqual(0);
      expect(k).toBeLessThan(20);
      prev = k;
    }
  });
  it('refuses stacks it cannot scroll and starts outside the stack', () => {
    expect(() => wheelSchedule(1, 0, 5)).toThrow(RangeError);
    expect(() => wheelSchedule(5, 5, 5)).toThrow(RangeError);
  });
});

describe('pairWheelToRender', () => {
  it('times each wheel to the first render of its expected slice before the next wheel', () => {
    const log: ProbeEvent[] = [
      { kind: 'wheel', t: 100 },
      { kind: 'render', t: 105, k: 4 }, // a re-render of the old slice does not count
      { kind: 'render', t: 120, k: 5 },
      { kind: 'render', t: 130, k: 5 },
      { kind: 'wheel', t: 200 },
      { kind: 'wheel', t: 300 }, // step 1 never rendered its slice before this wheel
      { kind: 'render', t: 340, k: 6 },
    ];
    const r = pairWheelToRender(log, [5, 6, 6]);
    expect(r.latenciesMs).toEqual([20, 40]);
    expect(r.missed).toEqual([1]);
  });
  it('counts steps without a wheel event as missed', () => {
    expect(pairWheelToRender([{ kind: 'wheel', t: 0 }, { kind: 'render', t: 9, k: 1 }], [1, 2])).toEqual({
      latenciesMs: [9],
      missed: [1],
    });
  });
});

describe('parseHostUrl / ratio', () => {
  it('keeps the whole printed URL, token included', () => {
    expect(parseHostUrl('x\nSpineGrade host listening on http://127.0.0.1:4123/?token=ab_CD-12\n')).toBe(
      'http://127.0.0.1:4123/?token=ab_CD-12',
    );
    expect(parseHostUrl('SpineGrade host listening on http://127.0.0.1:80/\n')).toBe('http://127.0.0.1:80/');
    expect(parseHostUrl('listening on http://example.com:80/')).toBeNull();
  });
  it('rounds app/bare to 0.01 and gives null without both numbers', () => {
    expect(ratio(30, 24)).toBe(1.25);
    expect(ratio(null, 24)).toBeNull();
    expect(ratio(30, 0)).toBeNull();
  });
});

describe('scriptName (CPU profile grouping)', () => {
  it('drops the build hash and keeps V8 pseudo-nodes', () => {
    expect(scriptName('http://127.0.0.1:1/assets/cornerstone-BhnFKKRV.js', 'render')).toBe('cornerstone.js');
    expect(scriptName('http://127.0.0.1:1/assets/index-esj7RQgx.js?x=1', 'f')).toBe('index.js');
    expect(scriptName('', '(garbage collector)')).toBe('(garbage collector)');
    expect(scriptName('', 'nativeThing')).toBe('(native)');
  });
});
