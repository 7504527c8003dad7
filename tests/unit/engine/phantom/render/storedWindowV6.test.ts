/**
 * Phantom v6 stored window ((0028,1050)/(0028,1051), what the app shows by default): fat bright but not clipped,
 * air black, and marrow, muscle, CSF and disc apart in the middle of the grey scale. Measured on slices made as
 * the generator makes them (drawSeriesIntensity + instancePixels), with the label grid telling the tissue.
 */
import { describe, expect, it } from 'vitest';
import type { Contrast, SpineAnatomy } from '../../../../../main/engine/phantom/anatomyTypes';
import { Tissue } from '../../../../../main/engine/phantom/anatomy/tissues';
import { windowOf } from '../../../../../main/engine/phantom/headers';
import type { SeriesPlan } from '../../../../../main/engine/phantom/layoutTypes';
import { drawSeriesIntensity, instancePixels } from '../../../../../main/engine/phantom/pixels';
import { createRng } from '../../../../../main/engine/rng';
import type { SliceGeometry } from '../../../../../main/shared/sliceGeometry';
import { add, scale } from '../../../../../main/shared/vec3';
import { axialAt, build, labelAtLps, sagittalThrough } from './phantomFixtures';

const N = 256;

/** Display value (0..1, unclipped) of every pixel under the stored window, and each pixel's label. */
function displayed(
  a: SpineAnatomy,
  geo: SliceGeometry,
  contrast: Contrast,
  seed: string,
): { shown: Float64Array; labels: Uint8Array } {
  const rng = createRng(seed);
  const intensity = drawSeriesIntensity(rng.fork('intensity'), seed.endsWith('12') ? 12 : 16);
  const plan = {
    key: 'w',
    role: 'Sagittal T1',
    contrast,
    cols: N,
    rows: N,
    pixelSpacingMm: geo.pixelSpacingMm[0],
    sliceThicknessMm: 3.5,
    spacingBetweenSlicesMm: 4,
    stacks: [],
    instanceNumbers: [],
  } satisfies SeriesPlan;
  const px = instancePixels(a, plan, geo, intensity, rng.fork('noise'));
  const w = windowOf(px);
  const lo = w.center - w.width / 2;
  const shown = new Float64Array(px.length);
  const labels = new Uint8Array(px.length);
  const [sr, sc] = geo.pixelSpacingMm;
  for (let r = 0; r < N; r++)
    for (let c = 0; c < N; c++) {
      const p = add(
        add(geo.positionLps, scale(geo.rowDirection, c * sc)),
        scale(geo.columnDirection, r * sr),
      );
      labels[r * N + c] = labelAtLps(a, p);
      shown[r * N + c] = (px[r * N + c] - lo) / w.width;
    }
  return { shown, labels };
}

function median(
  shown: Float64Array,
  labels: Uint8Array,
  tissue: number,
): { median: number; clipped: number } {
  const v: number[] = [];
  for (let i = 0; i < shown.length; i++) if (labels[i] === tissue) v.push(shown[i]);
  v.sort((x, y) => x - y);
  return { median: v[v.length >> 1], clipped: v.filter((x) => x >= 1).length / Math.max(1, v.length) };
}

describe('phantom v6 stored window', () => {
  for (const seed of ['window-1-12', 'window-2-16']) {
    const a = build(seed);
    it(`sagittal T1 (${seed}): fat bright, not clipped; air black; marrow above muscle`, () => {
      const geo = sagittalThrough(a, a.levels.l4_l5.foramenLps.left, 300, N);
      const { shown, labels } = displayed(a, geo, 'T1', seed);
      const fat = median(shown, labels, Tissue.Fat);
      expect(fat.median).toBeGreaterThan(0.5);
      expect(fat.median).toBeLessThan(0.92);
      expect(fat.clipped).toBeLessThan(0.003);
      expect(median(shown, labels, Tissue.Air).median).toBeLessThan(0.04);
      const marrow = median(shown, labels, Tissue.Marrow).median;
      const muscle = median(shown, labels, Tissue.Muscle).median;
      // 0.1 of the window: v6 T1 marrow (0.52) sits nearer muscle than v5 (0.64), as in the real reference.
      expect(marrow - muscle).toBeGreaterThan(0.1);
    });
    it(`mid-sagittal T2 (${seed}): CSF bright and apart from marrow; fat not clipped`, () => {
      const geo = sagittalThrough(a, a.levels.l3_l4.canalCenterLps, 300, N);
      const { shown, labels } = displayed(a, geo, 'T2', seed);
      const fat = median(shown, labels, Tissue.Fat);
      expect(fat.clipped).toBeLessThan(0.003);
      expect(fat.median).toBeLessThan(0.9);
      const csf = median(shown, labels, Tissue.Csf);
      expect(csf.median - median(shown, labels, Tissue.Marrow).median).toBeGreaterThan(0.2);
      expect(csf.median).toBeGreaterThan(0.7);
    });
    it(`axial T2 (${seed}): fat not clipped`, () => {
      const { shown, labels } = displayed(a, axialAt(a, 'l4_l5', 190, N), 'T2', seed);
      const fat = median(shown, labels, Tissue.Fat);
      expect(fat.clipped).toBeLessThan(0.003);
      expect(fat.median).toBeLessThan(0.9);
      expect(fat.median).toBeGreaterThan(0.5);
    });
  }
});
