// Linked scrolling's coalescing: at most one move of the follower in flight, later targets replace each other,
// and after a burst of steps the follower ends at the slice nearest the scrolled pane's last slice (phantom
// geometry of both sagittal series).
import { describe, expect, it } from 'vitest';
import { linkedSliceOf } from '../../../../renderer/src/viewer/geometry/linkedScroll';
import { FOLLOW_STALE_MS, LatestSliceFollower } from '../../../../renderer/src/viewer/nav/latestSliceFollower';
import { phantomStacks } from '../geometry/phantomStacks';

/** A follower pane whose moves render only when `frame()` is called (one render per frame, like Cornerstone). */
function fakePane(start: number): {
  follower: LatestSliceFollower;
  moves: number[];
  shown: () => number;
  frame: () => void;
  clock: { ms: number };
} {
  let current = start;
  let shown = start;
  let dirty = false;
  const moves: number[] = [];
  const clock = { ms: 0 };
  const follower = new LatestSliceFollower({
    current: () => current,
    move: (k) => {
      moves.push(k);
      current = k;
      dirty = true;
    },
    now: () => clock.ms,
  });
  const frame = (): void => {
    if (!dirty) return;
    dirty = false;
    shown = current;
    follower.rendered();
  };
  return { follower, moves, shown: () => shown, frame, clock };
}

describe('LatestSliceFollower', () => {
  it('moves at once when idle, and not at all to the slice it already shows', () => {
    const p = fakePane(4);
    p.follower.request(4);
    expect(p.moves).toEqual([]);
    p.follower.request(6);
    expect(p.moves).toEqual([6]);
    expect(p.follower.moving).toBe(true);
    p.frame();
    expect(p.follower.moving).toBe(false);
    expect(p.shown()).toBe(6);
  });

  it('keeps one move in flight during a burst and then goes straight to the latest target', () => {
    const p = fakePane(0);
    for (const k of [1, 2, 3, 4, 5, 6, 7]) p.follower.request(k);
    expect(p.moves).toEqual([1]);
    p.frame();
    expect(p.moves).toEqual([1, 7]);
    p.frame();
    expect(p.shown()).toBe(7);
    expect(p.follower.moving).toBe(false);
  });

  it('drops a queued target that equals the move in flight (back and forth)', () => {
    const p = fakePane(3);
    p.follower.request(4);
    p.follower.request(5);
    p.follower.request(4);
    p.frame();
    expect(p.moves).toEqual([4]);
    expect(p.shown()).toBe(4);
  });

  it('does not wait forever for a render that never comes', () => {
    const p = fakePane(0);
    p.follower.request(2);
    p.clock.ms += FOLLOW_STALE_MS + 1;
    p.follower.request(5);
    expect(p.moves).toEqual([2, 5]);
  });

  it('reset forgets the move in flight and the queued target', () => {
    const p = fakePane(0);
    p.follower.request(2);
    p.follower.request(3);
    p.follower.reset();
    p.frame();
    expect(p.moves).toEqual([2]);
    p.follower.request(3);
    expect(p.moves).toEqual([2, 3]);
  });

  it('after fast bursts of T2 steps, T1 ends at the slice nearest the last T2 slice (phantom geometry)', () => {
    const { sagT1, sagT2 } = phantomStacks('nav-link', 0);
    const t1Start = linkedSliceOf(sagT2, 0, sagT1)?.sliceIndex ?? 0;
    const p = fakePane(t1Start);
    const n = sagT2.dims[2];
    // Steps come 1, 2, 3 or 5 per follower frame (faster than it renders), sweeping the stack and back.
    let k = 0;
    let dir = 1;
    let steps = 0;
    let bursts = 0;
    for (let burst = 1; steps < 4 * n; burst = (burst % 5) + 1, bursts++) {
      for (let i = 0; i < burst; i++, steps++) {
        if (k + dir < 0 || k + dir >= n) dir = -dir;
        k += dir;
        const hit = linkedSliceOf(sagT2, k, sagT1);
        if (hit && !hit.outside) p.follower.request(hit.sliceIndex);
      }
      // The move in flight renders in the next frame, the latest target in the one after.
      p.frame();
      p.frame();
      const want = linkedSliceOf(sagT2, k, sagT1);
      if (want && !want.outside) expect(p.shown(), `T2 slice ${k}`).toBe(want.sliceIndex);
    }
    expect(p.moves.length).toBeLessThanOrEqual(2 * bursts);
    expect(p.moves.length).toBeLessThan(steps);
  });
});
