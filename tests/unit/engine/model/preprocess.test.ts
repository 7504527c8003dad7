import { describe, expect, it } from 'vitest';
import {
  axialCrops,
  axialPatientAxes,
  foramenCrops,
  sagittalCrop,
  type CropSpec,
} from '../../../../main/engine/model/crops';
import { nearestAxialSlice } from '../../../../main/engine/model/crossReference';
import {
  channelPeak,
  decodeForamina,
  decodeLevelPoints,
  heatmapToSource,
  localizerImage,
  resampleSlice,
  resampleSliceBilinear,
  sourceToHeatmap,
  type SlicePeaks,
} from '../../../../main/engine/model/localizerInput';
import {
  intensityRange,
  normalizeIntensity,
  volumeIntensityRange,
} from '../../../../main/engine/model/normalize';
import { insideSlice, lpsToSliceIj, voxelToLps } from '../../../../main/engine/model/volumeGeometry';
import { add, dot, scale, type Vec3 } from '../../../../main/shared/vec3';
import type { Volume } from '../../../../main/engine/volume/types';
import { linearField, makeVolume, SAG_U, SAG_V, tiltedAxial, tiltedAxialVolume } from './syntheticVolume';

/** A sagittal synthetic volume centred at the origin (image axes SAG_U, SAG_V). */
function sagittalVolume(
  dims: [number, number, number],
  pixelMm: [number, number],
  sliceSpacingMm: number,
  role: Volume['role'],
  f: (p: Vec3) => number,
): Volume {
  return makeVolume({
    dims,
    pixelMm,
    sliceSpacingMm,
    u: SAG_U,
    v: SAG_V,
    centreLps: [0, 0, 0],
    role,
    field: f,
  });
}

const spec: CropSpec = { slices: 5, px: 16, cropMm: 12, recessOffsetMm: 12 };
const field = linearField([3, 2, 1]);
const sag = sagittalVolume([96, 96, 15], [0.8, 0.8], 4, 'Sagittal T2/STIR', field);

/** Normalised value the crop must hold at patient point p. */
function expected(vol: Volume, p: Vec3): number {
  return normalizeIntensity(field(p), volumeIntensityRange(vol));
}

/** Patient point of output pixel (a, b) of a crop centred at c with axes (col, row). */
function cropPoint(c: Vec3, col: Vec3, row: Vec3, a: number, b: number): Vec3 {
  const step = spec.cropMm / spec.px;
  const half = spec.px / 2 - 0.5;
  return add(c, add(scale(col, (a - half) * step), scale(row, (b - half) * step)));
}

describe('normalize', () => {
  it('uses p1/p99 and clips to [0, 1.5]', () => {
    const ramp = Float32Array.from({ length: 101 }, (_, i) => i);
    const r = intensityRange(ramp);
    expect(r).toEqual({ p1: 1, p99: 99 });
    expect(normalizeIntensity(50, r)).toBeCloseTo(49 / 98, 12);
    expect(normalizeIntensity(-5, r)).toBe(0);
    expect(normalizeIntensity(1e6, r)).toBe(1.5);
    expect(normalizeIntensity(3, { p1: 2, p99: 2 })).toBe(0);
  });
});

describe('volume geometry', () => {
  it('round-trips voxel <-> patient mm on an oblique stack', () => {
    const { u, v } = tiltedAxial(17);
    const ax = makeVolume({
      dims: [20, 30, 6],
      pixelMm: [0.7, 0.9],
      sliceSpacingMm: 3.5,
      u,
      v,
      centreLps: [4, -3, 20],
      role: 'Axial T2',
      field,
    });
    const p = voxelToLps(ax, 3.25, 17.5, 4);
    const back = lpsToSliceIj(ax, 4, p);
    expect(back.i).toBeCloseTo(3.25, 9);
    expect(back.j).toBeCloseTo(17.5, 9);
    expect(back.distanceMm).toBeCloseTo(0, 9);
    expect(lpsToSliceIj(ax, 2, p).distanceMm).toBeCloseTo(7, 9);
  });
});

