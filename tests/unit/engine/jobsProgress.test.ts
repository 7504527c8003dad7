// JobRunner's progress throttle: a burst of per-file progress (an import's 60+ files in 200 ms) reaches the
// faces as a few events; the first of each stage, its last unit and the latest held one still arrive.
import { describe, expect, it, vi } from 'vitest';
import { JobRunner, PROGRESS_INTERVAL_MS } from '../../../main/engine/jobs';
import type { EngineEvent } from '../../../main/shared/apiEvents';

const progressOf = (events: EngineEvent[]): string[] =>
  events.flatMap((e) => (e.type === 'job-progress' ? [`${e.stage} ${e.done}/${e.total}`] : []));

describe('JobRunner progress throttle', () => {
  it('passes a burst as its first event and its last unit, and each stage change at once', async () => {
    const events: EngineEvent[] = [];
    const jobs = new JobRunner((e) => events.push(e));
    await jobs.run('importStudy', 'j', async ({ onProgress }) => {
      for (let i = 0; i <= 63; i++) onProgress({ stage: 'read headers', done: i, total: 63 });
      onProgress({ stage: 'store', done: 0, total: 1 });
      onProgress({ stage: 'store', done: 1, total: 1 });
      return null;
    });
    expect(progressOf(events)).toEqual(['read headers 0/63', 'read headers 63/63', 'store 0/1', 'store 1/1']);
    expect(events.at(-1)).toMatchObject({ type: 'job-end', ok: true });
  });

  it('sends the latest held event when its interval ends, and nothing after the job ended', async () => {
    // A fake clock (timers and performance.now): on a loaded machine a real held-event timer can fire late
    // enough that the next event falls inside its interval, which is the throttle working, not a failure.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const events: EngineEvent[] = [];
      const jobs = new JobRunner((e) => events.push(e));
      const done = jobs.run('importStudy', 'j', async ({ onProgress }) => {
        onProgress({ stage: 'read headers', done: 1, total: 10 });
        onProgress({ stage: 'read headers', done: 2, total: 10 });
        onProgress({ stage: 'read headers', done: 3, total: 10 });
        await new Promise((r) => setTimeout(r, PROGRESS_INTERVAL_MS * 2));
        onProgress({ stage: 'read headers', done: 4, total: 10 });
        onProgress({ stage: 'read headers', done: 5, total: 10 }); // held, then the job ends: never sent
        return null;
      });
      await vi.advanceTimersByTimeAsync(PROGRESS_INTERVAL_MS * 2);
      await done;
      await vi.advanceTimersByTimeAsync(PROGRESS_INTERVAL_MS * 2);
      expect(progressOf(events)).toEqual(['read headers 1/10', 'read headers 3/10', 'read headers 4/10']);
      expect(events.at(-1)).toMatchObject({ type: 'job-end', ok: true });
    } finally {
      vi.useRealTimers();
    }
  });
});
