// The series chooser's thumbnail loader: one fetch per stack while it succeeds, a failed fetch (an error
// Result, or pixels that are not binary of the thumbnail's size) is reported and tried again next time.
import { describe, expect, it } from 'vitest';
import type { StackThumbnail } from '../../../../main/shared/apiWorkspace';
import type { Result } from '../../../../main/shared/errors';
import { loadThumbnail, type ThumbnailArg } from '../../../../renderer/src/viewer/nav/thumbnail';

const thumb = (width: number, height: number, bytes = width * height): StackThumbnail => ({
  seriesInstanceUid: '1.2.3',
  stackIndex: 0,
  sliceIndex: 6,
  width,
  height,
  pixels: new Uint8Array(bytes).fill(7).buffer,
  window: { center: 100, width: 200 },
});

describe('loadThumbnail', () => {
  it('fetches each stack once and keeps it', async () => {
    const calls: ThumbnailArg[] = [];
    const fetch = async (arg: ThumbnailArg): Promise<Result<StackThumbnail>> => {
      calls.push(arg);
      return { ok: true, value: thumb(4, 2) };
    };
    const arg = { studyInstanceUid: 'once', seriesInstanceUid: '1.2.3', stackIndex: 0 };
    const [a, b] = await Promise.all([loadThumbnail(fetch, arg), loadThumbnail(fetch, arg)]);
    expect(a).toBe(b);
    expect(await loadThumbnail(fetch, arg)).toBe(a);
    await loadThumbnail(fetch, { ...arg, stackIndex: 1 });
    expect(calls.map((c) => c.stackIndex)).toEqual([0, 1]);
  });

  it('reports an error Result or a short buffer and fetches again next time', async () => {
    const answers: Array<Result<StackThumbnail>> = [
      { ok: false, error: { code: 'NOT_FOUND', message: 'no such stack' } },
      { ok: true, value: thumb(4, 2, 5) },
      { ok: true, value: thumb(4, 2) },
    ];
    let n = 0;
    const fetch = async (): Promise<Result<StackThumbnail>> => answers[n++];
    const arg = { studyInstanceUid: 'retry', seriesInstanceUid: '1.2.3', stackIndex: 0 };
    await expect(loadThumbnail(fetch, arg)).rejects.toThrow('no such stack');
    await expect(loadThumbnail(fetch, arg)).rejects.toThrow(/binary data of its size/);
    expect((await loadThumbnail(fetch, arg)).width).toBe(4);
    expect(n).toBe(3);
  });
});