describe('sagittal crops', () => {
  it('samples in mm in image axes, centred on the point projected onto the nearest slice', () => {
    const q: Vec3 = [1, 3.3, -7.1];
    const { data, centre } = sagittalCrop(sag, q, spec);
    expect(centre.k).toBe(7); // slice x = 28 - 4k: k = 7 at x = 0, 1 mm from q
    expect(centre.positionLps[0]).toBeCloseTo(0, 9);
    const plane = spec.px * spec.px;
    // slices ordered by patient x ascending: n = -x here, so s = 0 is k = 9 (x = -8)
    for (const [s, x] of [
      [0, -8],
      [2, 0],
      [4, 8],
    ] as const) {
      for (const [a, b] of [
        [0, 0],
        [7, 9],
        [15, 3],
      ] as const) {
        const p = cropPoint([x, q[1], q[2]], SAG_U, SAG_V, a, b);
        expect(data[s * plane + b * spec.px + a]).toBeCloseTo(expected(sag, p), 4);
      }
    }
  });

  it('runs foramen crops lateral -> medial on both sides', () => {
    const right: Vec3 = [-20, 0, 0];
    const left: Vec3 = [20, 0, 0];
    const { data, centres } = foramenCrops(sag, right, left, spec);
    const plane = spec.px * spec.px;
    const mid = (v: number, s: number) => data[v * spec.slices * plane + s * plane + 8 * spec.px + 8];
    expect(mid(0, 0)).toBeLessThan(mid(0, 4)); // right: x grows from lateral (-28) to medial (-12)
    expect(mid(1, 0)).toBeGreaterThan(mid(1, 4)); // left: x falls from lateral (28) to medial (12)
    expect(centres[0].positionLps[0]).toBeCloseTo(-20, 9);
    expect(centres[1].positionLps[0]).toBeCloseTo(20, 9);
  });

  it('fills slices beyond the stack with zeros', () => {
    const { data } = sagittalCrop(sag, [-28, 0, 0], spec); // k = 14, the last slice
    const plane = spec.px * spec.px;
    // n = -x: k 15, 16 do not exist; they are the lowest-x slots s = 0, 1
    expect(data.subarray(0, 2 * plane).every((x) => x === 0)).toBe(true);
    expect(data.subarray(2 * plane).some((x) => x > 0)).toBe(true);
  });
});

describe('axial crops', () => {
  const ax = tiltedAxialVolume(field);

  it('follows patient axes, recesses offset along x, left mirrored', () => {
    const lp: Vec3 = [0.5, 8, -29];
    const k = nearestAxialSlice([ax], lp);
    if (!k.covered) throw new Error(k.reason);
    const { data, centres } = axialCrops(ax, lp, k.k, spec);
    const { lateral, ap } = axialPatientAxes(ax);
    expect(dot(lateral, [1, 0, 0])).toBeCloseTo(1, 9);
    expect(dot(ap, [0, 1, 0])).toBeGreaterThan(0.9);
    expect(centres[1].positionLps[0] - centres[0].positionLps[0]).toBeCloseTo(-12, 9);
    expect(centres[2].positionLps[0] - centres[0].positionLps[0]).toBeCloseTo(12, 9);
    const plane = spec.px * spec.px;
    const axes: Array<[Vec3, Vec3]> = [
      [lateral, ap],
      [lateral, ap],
      [scale(lateral, -1), ap],
    ];
    for (let view = 0; view < 3; view++) {
      for (const [a, b] of [
        [0, 0],
        [11, 4],
      ] as const) {
        const p = cropPoint(centres[view].positionLps, axes[view][0], axes[view][1], a, b);
        expect(data[(view * spec.slices + 2) * plane + b * spec.px + a]).toBeCloseTo(expected(ax, p), 4);
      }
    }
  });
});

