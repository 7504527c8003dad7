// The stack registry: image ids per slice, pixels fetched once per stack (also when asked concurrently),
// typed by dtype and checked against the dims, the engine's message on failure, failed slices by index;
// the metadata provider answers Cornerstone's modules from the engine's geometry.
import { describe, expect, it } from 'vitest';
import type { StackPixels } from '../../../../main/shared/apiWorkspace';
import type { Result } from '../../../../main/shared/errors';
import { createMetadataProvider } from '../../../../renderer/src/viewer/metadataProvider';
import { imageIdOf, StackRegistry, typedPixels } from '../../../../renderer/src/viewer/stackRegistry';
import { studyDetail } from './viewerFixture';

function pixelsOf(cols: number, rows: number, n: number, dtype: StackPixels['dtype'] = 'int16'): StackPixels {
  const bytes = dtype === 'float32' ? 4 : 2;
  return {
    seriesInstanceUid: 's',
    stackIndex: 0,
    dims: [cols, rows, n],
    dtype,
    pixels: new ArrayBuffer(cols * rows * n * bytes),
    minValue: 0,
    maxValue: 100,
    autoWindow: { center: 50, width: 90 },
    failedSlices: [{ sliceIndex: 3, message: 'truncated file' }],
  };
}

describe('typedPixels', () => {
  it('gives the element type of dtype and refuses a short buffer or a non-binary field', () => {
    expect(typedPixels(pixelsOf(4, 3, 2, 'int16'))).toBeInstanceOf(Int16Array);
    expect(typedPixels(pixelsOf(4, 3, 2, 'uint16'))).toBeInstanceOf(Uint16Array);
    expect(typedPixels(pixelsOf(4, 3, 2, 'float32'))).toHaveLength(24);
    expect(() => typedPixels({ ...pixelsOf(4, 3, 2), pixels: new ArrayBuffer(10) })).toThrow(
      /incomplete \(10 of 48 bytes\)/,
    );
    expect(() => typedPixels({ ...pixelsOf(4, 3, 2), pixels: {} as ArrayBuffer })).toThrow(
      /did not arrive as binary/,
    );
  });
});

describe('StackRegistry', () => {
  it('names every slice, fetches a stack once, keeps failed slices by index', async () => {
    let calls = 0;
    const reg = new StackRegistry(async (): Promise<Result<StackPixels>> => {
      calls++;
      return { ok: true, value: pixelsOf(64, 48, 15) };
    });
    reg.setStudy(studyDetail());
    const e = reg.get('sag-t2', 0);
    expect(e?.imageIds[14]).toBe(imageIdOf('sag-t2', 0, 14));
    expect(reg.resolve(imageIdOf('ax-t2', 1, 9))?.k).toBe(9);
    expect(reg.resolve('spinegrade:nope/0/0')).toBeUndefined();
    if (!e) throw new Error('no stack');
    const [a, b] = await Promise.all([reg.pixels(e), reg.pixels(e)]);
    expect(a).toBe(b);
    expect(calls).toBe(1);
    expect(reg.loadedPixels(e)?.failed.get(3)).toBe('truncated file');
    expect(e.frameOfReferenceUid).toBe(reg.get('ax-t2', 1)?.frameOfReferenceUid);
  });

  it("rejects with the engine's message and tries again next time", async () => {
    let calls = 0;
    const reg = new StackRegistry(async (): Promise<Result<StackPixels>> => {
      calls++;
      return {
        ok: false,
        error: { code: 'NOT_FOUND', message: 'The files of this series have moved.' },
      } as Result<StackPixels>;
    });
    reg.setStudy(studyDetail());
    const e = reg.get('ax-t2', 0);
    if (!e) throw new Error('no stack');
    await expect(reg.pixels(e)).rejects.toThrow('The files of this series have moved.');
    await expect(reg.pixels(e)).rejects.toThrow();
    expect(calls).toBe(2);
  });
});

describe('metadata provider', () => {
  it('imagePlaneModule from the engine geometry: IPP per slice, IOP, (0028,0030) as [row, column] spacing', () => {
    const reg = new StackRegistry(async () => ({ ok: true, value: pixelsOf(64, 48, 10) }));
    const d = studyDetail();
    reg.setStudy(d);
    const get = createMetadataProvider(reg);
    const id = imageIdOf('ax-t2', 1, 4);
    const plane = get('imagePlaneModule', id) as Record<string, unknown>;
    const g = d.series[2].stacks[1].geometry;
    expect(plane.imagePositionPatient).toEqual([...g.slicePositionsLps[4]]);
    expect(plane.imageOrientationPatient).toEqual([1, 0, 0, 0, 1, 0]);
    expect(plane.pixelSpacing).toEqual([0.9, 0.8]);
    expect(plane.columnPixelSpacing).toBe(0.8);
    expect(plane.rowPixelSpacing).toBe(0.9);
    expect([plane.rows, plane.columns]).toEqual([48, 64]);
    expect(plane.frameOfReferenceUID).toBe(
      (get('imagePlaneModule', imageIdOf('sag-t1', 0, 0)) as Record<string, unknown>).frameOfReferenceUID,
    );
    expect((get('generalSeriesModule', id) as Record<string, unknown>).seriesDescription).toBe('AX T2');
    expect((get('sopCommonModule', id) as Record<string, unknown>).sopInstanceUID).toBe('ax-t2.1.4');
    expect(get('voiLutModule', id)).toBeUndefined();
    expect(get('imagePlaneModule', 'wadouri:http://x')).toBeUndefined();
  });
});
