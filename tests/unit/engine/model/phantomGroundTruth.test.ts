/**
 * Preprocessing against phantom ground truth (issue 4, section 7): crop centres from the annotated points
 * within 1 mm of the sidecar's points, axial slice assignment on multi-stack phantoms, and the evaluator
 * end to end (import -> gradeStudy -> metric -> PNGs) with a tiny ONNX pair.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateModel, evaluateWithPredictions } from '../../../../main/engine/model/evaluate';
import { scoreSubmission, submissionCsv } from '../../../../main/engine/model/submission';
import { confusionPng, reliabilityPng } from '../../../../main/engine/model/plots';
import { nearestAxialSlice } from '../../../../main/engine/model/crossReference';
import { loadRsnaStudy } from '../../../../main/engine/model/loadStudy';
import { classifierRows, type ClassifierRow } from '../../../../main/engine/model/prepClassifier';
import { readRsnaDataset, type RsnaDataset } from '../../../../main/engine/model/rsnaDataset';
import {
  levelPointLps,
  stacksOfRole,
  studyPoints,
  type LoadedStudy,
} from '../../../../main/engine/model/studyPoints';
import { lpsToSliceIj } from '../../../../main/engine/model/volumeGeometry';
import { writePhantomDataset } from '../../../../main/engine/phantom/dataset';
import type { GroundTruth } from '../../../../main/engine/phantom/groundTruth';
import { createRng } from '../../../../main/engine/rng';
import type { Volume } from '../../../../main/engine/volume/types';
import { LEVELS } from '../../../../main/shared/targets';
import { dot, norm, scale, sub, type Vec3 } from '../../../../main/shared/vec3';
import { onnxUnavailableReason, writeTinyPackage } from './onnxFixtures';

const onnxSkip = onnxUnavailableReason();
if (onnxSkip) console.warn(`evaluate end-to-end test skipped: ${onnxSkip}`);

const STUDIES = 10;
const root = mkdtempSync(join(tmpdir(), 'sg-model-gt-'));
let dataset: RsnaDataset;
const loaded: Array<{ study: LoadedStudy; gt: GroundTruth }> = [];

beforeAll(async () => {
  await writePhantomDataset({ outDir: root, studies: STUDIES, seed: 'model-ground-truth', workers: 1 });
  dataset = readRsnaDataset(root);
  for (const id of dataset.studyIds) {
    const gt = JSON.parse(readFileSync(join(root, 'ground_truth', `${id}.json`), 'utf8')) as GroundTruth;
    loaded.push({ study: await loadRsnaStudy(dataset, id), gt });
  }
}, 600_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Distance of a and b within the plane of the volume (the through-plane component removed). */
function inPlaneMm(vol: Volume, a: Vec3, b: Vec3): number {
  const d = sub(a, b);
  return norm(sub(d, scale(vol.geometry.direction[2], dot(d, vol.geometry.direction[2]))));
}

