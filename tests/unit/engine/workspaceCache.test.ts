// ByteBoundedCache (decoded stacks for the viewer) and the pure parts of workspacePixels: dtype choice,
// typed buffers and the automatic MR window.
import { describe, expect, it } from 'vitest';
import { ByteBoundedCache } from '../../../main/engine/workspaceCache';
import { pixelDtype, stackAutoWindow, toDtypeBuffer } from '../../../main/engine/workspacePixels';

const bytesOf = (b: ArrayBuffer): number => b.byteLength;

describe('ByteBoundedCache', () => {
  it('keeps at most maxBytes, dropping the least recently used first', async () => {
    const cache = new ByteBoundedCache<ArrayBuffer>(1000, bytesOf);
    await cache.get('a', async () => new ArrayBuffer(400));
    await cache.get('b', async () => new ArrayBuffer(400));
    await cache.get('a', async () => new ArrayBuffer(1)); // hit: 'a' is now the most recent
    await cache.get('c', async () => new ArrayBuffer(400));
    expect(cache.keys()).toEqual(['a', 'c']);
    expect(cache.bytes).toBe(800);
    expect(cache.bytes).toBeLessThanOrEqual(1000);
    const again = await cache.get('b', async () => new ArrayBuffer(300));
    expect(again.byteLength).toBe(300); // 'b' was evicted, so it was made again
    expect(cache.keys()).toEqual(['c', 'b']);
    expect(cache.bytes).toBe(700);
  });

  it('serves a value larger than the whole cache without keeping it', async () => {
    const cache = new ByteBoundedCache<ArrayBuffer>(100, bytesOf);
    await cache.get('small', async () => new ArrayBuffer(60));
    const big = await cache.get('big', async () => new ArrayBuffer(101));
    expect(big.byteLength).toBe(101);
    expect(cache.keys()).toEqual(['small']);
    expect(cache.bytes).toBe(60);
  });

  it('joins concurrent requests for one key and does not keep failures', async () => {
    const cache = new ByteBoundedCache<ArrayBuffer>(100, bytesOf);
    let made = 0;
    const make = async (): Promise<ArrayBuffer> => {
      made++;
      await new Promise((r) => setTimeout(r, 10));
      return new ArrayBuffer(10);
    };
    const [x, y] = await Promise.all([cache.get('k', make), cache.get('k', make)]);
    expect(made).toBe(1);
    expect(x).toBe(y);
    await expect(cache.get('bad', () => Promise.reject(new Error('decode failed')))).rejects.toThrow(
      'decode failed',
    );
    expect(cache.keys()).toEqual(['k']);
    await cache.get('bad', async () => new ArrayBuffer(5));
    expect(cache.keys()).toEqual(['k', 'bad']);
    cache.evictPrefix('ba');
    expect([cache.keys(), cache.bytes]).toEqual([['k'], 10]);
    cache.clear();
    expect([cache.keys(), cache.bytes]).toEqual([[], 0]);
  });
});

describe('workspacePixels', () => {
  it('picks the smallest exact element type', () => {
    expect(pixelDtype(Float32Array.from([-5, 0, 32767]))).toEqual({ dtype: 'int16', min: -5, max: 32767 });
    expect(pixelDtype(Float32Array.from([0, 40000]))).toEqual({ dtype: 'uint16', min: 0, max: 40000 });
    expect(pixelDtype(Float32Array.from([-1, 40000])).dtype).toBe('float32');
    expect(pixelDtype(Float32Array.from([0, 1.5])).dtype).toBe('float32');
    expect(pixelDtype(Float32Array.from([70000])).dtype).toBe('float32');
  });

  it('packs values into a fresh buffer of that type, exactly', () => {
    const values = Float32Array.from([-3, 0, 7, 32767]);
    expect(Array.from(new Int16Array(toDtypeBuffer(values, 'int16')))).toEqual([-3, 0, 7, 32767]);
    const u = Float32Array.from([0, 65535]);
    expect(Array.from(new Uint16Array(toDtypeBuffer(u, 'uint16')))).toEqual([0, 65535]);
    const view = Float32Array.from([9, 1.25, 2.5, 9]).subarray(1, 3);
    const f = toDtypeBuffer(view, 'float32');
    expect(f.byteLength).toBe(8);
    expect(Array.from(new Float32Array(f))).toEqual([1.25, 2.5]);
  });

  it('windows on the 1st..99.5th percentiles of the good slices, not the full range', () => {
    const slice = 1000;
    const values = new Float32Array(slice * 3);
    for (let i = 0; i < slice; i++) values[i] = i; // slice 0: 0..999
    values[500] = 1e6; // one bright speck
    values.fill(5e5, slice, 2 * slice); // slice 1: failed, ignored
    for (let i = 0; i < slice; i++) values[2 * slice + i] = i;
    const w = stackAutoWindow(values, slice, new Set([1]));
    expect(w.center).toBeGreaterThan(450);
    expect(w.center).toBeLessThan(550);
    expect(w.width).toBeGreaterThan(900);
    expect(w.width).toBeLessThan(1000);
    expect(stackAutoWindow(new Float32Array(10), 10, new Set([0]))).toEqual({ center: 0, width: 1 });
  });
});
