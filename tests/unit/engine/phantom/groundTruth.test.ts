import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroundTruth, GroundTruthSeries } from '../../../../main/engine/phantom/groundTruth';
import { fileSinkAt } from '../../../../main/engine/phantom/sink';
import { generateStudy } from '../../../../main/engine/phantom/study';
import { lpsToPixel, pixelToLps, sliceNormal } from '../../../../main/shared/sliceGeometry';
import { LEVELS, type Level } from '../../../../main/shared/targets';
import { add, distance, dot, scale, sub, type Vec3 } from '../../../../main/shared/vec3';
import { patchMean, readSeries, type WrittenInstance } from './readBack';

let root = '';
const studies: Array<{ gt: GroundTruth; dir: string }> = [];

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'spinegrade-phantom-gt-'));
  for (let i = 0; i < 4; i++) {
    const record = generateStudy(
      {
        seed: 'ground-truth',
        studyIndex: i,
        maxMatrix: 256,
        missingRole: 'none',
        axialMode: i % 2 ? 'per-disc' : 'contiguous',
      },
      fileSinkAt(root),
    );
    studies.push({ gt: record.groundTruth, dir: join(root, 'train_images', String(record.studyId)) });
  }
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

function seriesOf(gt: GroundTruth, role: GroundTruthSeries['role']): GroundTruthSeries[] {
  return gt.series.filter((s) => s.role === role);
}

/** The written slice nearest a patient point (by the written geometry), and the point's pixel in it. */
function nearest(
  instances: WrittenInstance[],
  p: Vec3,
): { inst: WrittenInstance; col: number; row: number; d: number } {
  let best = { inst: instances[0], col: 0, row: 0, d: Infinity };
  for (const inst of instances) {
    const q = lpsToPixel(inst.geometry, p);
    if (Math.abs(q.distanceMm) < Math.abs(best.d)) best = { inst, col: q.col, row: q.row, d: q.distanceMm };
  }
  return best;
}

/** Mean value around a patient point on the slice nearest to it. */
function valueAt(instances: WrittenInstance[], p: Vec3, radiusMm = 1.5): number {
  const hit = nearest(instances, p);
  return patchMean(hit.inst, hit.col, hit.row, radiusMm);
}

/**
 * Points inside the vertebral bodies above and below a disc, along its normal: 11 mm past the endplate, beyond
 * the deepest Modic band the phantom draws (9 mm; type 1 is dark on T1 like disc), inside the body (24-30 mm).
 */
function marrowPoints(gt: GroundTruth, level: Level): Vec3[] {
  const l = gt.levels[level];
  const off = l.discHeightMm / 2 + 11;
  return [add(l.discCenterLps, scale(l.discNormal, off)), sub(l.discCenterLps, scale(l.discNormal, off))];
}

describe('phantom ground truth against the written pixels and headers', () => {
  it('puts every disc centre on disc tissue: darker than the vertebral marrow above and below on sagittal T1', () => {
    for (const { gt, dir } of studies) {
      const t1 = readSeries(join(dir, String(seriesOf(gt, 'Sagittal T1')[0].seriesId)));
      for (const level of LEVELS) {
        const disc = valueAt(t1, gt.levels[level].discCenterLps);
        for (const m of marrowPoints(gt, level))
          expect(disc, `${gt.studyId} ${level}`).toBeLessThan(0.9 * valueAt(t1, m));
      }
    }
  });

  // The conus medullaris ends at L1-L2, so the L1/L2 canal centre may be cord; below it the canal holds CSF.
  it('puts the canal point of non-severe levels below L1/L2 on bright CSF on sagittal T2/STIR, brighter than marrow', () => {
    let checked = 0;
    for (const { gt, dir } of studies) {
      const t2 = readSeries(join(dir, String(seriesOf(gt, 'Sagittal T2/STIR')[0].seriesId)));
      for (const level of LEVELS) {
        if (level === 'l1_l2' || gt.grades.spinal_canal_stenosis[level] === 'Severe') continue;
        const csf = valueAt(t2, gt.levels[level].canalCenterLps, 1);
        for (const m of marrowPoints(gt, level))
          expect(csf, `${gt.studyId} ${level}`).toBeGreaterThan(1.3 * valueAt(t2, m));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(8);
  });

  it('has left foramina and recesses at larger patient x than right ones', () => {
    for (const { gt } of studies) {
      for (const level of LEVELS) {
        const l = gt.levels[level];
        expect(l.foramenLps.left[0]).toBeGreaterThan(l.foramenLps.right[0] + 10);
        expect(l.recessLps.left[0]).toBeGreaterThan(l.recessLps.right[0]);
      }
    }
  });

  it('places label coordinates on the written slices through the sidecar points (left NFN slice at larger x)', () => {
    for (const { gt, dir } of studies) {
      const bySeries = new Map<number, WrittenInstance[]>();
      const read = (id: number): WrittenInstance[] => {
        if (!bySeries.has(id)) bySeries.set(id, readSeries(join(dir, String(id))));
        return bySeries.get(id) ?? [];
      };
      const nfnX: Record<string, Partial<Record<'left' | 'right', number>>> = {};
      for (const c of gt.coordinates) {
        const inst = read(c.seriesId).find((i) => i.instanceNumber === c.instanceNumber);
        if (!inst) throw new Error(`instance ${c.instanceNumber} of series ${c.seriesId} not written`);
        const p = pixelToLps(inst.geometry, c.x, c.y);
        const l = gt.levels[c.level];
        const side = c.condition.startsWith('left') ? 'left' : 'right';
        const target =
          c.condition === 'spinal_canal_stenosis'
            ? l.canalCenterLps
            : c.condition.includes('foraminal')
              ? l.foramenLps[side]
              : l.recessLps[side];
        const thickness = gt.series.find((s) => s.seriesId === c.seriesId)?.sliceThicknessMm ?? 0;
        expect(distance(p, target), `${gt.studyId} ${c.condition} ${c.level}`).toBeLessThanOrEqual(thickness);
        expect(
          Math.abs(dot(sub(target, inst.geometry.positionLps), sliceNormal(inst.geometry))),
        ).toBeLessThanOrEqual(thickness);
        if (c.condition.includes('foraminal')) (nfnX[c.level] ??= {})[side] = p[0];
      }
      for (const level of LEVELS) {
        const { left, right } = nfnX[level] ?? {};
        expect(left, `${gt.studyId} ${level} left NFN coordinate`).toBeDefined();
        expect(left as number).toBeGreaterThan(right as number);
      }
      const ssLevels = gt.coordinates
        .filter((c) => c.condition === 'left_subarticular_stenosis')
        .map((c) => c.level);
      expect(ssLevels.length).toBeGreaterThanOrEqual(3);
      for (const level of ssLevels) expect(gt.axial.plannedLevels).toContain(level);
    }
  });

  it('tilts per-disc axial blocks to their disc and keeps one frame of reference', () => {
    for (const { gt, dir } of studies.filter((s) => s.gt.axial.mode === 'per-disc')) {
      for (const s of seriesOf(gt, 'Axial T2')) {
        const written = readSeries(join(dir, String(s.seriesId)));
        for (const stack of s.stacks) {
          expect(stack.level).toBeDefined();
          const n = gt.levels[stack.level as Level].discNormal;
          for (const num of stack.instanceNumbers) {
            const inst = written.find((i) => i.instanceNumber === num) as WrittenInstance;
            expect(Math.abs(dot(sliceNormal(inst.geometry), n))).toBeGreaterThan(0.9999);
          }
        }
      }
    }
  });
});
