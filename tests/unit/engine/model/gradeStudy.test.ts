import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeStudy } from '../../../../main/engine/model/gradeStudy';
import { heatmapToSource } from '../../../../main/engine/model/localizerInput';
import { loadModelPackage } from '../../../../main/engine/model/manifest';
import {
  createModelSessions,
  releaseModelSessions,
  type ModelSessions,
} from '../../../../main/engine/model/sessions';
import type { Volume } from '../../../../main/engine/volume/types';
import type { Vec3 } from '../../../../main/shared/vec3';
import { DEFAULT_PEAKS, onnxUnavailableReason, writeTinyPackage } from './onnxFixtures';
import { syntheticStudy, type SyntheticStudyOptions } from './syntheticStudy';

const skipReason = onnxUnavailableReason();
if (skipReason) console.warn(`gradeStudy tests skipped: ${skipReason}`);
const dir = mkdtempSync(join(tmpdir(), 'sg-grade-'));
let sessions: ModelSessions;

beforeAll(async () => {
  if (skipReason) return;
  writeTinyPackage(dir, { px: 32, slices: 5 });
  sessions = await createModelSessions(loadModelPackage(dir), { intraOpNumThreads: 1 });
});
afterAll(async () => {
  if (sessions) await releaseModelSessions(sessions);
  rmSync(dir, { recursive: true, force: true });
});

// T2 bright at the midline (level points there); T1 bright laterally (foramina on the outer slices).
const fields = {
  'Sagittal T2/STIR': (p: Vec3) => 1000 - 20 * Math.abs(p[0]) + p[1],
  'Sagittal T1': (p: Vec3) => 1000 + 20 * Math.abs(p[0]) + p[1],
};

function volumesOf(o: Omit<SyntheticStudyOptions, 'studyId' | 'fields'>): Volume[] {
  return syntheticStudy({ studyId: '1', fields, ...o }).series.flatMap((s) => s.stacks);
}

describe.skipIf(skipReason !== undefined)('gradeStudy with a tiny ONNX pair', () => {
  it('grades all 25 targets of a complete study with key locations and level points', async () => {
    const vols = volumesOf({});
    const r = await gradeStudy(vols, sessions);
    expect(r.findings).toHaveLength(25);
    expect(r.findings.every((f) => f.assessable)).toBe(true);
    for (const f of r.findings) {
      const p = f.probabilities!;
      expect(p[0] + p[1] + p[2]).toBeCloseTo(1, 5);
      expect(f.keyLocation).not.toBeNull();
    }
    const t2 = vols[0];
    const t2Points = r.levelPoints.filter((p) => p.seriesInstanceUid === t2.seriesInstanceUid);
    expect(t2Points).toHaveLength(5);
    const expected = heatmapToSource(t2, DEFAULT_PEAKS[0][0], DEFAULT_PEAKS[0][1], 64);
    expect(t2Points[0].sliceIndex).toBe(5); // x = 0, the brightest T2 slice
    expect(t2Points[0].col).toBeCloseTo(expected.i, 1);
    expect(t2Points[0].row).toBeCloseTo(expected.j, 1);
    const scs = r.findings.find((f) => f.condition === 'spinal_canal_stenosis' && f.level === 'l1_l2')!;
    expect(scs.keyLocation!.sopInstanceUid).toBe(t2.sopInstanceUids[5]);
    const lnfn = r.findings.find(
      (f) => f.condition === 'left_neural_foraminal_narrowing' && f.level === 'l3_l4',
    )!;
    const rnfn = r.findings.find(
      (f) => f.condition === 'right_neural_foraminal_narrowing' && f.level === 'l3_l4',
    )!;
    expect(lnfn.keyLocation!.positionLps[0]).toBeGreaterThan(10); // patient left = larger x
    expect(rnfn.keyLocation!.positionLps[0]).toBeLessThan(-10);
    const axialPoints = r.levelPoints.filter((p) => p.seriesInstanceUid === '1.13');
    expect(axialPoints).toHaveLength(5);
    expect(r.timingsMs.total).toBeGreaterThan(0);
  });

  it('makes exactly the targets that need a missing series not assessable', async () => {
    const noT1 = await gradeStudy(volumesOf({ omit: ['Sagittal T1'] }), sessions);
    const na = (r: typeof noT1) => r.findings.filter((f) => !f.assessable);
    expect(
      na(noT1)
        .map((f) => f.condition)
        .sort(),
    ).toEqual(
      [
        ...Array(5).fill('left_neural_foraminal_narrowing'),
        ...Array(5).fill('right_neural_foraminal_narrowing'),
      ].sort(),
    );
    expect(na(noT1)[0].notAssessableReason).toMatch(/No sagittal T1 series/);

    const noAx = await gradeStudy(volumesOf({ omit: ['Axial T2'] }), sessions);
    expect(na(noAx)).toHaveLength(10);
    expect(
      na(noAx).every(
        (f) => f.condition.endsWith('subarticular_stenosis') && /No axial T2/.test(f.notAssessableReason!),
      ),
    ).toBe(true);

    const partial = await gradeStudy(volumesOf({ axialLevels: ['l3_l4', 'l4_l5', 'l5_s1'] }), sessions);
    expect(
      na(partial)
        .map((f) => `${f.condition}:${f.level}`)
        .sort(),
    ).toEqual(
      [
        'left_subarticular_stenosis:l1_l2',
        'left_subarticular_stenosis:l2_l3',
        'right_subarticular_stenosis:l1_l2',
        'right_subarticular_stenosis:l2_l3',
      ].sort(),
    );
    expect(na(partial)[0].notAssessableReason).toMatch(/Not covered by the axial T2 series/);

    const noT2 = await gradeStudy(volumesOf({ omit: ['Sagittal T2/STIR'] }), sessions);
    expect(na(noT2)).toHaveLength(5);
    expect(
      na(noT2).every(
        (f) => f.condition === 'spinal_canal_stenosis' && /No sagittal T2\/STIR/.test(f.notAssessableReason!),
      ),
    ).toBe(true);
    expect(noT2.notes.join(' ')).toMatch(/located on sagittal T1 instead/);
    expect(noT2.findings.filter((f) => f.assessable).every((f) => f.uncertain)).toBe(true);
  });
});
