/**
 * Import on phantom studies against their ground truth: 50 random studies (forced missing-series and both
 * axial planning modes, which give split and multi-stack axials) imported at once; roles, stack splits and
 * sort order, label points through ijk <-> LPS, sagittal slices from patient right to left.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPaths, scanPaths } from '../../../main/engine/import/importPaths';
import type { HeaderScanResult, ImportedStudyOf } from '../../../main/engine/dicom/importTypes';
import type { GroundTruth } from '../../../main/engine/phantom/groundTruth';
import { generateStudy, type StudyOptions } from '../../../main/engine/phantom/study';
import { ijkToLps } from '../../../main/engine/volume/ijkToLps';
import { lpsToIjk } from '../../../main/engine/volume/lpsToIjk';
import { sliceIndicesRightToLeft } from '../../../main/engine/volume/sliceOrder';
import type { StackHeader } from '../../../main/engine/volume/types';
import { CONDITION_INFO, LEVELS } from '../../../main/shared/targets';
import { distance, dot, scale, sub, type Vec3 } from '../../../main/shared/vec3';

const STUDIES = 50;
const SEED = 'import-geometry-test';
let root = '';
let scan: HeaderScanResult;
const truths: GroundTruth[] = [];

function optionsFor(studyIndex: number): StudyOptions {
  const missing = ['Sagittal T1', 'Sagittal T2/STIR', 'Axial T2'] as const;
  return {
    seed: SEED,
    studyIndex,
    maxMatrix: 256,
    axialMode: studyIndex % 2 === 0 ? 'per-disc' : 'contiguous',
    missingRole: studyIndex < missing.length ? missing[studyIndex] : 'none',
  };
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'sg-phantom-import-'));
  for (let i = 0; i < STUDIES; i++) {
    const record = generateStudy(optionsFor(i), (rel, bytes) => {
      const file = path.join(root, rel);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, bytes);
    });
    truths.push(record.groundTruth);
    // Generation is synchronous: let the test runner's RPC breathe between studies.
    await new Promise((resolve) => setImmediate(resolve));
  }
  scan = await scanPaths([path.join(root, 'train_images')]);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function studyOf(gt: GroundTruth): ImportedStudyOf<StackHeader> {
  const s = scan.studies.find((st) => st.info.studyInstanceUid === gt.studyInstanceUid);
  if (!s) throw new Error(`study ${gt.studyId} not imported`);
  return s;
}

function stacksOf(gt: GroundTruth, seriesInstanceUid: string): StackHeader[] {
  const se = studyOf(gt).series.find((x) => x.seriesInstanceUid === seriesInstanceUid);
  if (!se) throw new Error(`series ${seriesInstanceUid} of study ${gt.studyId} not imported`);
  return se.stacks;
}

describe(`${STUDIES} phantom studies`, () => {
  it('cover the variants: missing series, split axials, multi-stack axials', () => {
    expect(truths.filter((t) => t.missingSeries.length > 0)).toHaveLength(3);
    expect(truths.some((t) => t.series.filter((s) => s.role === 'Axial T2').length > 1)).toBe(true);
    expect(truths.some((t) => t.series.some((s) => s.role === 'Axial T2' && s.stacks.length > 1))).toBe(true);
  });

  it('import as separate studies with every series role right and only the expected problems', () => {
    expect(scan.studies).toHaveLength(STUDIES);
    for (const gt of truths) {
      const study = studyOf(gt);
      const got = study.series.map((s) => `${s.seriesInstanceUid}=${s.role}`).sort();
      const want = gt.series.map((s) => `${s.seriesInstanceUid}=${s.role}`).sort();
      expect(got, `study ${gt.studyId}`).toEqual(want);
    }
    const unexpected = scan.problems.filter((p) => p.code !== 'MISSING_SERIES');
    expect(unexpected).toEqual([]);
    const missing = scan.problems.map((p) => p.message).sort();
    expect(missing).toHaveLength(3);
    for (const gt of truths.filter((t) => t.missingSeries.length > 0)) {
      expect(
        missing.some(
          (m) => m.includes(gt.studyInstanceUid) && m.includes(`no ${gt.missingSeries[0]} series`),
        ),
      ).toBe(true);
    }
  });

  it('split each series into the planned stacks, each sorted along its normal', () => {
    for (const gt of truths) {
      for (const s of gt.series) {
        const stacks = stacksOf(gt, s.seriesInstanceUid);
        const got = stacks.map((k) => k.instanceNumbers.join(',')).sort();
        const want = s.stacks.map((k) => k.instanceNumbers.join(',')).sort();
        expect(got, `study ${gt.studyId} series ${s.seriesId}`).toEqual(want);
        for (const k of stacks) {
          const d = k.geometry.slicePositionsLps.map((p) => dot(k.geometry.direction[2], p));
          for (let i = 1; i < d.length; i++) expect(d[i]).toBeGreaterThan(d[i - 1]);
          expect(k.geometry.dims).toEqual([s.cols, s.rows, k.instanceNumbers.length]);
          expect(k.geometry.spacingMm[0]).toBeCloseTo(s.pixelSpacingMm, 6);
        }
      }
    }
  });

  it('map every label point (instance, x, y) through ijk -> LPS onto its ground-truth point within 0.5 mm in-plane', () => {
    let checked = 0;
    for (const gt of truths) {
      for (const c of gt.coordinates) {
        const series = gt.series.find((s) => s.seriesId === c.seriesId)!;
        const stack = stacksOf(gt, series.seriesInstanceUid).find((k) =>
          k.instanceNumbers.includes(c.instanceNumber),
        )!;
        const g = stack.geometry;
        const k = stack.instanceNumbers.indexOf(c.instanceNumber);
        const info = CONDITION_INFO[c.condition];
        const level = gt.levels[c.level];
        const side = info.side === 'left' ? 'left' : 'right';
        const truth: Vec3 =
          info.group === 'spinal'
            ? level.canalCenterLps
            : info.group === 'foraminal'
              ? level.foramenLps[side]
              : level.recessLps[side];
        const ours = ijkToLps(g, [c.x, c.y, k]);
        const n = g.direction[2];
        const along = dot(sub(truth, ours), n);
        const inPlane = distance(sub(truth, scale(n, along)), ours);
        expect(inPlane, `study ${gt.studyId} ${c.condition} ${c.level}`).toBeLessThan(0.5);
        expect(Math.abs(along)).toBeLessThanOrEqual(series.sliceThicknessMm + 1e-3);
        // And back: the ground-truth point lands on that slice's pixel.
        const ijk = lpsToIjk(g, truth);
        expect(Math.hypot((ijk[0] - c.x) * g.spacingMm[0], (ijk[1] - c.y) * g.spacingMm[1])).toBeLessThan(
          0.5,
        );
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(STUDIES * 15);
  });

  it('place every disc centre inside the sagittal T2 volume and map it back within 0.5 mm', () => {
    for (const gt of truths) {
      const t2 = gt.series.find((s) => s.role === 'Sagittal T2/STIR');
      if (!t2) continue;
      const g = stacksOf(gt, t2.seriesInstanceUid)[0].geometry;
      for (const level of LEVELS) {
        const p = gt.levels[level].discCenterLps;
        const ijk = lpsToIjk(g, p);
        expect(ijk[0]).toBeGreaterThanOrEqual(0);
        expect(ijk[0]).toBeLessThanOrEqual(g.dims[0] - 1);
        expect(ijk[1]).toBeGreaterThanOrEqual(0);
        expect(ijk[1]).toBeLessThanOrEqual(g.dims[1] - 1);
        expect(ijk[2]).toBeGreaterThanOrEqual(-0.5);
        expect(ijk[2]).toBeLessThanOrEqual(g.dims[2] - 0.5);
        expect(distance(ijkToLps(g, ijk), p)).toBeLessThan(0.5);
      }
    }
  });

  it('order sagittal slices from patient right to left (right foramen before left)', () => {
    for (const gt of truths) {
      for (const s of gt.series.filter((x) => x.role !== 'Axial T2')) {
        const g = stacksOf(gt, s.seriesInstanceUid)[0].geometry;
        const order = sliceIndicesRightToLeft(g);
        const x = order.map((k) => g.slicePositionsLps[k][0]);
        for (let i = 1; i < x.length; i++) expect(x[i]).toBeGreaterThan(x[i - 1]);
        const rank = (p: Vec3): number =>
          order.indexOf(Math.round(Math.min(Math.max(lpsToIjk(g, p)[2], 0), g.dims[2] - 1)));
        const l45 = gt.levels.l4_l5;
        expect(rank(l45.foramenLps.right)).toBeLessThan(rank(l45.foramenLps.left));
      }
    }
  });

  it('decode two full studies without problems', async () => {
    const dirs = truths.slice(3, 5).map((gt) => path.join(root, 'train_images', String(gt.studyId)));
    const r = await importPaths(dirs);
    expect(r.problems).toEqual([]);
    expect(r.studies).toHaveLength(2);
    for (const v of r.studies.flatMap((s) => s.series.flatMap((se) => se.stacks))) {
      expect(v.failedSliceIndices).toEqual([]);
      expect(v.pixels.length).toBe(v.geometry.dims[0] * v.geometry.dims[1] * v.geometry.dims[2]);
      expect(Math.max(...v.pixels.subarray(0, v.geometry.dims[0] * v.geometry.dims[1]))).toBeGreaterThan(0);
    }
  });
});