describe('axial cross-referencing', () => {
  const discs: Array<{ z: number; tilt: number }> = [
    { z: -10, tilt: 5 },
    { z: -40, tilt: -8 },
    { z: -70, tilt: 20 },
  ];
  const stacks = discs.map((d, s) => {
    const { u, v } = tiltedAxial(d.tilt);
    return makeVolume({
      dims: [40, 40, 5],
      pixelMm: [1, 1],
      sliceSpacingMm: 4,
      u,
      v,
      centreLps: [0, 0, d.z],
      role: 'Axial T2',
      stackIndex: s,
      field,
    });
  });

  it('assigns each level to the nearest slice over every stack', () => {
    discs.forEach((d, s) => {
      const m = nearestAxialSlice(stacks, [1, 2, d.z + 1.2]);
      if (!m.covered) throw new Error(m.reason);
      expect(m.stack).toBe(s);
      expect(m.k).toBe(2);
      expect(Math.abs(m.distanceMm)).toBeLessThan(1.5);
    });
    const between = nearestAxialSlice(stacks, [0, 0, -17]); // 7 mm below stack 0's centre: its k = 0 (z ~ -18)
    if (!between.covered) throw new Error(between.reason);
    expect(between.stack).toBe(0);
    expect(between.k).toBe(0);
  });

  it('reports levels the stacks do not reach, or no axial series', () => {
    const far = nearestAxialSlice(stacks, [0, 0, -100]);
    expect(far.covered).toBe(false);
    if (!far.covered)
      expect(far.reason).toMatch(
        /do not cover this level \(nearest slice \d+\.\d mm away, tolerance 6\.0 mm\)/,
      );
    const outside = nearestAxialSlice(stacks, [0, 200, -40]);
    expect(outside.covered).toBe(false);
    const none = nearestAxialSlice([], [0, 0, 0]);
    expect(none.covered === false && none.reason).toBe('no axial T2 series');
  });
});

describe('localizer input and decoding', () => {
  const vol = sagittalVolume([128, 96, 6], [0.6, 0.7], 3.5, 'Sagittal T2/STIR', field);

  it('stacks k-1, k, k+1 resampled to 256 x 256 with edges repeated', () => {
    const img = localizerImage(vol, 0);
    const n = 256 * 256;
    expect(img.length).toBe(3 * n);
    expect(Array.from(img.subarray(0, 100))).toEqual(Array.from(img.subarray(n, n + 100)));
    const a = 101;
    const b = 57;
    const i = ((a + 0.5) * 128) / 256 - 0.5;
    const j = ((b + 0.5) * 96) / 256 - 0.5;
    expect(img[2 * n + b * 256 + a]).toBeCloseTo(expected(vol, voxelToLps(vol, i, j, 1)), 4);
  });

  it('maps heatmap px <-> source px consistently', () => {
    const h = sourceToHeatmap(vol, 40.25, 70.5);
    const s = heatmapToSource(vol, h.x, h.y);
    expect(s.i).toBeCloseTo(40.25, 9);
    expect(s.j).toBeCloseTo(70.5, 9);
    expect(sourceToHeatmap(vol, -0.5, -0.5)).toEqual({ x: -0.5, y: -0.5 });
  });

  it('finds a sub-pixel peak by a Gaussian fit', () => {
    const hm = new Float32Array(10 * 64 * 64);
    const [x0, y0] = [20.3, 40.6];
    for (let y = 0; y < 64; y++)
      for (let x = 0; x < 64; x++) hm[3 * 4096 + y * 64 + x] = Math.exp(-((x - x0) ** 2 + (y - y0) ** 2) / 8);
    const p = channelPeak(hm, 0, 3, 10, 64, 64);
    expect(Math.abs(p.x - x0)).toBeLessThan(1e-3);
    expect(Math.abs(p.y - y0)).toBeLessThan(1e-3);
    expect(p.value).toBeGreaterThan(0.9);
  });

  it('decodes level points from the best slice and foramen sides from patient x', () => {
    const peaks = (k: number, level: number, foramen: number): SlicePeaks => ({
      volume: vol,
      k,
      heatmapPx: 64,
      peaks: Array.from({ length: 10 }, (_, c) => ({ value: c < 5 ? level : foramen, x: 32, y: 10 + c })),
    });
    // n = -x: slice k sits at x = 8.75 - 3.5k; k = 0 is patient left of the midline, k = 5 right
    const slices = [peaks(0, 0.1, 0.7), peaks(2, 0.9, 0.2), peaks(3, 0.8, 0.3), peaks(5, 0.02, 0.6)];
    const levels = decodeLevelPoints(slices);
    expect(levels.every((p) => p?.k === 2)).toBe(true);
    const mid = levels.map((p) => (p ? p.positionLps[0] : null));
    const fo = decodeForamina(slices, mid);
    expect(fo[0].left?.k).toBe(0);
    expect(fo[0].right?.k).toBe(5);
    expect(fo[0].left!.positionLps[0]).toBeGreaterThan(mid[0]!);
    expect(decodeLevelPoints([peaks(1, 0.01, 0)])[0]).toBeNull();
  });
});