describe('preprocessing against phantom ground truth', () => {
  it('centres every exact crop within 1 mm (in-plane) of the ground-truth point', () => {
    const errors: number[] = [];
    for (const { study, gt } of loaded) {
      const points = studyPoints(study, dataset.coordinates.get(study.studyId) ?? []);
      const rows: ClassifierRow[] = [];
      classifierRows(
        study,
        points,
        dataset.labels.get(study.studyId),
        { slices: 5, px: 32, cropMm: 48, recessOffsetMm: 12 },
        0,
        createRng(1),
        (r) => rows.push(r),
      );
      for (const r of rows) {
        const g = gt.levels[r.meta.level];
        const c = r.input.centres;
        if (c.sagT2)
          errors.push(
            inPlaneMm(stacksOfRole(study, 'Sagittal T2/STIR')[0], c.sagT2.positionLps, g.canalCenterLps),
          );
        const t1 = stacksOfRole(study, 'Sagittal T1')[0];
        if (c.sagT1)
          errors.push(
            inPlaneMm(t1, c.sagT1.right.positionLps, g.foramenLps.right),
            inPlaneMm(t1, c.sagT1.left.positionLps, g.foramenLps.left),
          );
      }
    }
    console.log(
      `crop centres vs ground truth (in-plane): ${errors.length} crops, max ${Math.max(...errors).toFixed(3)} mm`,
    );
    expect(errors.length).toBeGreaterThan(STUDIES * 5);
    expect(Math.max(...errors)).toBeLessThanOrEqual(1);
  });

  it('assigns the axial slice nearest the ground-truth canal point for >= 97% of levels', () => {
    let correct = 0;
    let total = 0;
    let multiStack = 0;
    for (const { study, gt } of loaded) {
      const axials = stacksOfRole(study, 'Axial T2');
      if (axials.length > 1) multiStack += 1;
      const points = studyPoints(study, dataset.coordinates.get(study.studyId) ?? []);
      for (const level of LEVELS) {
        const lp = levelPointLps(points, level);
        const truth = nearestAxialSlice(axials, gt.levels[level].canalCenterLps);
        if (!lp || !truth.covered) continue;
        const m = nearestAxialSlice(axials, lp);
        total += 1;
        if (m.covered && m.volume.sopInstanceUids[m.k] === truth.volume.sopInstanceUids[truth.k])
          correct += 1;
        else if (m.covered) {
          const d = lpsToSliceIj(m.volume, m.k, gt.levels[level].canalCenterLps).distanceMm;
          console.log(
            `study ${study.studyId} ${level}: assigned slice is ${d.toFixed(2)} mm from the canal centre (best ${truth.distanceMm.toFixed(2)} mm)`,
          );
        }
      }
    }
    console.log(
      `axial assignment: ${correct}/${total} levels correct on ${loaded.length} studies (${multiStack} with several axial stacks)`,
    );
    expect(multiStack).toBeGreaterThan(0);
    expect(total).toBeGreaterThanOrEqual(STUDIES * 3);
    expect(correct / total).toBeGreaterThanOrEqual(0.97);
  });
});

describe.skipIf(onnxSkip !== undefined)('evaluate end to end', () => {
  it('scores every study with the app pipeline and draws the plots', async () => {
    const modelDir = join(root, 'tiny-model');
    writeTinyPackage(modelDir);
    const r = await evaluateModel({ datasetDir: root, modelDir });
    expect(r.failed_studies).toEqual([]);
    expect(r.studies).toBe(STUDIES);
    for (const t of Object.values(r.terms)) expect(Number.isFinite(t)).toBe(true);
    expect(r.score).toBeCloseTo(
      (r.terms.spinal + r.terms.foraminal + r.terms.subarticular + r.terms.any_severe_spinal) / 4,
      12,
    );
    expect(r.baseline_score).toBeLessThan(1);
    expect(r.localization_error_mm.n).toBeGreaterThan(STUDIES * 3);
    expect(r.lr_swap_n).toBeGreaterThan(0);
    expect(r.per_condition.map((c) => c.rows).reduce((a, b) => a + b)).toBe(25 * STUDIES); // phantoms label every target
    const rel = PNG.sync.read(reliabilityPng(r.reliability));
    expect(rel.width).toBeGreaterThan(100);
    expect(PNG.sync.read(confusionPng(r.per_condition)).height).toBeGreaterThan(100);
  });

  it('writes predictions that `score` scores identically; --perturb changes what the model sees, per seed', async () => {
    const modelDir = join(root, 'tiny-model');
    writeTinyPackage(modelDir);
    const clean = await evaluateWithPredictions({ datasetDir: root, modelDir });
    const submission = join(root, 'submission.csv');
    writeFileSync(submission, submissionCsv(clean.predictions));
    const scored = scoreSubmission(join(root, 'train.csv'), submission);
    expect(scored.score).toBe(clean.report.score);
    expect(scored.terms).toEqual(clean.report.terms);
    const perturbed = await evaluateWithPredictions({
      datasetDir: root,
      modelDir,
      perturb: { strength: 2, seed: 'a' },
    });
    const again = await evaluateModel({ datasetDir: root, modelDir, perturb: { strength: 2, seed: 'a' } });
    expect(perturbed.report.perturb).toEqual({ strength: 2, seed: 'a' });
    expect(perturbed.report.score).not.toBe(clean.report.score);
    expect(again.score).toBe(perturbed.report.score);
  });
});
