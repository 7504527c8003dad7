/**
 * PNG images for the evaluator and model card: a reliability (calibration) plot and confusion matrices,
 * drawn with a tiny rasteriser (rectangles, lines, a 3x5 pixel font) on pngjs. Never imports electron.
 */
import { PNG } from 'pngjs';
import { CONDITION_INFO } from '../../shared/targets';
import type { ConditionStats, ReliabilityBin } from './metricReport';

type Rgb = readonly [number, number, number];

const FONT: Record<string, string> = {
  '0': '111101101101111',
  '1': '010110010010111',
  '2': '111001111100111',
  '3': '111001111001111',
  '4': '101101111001001',
  '5': '111100111001111',
  '6': '111100111101111',
  '7': '111001001001001',
  '8': '111101111101111',
  '9': '111101111001111',
  '.': '000000000000010',
  '-': '000000111000000',
  '%': '101001010100101',
  S: '111100111001111',
  C: '111100100100111',
  L: '100100100100111',
  N: '110101101101101',
  F: '111100110100100',
  R: '110101110101101',
  P: '111101111100100',
  O: '111101101101111',
  B: '110101110101110',
  T: '111010010010010',
  U: '101101101101111',
  E: '111100110100111',
  D: '110101101101110',
  M: '101111111101101',
  V: '101101101101010',
};

class Canvas {
  readonly png: PNG;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.png = new PNG({ width, height });
    this.rect(0, 0, width, height, [255, 255, 255]);
  }

  rect(x: number, y: number, w: number, h: number, c: Rgb): void {
    for (let yy = Math.max(0, Math.round(y)); yy < Math.min(this.height, Math.round(y + h)); yy++) {
      for (let xx = Math.max(0, Math.round(x)); xx < Math.min(this.width, Math.round(x + w)); xx++) {
        const o = (yy * this.width + xx) * 4;
        this.png.data[o] = c[0];
        this.png.data[o + 1] = c[1];
        this.png.data[o + 2] = c[2];
        this.png.data[o + 3] = 255;
      }
    }
  }

  line(x0: number, y0: number, x1: number, y1: number, c: Rgb, width = 1): void {
    const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
    for (let s = 0; s <= steps; s++) {
      this.rect(
        x0 + ((x1 - x0) * s) / steps - width / 2,
        y0 + ((y1 - y0) * s) / steps - width / 2,
        width,
        width,
        c,
      );
    }
  }

  /** Text in the 3x5 font, each font pixel drawn as a scale x scale square. */
  text(x: number, y: number, s: string, scale: number, c: Rgb = [0, 0, 0]): void {
    [...s.toUpperCase()].forEach((ch, n) => {
      const g = FONT[ch];
      if (!g) return;
      for (let p = 0; p < 15; p++)
        if (g[p] === '1')
          this.rect(x + (n * 4 + (p % 3)) * scale, y + Math.floor(p / 3) * scale, scale, scale, c);
    });
  }

  toBuffer(): Buffer {
    return PNG.sync.write(this.png);
  }
}

/**
 * Reliability plot: per bin a bar of the observed frequency (blue) and a marker at the mean predicted
 * probability (red) over the diagonal (grey); bar shade lighter for bins with few pairs.
 */
export function reliabilityPng(bins: readonly ReliabilityBin[]): Buffer {
  const size = 400;
  const m = 40;
  const c = new Canvas(size + 2 * m, size + 2 * m);
  const maxCount = Math.max(1, ...bins.map((b) => b.count));
  const bw = size / bins.length;
  bins.forEach((b, i) => {
    if (b.count === 0) return;
    const shade = Math.round(200 - 150 * Math.min(1, Math.log1p(b.count) / Math.log1p(maxCount)));
    const h = b.observedRate * size;
    c.rect(m + i * bw + 2, m + size - h, bw - 4, h, [shade, shade, 255]);
    const py = m + size - b.meanPredicted * size;
    c.rect(m + i * bw + bw / 2 - 4, py - 2, 8, 4, [220, 30, 30]);
  });
  c.line(m, m + size, m + size, m, [150, 150, 150], 2);
  c.line(m, m + size, m + size, m + size, [0, 0, 0], 2);
  c.line(m, m, m, m + size, [0, 0, 0], 2);
  c.text(m - 4, m + size + 8, '0', 3);
  c.text(m + size - 4, m + size + 8, '1', 3);
  c.text(m - 20, m - 6, '1', 3);
  return c.toBuffer();
}

/** Confusion matrices, one panel per condition: rows true class, columns predicted; shade = row share. */
export function confusionPng(stats: readonly ConditionStats[]): Buffer {
  const cell = 56;
  const gap = 24;
  const top = 36;
  const c = new Canvas(stats.length * (3 * cell + gap) + gap, top + 3 * cell + gap);
  stats.forEach((s, n) => {
    const x0 = gap + n * (3 * cell + gap);
    c.text(x0, 8, CONDITION_INFO[s.condition].short, 4);
    s.confusion.forEach((row, t) => {
      const total = row[0] + row[1] + row[2];
      row.forEach((v, p) => {
        const share = total > 0 ? v / total : 0;
        const shade = Math.round(255 - 200 * share);
        c.rect(
          x0 + p * cell,
          top + t * cell,
          cell - 2,
          cell - 2,
          t === p ? [shade, 255, shade] : [255, shade, shade],
        );
        c.text(x0 + p * cell + 6, top + t * cell + 20, String(v), 3);
      });
    });
  });
  return c.toBuffer();
}
