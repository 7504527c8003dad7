import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeNpy, NpyRowWriter, readNpy, writeNpy } from '../../../../main/engine/model/npy';
import { PYTHON } from './onnxFixtures';

const dir = mkdtempSync(join(tmpdir(), 'sg-npy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const numpyCheck = spawnSync(PYTHON, ['-c', 'import numpy'], { encoding: 'utf8' });
const noNumpy = numpyCheck.status === 0 ? undefined : `${PYTHON} with numpy is not available`;
if (noNumpy) console.warn(`numpy cross-check skipped: ${noNumpy}`);

function py(code: string): string {
  const r = spawnSync(PYTHON, ['-c', code], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

describe('npy', () => {
  it('round-trips float32 and int64 in TypeScript', () => {
    const f = new Float32Array([1.5, -2, 3.25, Number.NaN, 1e-7, 7]);
    writeNpy(join(dir, 'f.npy'), { dtype: 'float32', shape: [2, 3], data: f });
    const back = readNpy(join(dir, 'f.npy'));
    expect(back.shape).toEqual([2, 3]);
    expect(Array.from(back.data as Float32Array)).toEqual(Array.from(f));
    const i = new BigInt64Array([-1n, 0n, 2n, 9007199254740993n]);
    writeNpy(join(dir, 'i.npy'), { dtype: 'int64', shape: [4], data: i });
    const bi = readNpy(join(dir, 'i.npy'));
    expect(bi.dtype).toBe('int64');
    expect(bi.shape).toEqual([4]);
    expect(Array.from(bi.data as BigInt64Array)).toEqual(Array.from(i));
    expect(readFileSync(join(dir, 'f.npy')).length % 64).toBe(24); // 64-byte aligned header + 6 x 4 data bytes
  });

  it('rejects a shape that does not match the data and a damaged file', () => {
    expect(() =>
      writeNpy(join(dir, 'x.npy'), { dtype: 'float32', shape: [2, 2], data: new Float32Array(3) }),
    ).toThrow(/holds 4 values/);
    writeFileSync(join(dir, 'bad.npy'), Buffer.from('not numpy'));
    expect(() => readNpy(join(dir, 'bad.npy'))).toThrow(/magic/);
    const good = readFileSync(join(dir, 'f.npy'));
    expect(() => decodeNpy(good.subarray(0, good.length - 4), 'cut')).toThrow(/truncated/);
  });

  it('streams rows and patches the row count on close', () => {
    const w = new NpyRowWriter(join(dir, 's.npy'), 'float32', [2, 2]);
    for (let r = 0; r < 3; r++) w.append(new Float32Array([r, r + 0.5, -r, 10 * r]));
    expect(() => w.append(new Float32Array(3))).toThrow(/row has 3 values/);
    w.close();
    const a = readNpy(join(dir, 's.npy'));
    expect(a.shape).toEqual([3, 2, 2]);
    expect(Array.from(a.data as Float32Array).slice(8)).toEqual([2, 2.5, -2, 20]);
  });

  it.skipIf(noNumpy !== undefined)('is read by numpy.load with the same values', () => {
    const f = join(dir, 'f.npy');
    expect(
      py(
        `import numpy as np; a = np.load('${f}'); print(a.dtype, a.shape, a[0, 2], a[1, 1], np.isnan(a[1, 0]))`,
      ),
    ).toBe('float32 (2, 3) 3.25 1e-07 True');
    const i = join(dir, 'i.npy');
    expect(py(`import numpy as np; a = np.load('${i}'); print(a.dtype, a.shape, a.tolist())`)).toBe(
      'int64 (4,) [-1, 0, 2, 9007199254740993]',
    );
    const w = new NpyRowWriter(join(dir, 'empty.npy'), 'int64', [5]);
    w.close();
    expect(py(`import numpy as np; a = np.load('${join(dir, 'empty.npy')}'); print(a.dtype, a.shape)`)).toBe(
      'int64 (0, 5)',
    );
    const s = join(dir, 's.npy');
    expect(
      py(`import numpy as np; a = np.load('${s}', mmap_mode='r'); print(a.shape, float(a[2, 1, 1]))`),
    ).toBe('(3, 2, 2) 20.0');
  });

  it.skipIf(noNumpy !== undefined)('reads what numpy.save writes', () => {
    const f = join(dir, 'np.npy');
    py(`import numpy as np; np.save('${f}', np.arange(12, dtype=np.float32).reshape(3, 4) / 4)`);
    const a = readNpy(f);
    expect(a.shape).toEqual([3, 4]);
    expect((a.data as Float32Array)[11]).toBe(2.75);
  });
});
