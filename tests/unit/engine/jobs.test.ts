// JobRunner: progress becomes events, cancel trips the AbortSignal, failures come back as Results.
import { describe, expect, it } from 'vitest';
import { JobRunner } from '../../../main/engine/jobs';
import type { EngineEvent } from '../../../main/shared/apiEvents';
import { AppError } from '../../../main/shared/errors';

function runner(): { jobs: JobRunner; events: EngineEvent[] } {
  const events: EngineEvent[] = [];
  return { jobs: new JobRunner((e) => events.push(e)), events };
}

describe('JobRunner', () => {
  it('publishes progress and a successful end', async () => {
    const { jobs, events } = runner();
    const r = await jobs.run('getAppInfo', 'j1', async ({ onProgress }) => {
      onProgress({ stage: 'read', done: 1, total: 2 });
      return 7;
    });
    expect(r).toEqual({ ok: true, value: 7 });
    expect(events).toEqual([
      { type: 'job-progress', jobId: 'j1', method: 'getAppInfo', stage: 'read', done: 1, total: 2 },
      { type: 'job-end', jobId: 'j1', method: 'getAppInfo', ok: true },
    ]);
  });

  it('cancels through the AbortSignal and reports ABORTED', async () => {
    const { jobs, events } = runner();
    const pending = jobs.run(
      'getAppInfo',
      'j2',
      ({ signal }) => new Promise<number>((resolve) => signal.addEventListener('abort', () => resolve(1))),
    );
    expect(jobs.cancel('j2')).toBe(true);
    expect(jobs.cancel('nope')).toBe(false);
    const r = await pending;
    expect(r).toMatchObject({ ok: false, error: { code: 'ABORTED' } });
    expect(events.at(-1)).toMatchObject({
      type: 'job-end',
      jobId: 'j2',
      ok: false,
      error: { code: 'ABORTED' },
    });
  });

  it('returns AppErrors, refuses a duplicate id, and rethrows bugs', async () => {
    const { jobs } = runner();
    const r = await jobs.run('getAppInfo', undefined, () =>
      Promise.reject(new AppError('NO_STUDY', 'no study')),
    );
    expect(r).toEqual({ ok: false, error: { code: 'NO_STUDY', message: 'no study' } });
    let release = (): void => {};
    const first = jobs.run('getAppInfo', 'dup', () => new Promise<void>((res) => (release = res)));
    expect(await jobs.run('getAppInfo', 'dup', async () => 1)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    release();
    await first;
    await expect(
      jobs.run('getAppInfo', undefined, () => Promise.reject(new RangeError('bug'))),
    ).rejects.toThrow('bug');
  });
});