/**
 * Test oracle, written independently of the engine's inlined samplers: the bilinear sample of slice k
 * at continuous (i, j) as a weighted sum of its four neighbours (edge pixels extended by half a pixel),
 * `outside` beyond the image.
 */
function sampleBilinear(vol: Volume, k: number, i: number, j: number, outside = 0): number {
  const [cols, rows, slices] = vol.geometry.dims;
  if (k < 0 || k >= slices || !insideSlice(vol, i, j)) return outside;
  const x = Math.min(Math.max(i, 0), cols - 1);
  const y = Math.min(Math.max(j, 0), rows - 1);
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  let sum = 0;
  for (const [dx, wx] of [
    [0, 1 - (x - x0)],
    [1, x - x0],
  ]) {
    for (const [dy, wy] of [
      [0, 1 - (y - y0)],
      [1, y - y0],
    ]) {
      const px = Math.min(x0 + dx, cols - 1);
      const py = Math.min(y0 + dy, rows - 1);
      sum += wx * wy * vol.pixels[(k * rows + py) * cols + px];
    }
  }
  return sum;
}

describe('inlined samplers', () => {
  // A rough texture (not a smooth field), so any difference in the interpolation shows.
  const rough = (p: Vec3): number =>
    Math.abs(Math.sin(p[0] * 12.9898 + p[1] * 78.233 + p[2] * 37.719) * 4375.5) % 900;
  const vol = sagittalVolume([90, 70, 5], [0.7, 0.9], 3.3, 'Sagittal T2/STIR', rough);
  const r = volumeIntensityRange(vol);

  it('resampleSlice equals sampleBilinear + normalizeIntensity (general and 512 -> 256 paths)', () => {
    const big = sagittalVolume([512, 512, 3], [0.5, 0.5], 4, 'Sagittal T2/STIR', rough);
    for (const v of [vol, big]) {
      const [cols, rows] = v.geometry.dims;
      const range = volumeIntensityRange(v);
      const out = new Float32Array(256 * 256);
      resampleSlice(v, 2, out);
      const at = (a: number, src: number): number =>
        Math.min(src - 1, Math.max(0, ((a + 0.5) * src) / 256 - 0.5));
      for (let b = 0; b < 256; b += 3) {
        for (let a = 0; a < 256; a += 5) {
          const want = normalizeIntensity(sampleBilinear(v, 2, at(a, cols), at(b, rows)), range);
          expect(out[b * 256 + a], `${cols}x${rows} at ${a},${b}`).toBeCloseTo(want, 5);
        }
      }
    }
  });

  it('the 512 -> 256 halving path gives the same bits as the general bilinear path', () => {
    const big = sagittalVolume([512, 512, 2], [0.5, 0.5], 4, 'Sagittal T1', rough);
    const fast = new Float32Array(256 * 256);
    const general = new Float32Array(256 * 256);
    resampleSlice(big, 1, fast);
    resampleSliceBilinear(big, 1, general);
    expect(fast).toEqual(general);
    expect(fast.some((x) => x > 0)).toBe(true);
  });

  it('sagittal crops equal sampleBilinear + normalizeIntensity at each crop point', () => {
    const p: Vec3 = voxelToLps(vol, 41.3, 30.8, 2);
    const { data } = sagittalCrop(vol, p, spec);
    const [u, v] = vol.geometry.direction;
    // The centre slice (crop slice 2 is stack slice 2 whichever way the run is ordered).
    for (const [s, k] of [[2, 2]]) {
      for (let b = 0; b < spec.px; b++) {
        for (let a = 0; a < spec.px; a++) {
          const q = cropPoint(p, u, v, a, b);
          const { i, j } = lpsToSliceIj(vol, k, q);
          const raw = sampleBilinear(vol, k, i, j, Number.NaN);
          const want = Number.isNaN(raw) ? 0 : normalizeIntensity(raw, r);
          expect(data[s * spec.px * spec.px + b * spec.px + a]).toBeCloseTo(want, 5);
        }
      }
    }
  });
});
