import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { encodeGrayPng, percentileWindow } from '../../../../../main/engine/phantom/render/png';

describe('encodeGrayPng', () => {
  it('writes an 8-bit grayscale PNG that decodes to the windowed ramp', () => {
    const cols = 64;
    const rows = 8;
    const img = new Float32Array(cols * rows);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) img[r * cols + c] = c / (cols - 1);
    const png = PNG.sync.read(encodeGrayPng(img, cols, rows, { lo: 0, hi: 1 }));
    expect([png.width, png.height]).toEqual([cols, rows]);
    expect(png.data[0]).toBe(0);
    expect(png.data[(cols - 1) * 4]).toBe(255);
    expect(png.data[32 * 4]).toBe(Math.round((32 / 63) * 255));
  });

  it('clips outside the window and rejects a size mismatch', () => {
    const img = Float32Array.from([-1, 0.5, 2, 0.25]);
    const png = PNG.sync.read(encodeGrayPng(img, 2, 2, { lo: 0, hi: 1 }));
    expect([png.data[0], png.data[8]]).toEqual([0, 255]);
    expect(() => encodeGrayPng(img, 3, 2)).toThrow(/4 pixels for 3x2/);
  });

  it('chooses a percentile window that ignores rare outliers', () => {
    const img = new Float32Array(10000).map((_, i) => (i % 100) / 100);
    img[0] = 1000;
    const w = percentileWindow(img);
    expect(w.hi).toBeLessThan(1.01);
    expect(w.lo).toBeLessThan(0.02);
  });
});
