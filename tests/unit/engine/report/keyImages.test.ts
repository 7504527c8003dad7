/** Tests key-image rendering on synthetic stacks (not the importer or the model). */
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { buildKeyImages } from '../../../../main/engine/report/keyImages';
import { reviewFindings } from '../../../../main/engine/report/reviewedFindings';
import { autoWindow, renderSlicePng } from '../../../../main/engine/report/slicePng';
import { AppError } from '../../../../main/shared/errors';
import { analysisRecord } from '../store/fixtures';
import { fixtureStacks, syntheticStack } from './syntheticSlices';

function decode(dataUri: string): PNG {
  expect(dataUri.startsWith('data:image/png;base64,')).toBe(true);
  return PNG.sync.read(Buffer.from(dataUri.split(',')[1], 'base64'));
}

describe('renderSlicePng', () => {
  it('renders the requested slice windowed to 8 bits with its physical size', () => {
    const v = syntheticStack('1.2.3', 'Axial T2', 40, 30, 3);
    const png = renderSlicePng(v, 2, { center: 1100, width: 200 });
    expect(png).toMatchObject({ widthPx: 40, heightPx: 30, widthMm: 32, heightMm: 18 });
    const img = decode(png.dataUri);
    expect([img.width, img.height]).toEqual([40, 30]);
    const at = (i: number, j: number): number => img.data[(j * 40 + i) * 4];
    // pixel value 100 + i + j + 20 (+1000 in the bright square); window 1000..1200
    expect(at(0, 0)).toBe(0);
    expect(at(20, 15)).toBe(Math.round(((1000 + 100 + 20 + 15 + 20 - 1000) / 200) * 255));
  });

  it('chooses a percentile window and refuses a slice outside the stack', () => {
    const w = autoWindow(Float32Array.from({ length: 101 }, (_, i) => i));
    expect(w).toEqual({ center: 50, width: 98 });
    const v = syntheticStack('1.2.3', 'Axial T2', 8, 8, 2);
    expect(() => renderSlicePng(v, 2)).toThrow(AppError);
  });
});

describe('buildKeyImages', () => {
  it('labels the sagittal slice with every level and marks each severe finding on its slice', () => {
    const a = analysisRecord('a', undefined, {
      spinal_canal_stenosis_l4_l5: 2,
      left_subarticular_stenosis_l4_l5: 2,
      right_subarticular_stenosis_l5_s1: 2,
      left_neural_foraminal_narrowing_l2_l3: 1,
    });
    const images = buildKeyImages(a, reviewFindings(a.findings, []), fixtureStacks());
    expect(images).toHaveLength(3);
    expect(images[0].title).toBe('Sagittal T2/STIR, slice 5 of 9: level labels');
    expect(images[0].labels.map((l) => [l.text, l.row])).toEqual([
      ['L1/L2', 12],
      ['L2/L3', 21],
      ['L3/L4', 30],
      ['L4/L5', 39],
      ['L5/S1', 48],
    ]);
    expect(images[1].markers.map((m) => m.text)).toEqual([
      'severe L4/L5 spinal canal stenosis',
      'severe L4/L5 left subarticular stenosis',
    ]);
    expect(images[1].title.startsWith('Axial T2, slice 4 of 10')).toBe(true);
    expect(images[2].markers).toEqual([
      { text: 'severe L5/S1 right subarticular stenosis', col: 32, row: 62 },
    ]);
  });

  it('gives no images when the volumes are not loaded', () => {
    const a = analysisRecord('a', undefined, { spinal_canal_stenosis_l4_l5: 2 });
    expect(buildKeyImages(a, reviewFindings(a.findings, []), [])).toEqual([]);
  });
});
