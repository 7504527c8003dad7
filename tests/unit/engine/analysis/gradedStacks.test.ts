// decodeGradedStacks against the rules it must not change: over many generated header-only studies (roles,
// planes, slice counts, series numbers, failed slices drawn at random) it picks exactly chooseSeries' stacks
// and gives notLumbarBeforeGrading's verdict, decoding no stack of another role and no more than it needs.
import { describe, expect, it } from 'vitest';
import { chooseSeries } from '../../../../main/engine/analysis/chooseSeries';
import { decodeGradedStacks } from '../../../../main/engine/analysis/gradedStacks';
import type { ImportedStudy, ImportedStudyOf } from '../../../../main/engine/dicom/importTypes';
import { notLumbarBeforeGrading } from '../../../../main/engine/model/lumbarStudy';
import type { StackHeader, Volume } from '../../../../main/engine/volume/types';
import type { SeriesRole } from '../../../../main/shared/findings';

const SAGITTAL = [
  [0, 1, 0],
  [0, 0, -1],
  [-1, 0, 0],
] as const;
const AXIAL = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
] as const;

function header(
  series: number,
  role: SeriesRole,
  plane: 'sag' | 'ax',
  slices: number,
  spacing: number,
  seriesNumber: number,
): StackHeader {
  return {
    studyInstanceUid: '1',
    seriesInstanceUid: `s${series}`,
    seriesDescription: `series ${series}`,
    seriesNumber,
    stackIndex: 0,
    role,
    frameOfReferenceUid: 'f',
    geometry: {
      dims: [4, 4, slices],
      spacingMm: [1, 1, spacing],
      originLps: [0, 0, 0],
      direction: plane === 'sag' ? SAGITTAL : AXIAL,
      slicePositionsLps: Array.from({ length: slices }, (_, k) => [0, 0, k * spacing] as const),
    },
    instanceNumbers: Array.from({ length: slices }, (_, k) => k + 1),
    sopInstanceUids: Array.from({ length: slices }, (_, k) => `${series}.${k}`),
    filePaths: Array.from({ length: slices }, (_, k) => `/s${series}/${k}.dcm`),
    frameIndices: Array.from({ length: slices }, () => 0),
  };
}

/** xorshift32 in [0, 1): a fixed seed, so every run draws the same studies. */
function xorshift32(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}

const ROLES: SeriesRole[] = ['Sagittal T2/STIR', 'Sagittal T1', 'Axial T2', 'Other'];

function randomStudy(next: () => number): {
  headers: ImportedStudyOf<StackHeader>;
  failed: Map<StackHeader, number>;
} {
  const n = 1 + Math.floor(next() * 6);
  const failed = new Map<StackHeader, number>();
  const series = Array.from({ length: n }, (_, i) => {
    const role = ROLES[Math.floor(next() * ROLES.length)];
    const plane = next() < 0.8 ? (role === 'Axial T2' ? 'ax' : 'sag') : role === 'Axial T2' ? 'sag' : 'ax';
    const slices = 1 + Math.floor(next() * 6);
    const h = header(i, role, plane, slices, next() < 0.5 ? 3 : 4, 1 + Math.floor(next() * 3));
    failed.set(h, next() < 0.4 ? Math.floor(next() * (slices + 1)) : 0);
    return {
      seriesInstanceUid: h.seriesInstanceUid,
      seriesNumber: h.seriesNumber,
      seriesDescription: h.seriesDescription,
      modality: 'MR',
      role,
      stacks: [h],
    };
  });
  return { headers: { info: { studyInstanceUid: '1' } as ImportedStudy['info'], series }, failed };
}

const volumeOf = (h: StackHeader, failed: number): Volume => ({
  ...h,
  pixels: new Float32Array(0),
  failedSliceIndices: Array.from({ length: failed }, (_, k) => k),
});

function chosenUids(study: ImportedStudy): string | string[] {
  try {
    return chooseSeries(study).volumes.map((v) => v.seriesInstanceUid);
  } catch (e) {
    return (e as Error).message;
  }
}

describe('decodeGradedStacks', () => {
  it('picks chooseSeries’ stacks and notLumbarBeforeGrading’s verdict on 2000 random studies', async () => {
    const next = xorshift32(20261207);
    let saved = 0;
    for (let trial = 0; trial < 2000; trial++) {
      const { headers, failed } = randomStudy(next);
      const all = headers.series.flatMap((s) => s.stacks);
      const full: ImportedStudy = {
        ...headers,
        series: headers.series.map((s) => ({
          ...s,
          stacks: s.stacks.map((h) => volumeOf(h, failed.get(h)!)),
        })),
      };
      const asked: StackHeader[] = [];
      const graded = await decodeGradedStacks(headers, async (h) => {
        asked.push(h);
        return volumeOf(h, failed.get(h)!);
      });
      const verdict = notLumbarBeforeGrading(full.series.flatMap((s) => s.stacks));
      const context = JSON.stringify(
        all.map((h) => [
          h.role,
          h.geometry.dims[2],
          failed.get(h),
          h.seriesNumber,
          h.geometry.direction[2][0],
        ]),
      );
      expect(graded.notLumbar, context).toBe(verdict);
      if (verdict === undefined) expect(chosenUids(graded.study), context).toEqual(chosenUids(full));
      expect(new Set(asked).size, 'each stack decoded once').toBe(asked.length);
      expect(
        asked.every((h) => h.role !== 'Other'),
        'no stack of another role',
      ).toBe(true);
      if (verdict !== undefined) expect(asked.every((h) => h.role !== 'Axial T2')).toBe(true);
      saved += all.length - asked.length;
    }
    expect(saved, 'stacks left undecoded over all trials').toBeGreaterThan(1000);
  });
});
