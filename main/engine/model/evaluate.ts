/**
 * The evaluator: runs the app's own pipeline (import -> gradeStudy) on every study of an RSNA-format
 * dataset, optionally under a scanner-like perturbation, and scores it with the official competition metric
 * plus diagnostics. Never imports electron.
 */
import { LEVELS } from '../../shared/targets';
import { distance, type Vec3 } from '../../shared/vec3';
import { gradeStudy, type GradeResult } from './gradeStudy';
import { perturbVolumes } from './perturb';
import { loadRsnaStudy } from './loadStudy';
import { loadModelPackage } from './manifest';
import {
  constantPriorBaseline,
  reweightStudy,
  scoreStudies,
  type MetricTerms,
  type ScoredStudy,
} from './metric';
import {
  conditionStats,
  expectedCalibrationError,
  reliabilityBins,
  type ConditionStats,
  type ReliabilityBin,
} from './metricReport';
import { readRsnaDataset } from './rsnaDataset';
import { createModelSessions, releaseModelSessions } from './sessions';
import { studyPoints, type StudyPoints } from './studyPoints';

export interface EvaluateOptions {
  datasetDir: string;
  modelDir: string;
  studies?: number;
  /** Scanner-like intensity perturbation applied to every stack before grading (perturb.ts); 0 = none. */
  perturb?: { strength: number; seed: string };
  onProgress?: (done: number, total: number, studyId: string) => void;
  onWarning?: (message: string) => void;
}

export interface EvaluationReport {
  dataset: string;
  model: { id: string; version: string; sha256: string; calibration: string };
  studies: number;
  /** The perturbation the studies were graded under; strength 0 when none. */
  perturb: { strength: number; seed: string };
  /** The metric as scored: with the [1,2,4] re-weighting when the model is calibrated (plain CE). */
  score: number;
  terms: MetricTerms;
  score_reweighted: boolean;
  /** The metric on the displayed (calibrated) probabilities, without re-weighting. */
  score_calibrated: number;
  terms_calibrated: MetricTerms;
  baseline_score: number;
  baseline_terms: MetricTerms;
  per_condition: ConditionStats[];
  not_assessable: number;
  localization_error_mm: { median: number; p95: number; n: number };
  lr_swap_rate: number;
  lr_swap_n: number;
  reliability: ReliabilityBin[];
  expected_calibration_error: number;
  timing_ms: { median: number; p95: number };
  failed_studies: Array<{ studyId: string; message: string }>;
}

/** Linear-interpolated quantile of values (q in [0, 1]); NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const pos = q * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** Level localisation errors (mm) of one study: predicted level point vs the annotated SCS point. */
function levelErrors(r: GradeResult, points: StudyPoints): number[] {
  const out: number[] = [];
  for (const level of LEVELS) {
    const truth = points.spinal_canal_stenosis?.[level];
    const pred = r.levelPoints.find((p) => p.level === level); // the first is on the level-source series
    if (truth && pred) out.push(distance(truth.positionLps, pred.positionLps));
  }
  return out;
}

/** Left/right swaps: the predicted left foramen nearer the true right one than the true left one. */
function swaps(r: GradeResult, points: StudyPoints): { swapped: number; n: number } {
  let swapped = 0;
  let n = 0;
  for (const level of LEVELS) {
    const tl = points.left_neural_foraminal_narrowing?.[level]?.positionLps;
    const tr = points.right_neural_foraminal_narrowing?.[level]?.positionLps;
    const pl = r.findings.find((f) => f.condition === 'left_neural_foraminal_narrowing' && f.level === level)
      ?.keyLocation?.positionLps;
    if (!tl || !tr || !pl) continue;
    n += 1;
    if (distance(pl as Vec3, tr) < distance(pl as Vec3, tl)) swapped += 1;
  }
  return { swapped, n };
}

/** Evaluate a model package on a dataset. Throws AppError for an invalid model or dataset. */
export async function evaluateModel(o: EvaluateOptions): Promise<EvaluationReport> {
  return (await evaluateWithPredictions(o)).report;
}

/** What one evaluation run collects before scoring. */
interface Collected {
  scored: ScoredStudy[];
  errors: number[];
  times: number[];
  failed: EvaluationReport['failed_studies'];
  swapped: number;
  swapN: number;
  notAssessable: number;
}

async function gradeAll(o: EvaluateOptions, pkg: ReturnType<typeof loadModelPackage>): Promise<Collected> {
  const dataset = readRsnaDataset(o.datasetDir);
  const sessions = await createModelSessions(pkg);
  const ids = dataset.studyIds.slice(0, o.studies ?? dataset.studyIds.length);
  const c: Collected = {
    scored: [],
    errors: [],
    times: [],
    failed: [],
    swapped: 0,
    swapN: 0,
    notAssessable: 0,
  };
  const strength = o.perturb?.strength ?? 0;
  try {
    for (const [i, studyId] of ids.entries()) {
      try {
        const study = await loadRsnaStudy(dataset, studyId, false);
        const volumes = perturbVolumes(
          study.series.flatMap((s) => s.stacks),
          strength,
          o.perturb?.seed ?? '',
          studyId,
        );
        const r = await gradeStudy(volumes, sessions);
        c.times.push(r.timingsMs.total);
        const points = studyPoints(study, dataset.coordinates.get(studyId) ?? []);
        c.errors.push(...levelErrors(r, points));
        const s = swaps(r, points);
        c.swapped += s.swapped;
        c.swapN += s.n;
        c.notAssessable += r.findings.filter((f) => !f.assessable).length;
        c.scored.push({ studyId, labels: dataset.labels.get(studyId) ?? {}, probs: r.scoringProbs });
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        c.failed.push({ studyId, message });
        o.onWarning?.(`study ${studyId} failed: ${message}`);
      }
      o.onProgress?.(i + 1, ids.length, studyId);
    }
  } finally {
    await releaseModelSessions(sessions);
  }
  return c;
}

/**
 * Evaluate a model package on a dataset and return, beside the report, the predictions as scored (one
 * ScoredStudy per graded study, re-weighted [1,2,4]): what `evaluate --submission` writes. The metric is
 * scoreStudies, the function `score` uses; it throws AppError where the official scorer raises.
 */
export async function evaluateWithPredictions(
  o: EvaluateOptions,
): Promise<{ report: EvaluationReport; predictions: ScoredStudy[] }> {
  const pkg = loadModelPackage(o.modelDir);
  const c = await gradeAll(o, pkg);
  const calibrated = scoreStudies(c.scored);
  // Package probabilities are calibrated by contract (models/README.md); the competition score is taken on
  // the [1,2,4] re-weighted probabilities, as a submission would be.
  const predictions = c.scored.map((s) => ({ ...s, probs: reweightStudy(s.probs) }));
  const asScored = scoreStudies(predictions);
  const baseline = constantPriorBaseline(c.scored);
  const bins = reliabilityBins(c.scored, 10);
  const report: EvaluationReport = {
    dataset: o.datasetDir,
    model: {
      id: pkg.manifest.id,
      version: pkg.manifest.version,
      sha256: pkg.manifestSha256,
      calibration: pkg.manifest.calibration,
    },
    studies: c.scored.length,
    perturb: { strength: o.perturb?.strength ?? 0, seed: o.perturb?.seed ?? '' },
    score: asScored.score,
    terms: asScored.terms,
    score_reweighted: true,
    score_calibrated: calibrated.score,
    terms_calibrated: calibrated.terms,
    baseline_score: baseline.score,
    baseline_terms: baseline.terms,
    per_condition: conditionStats(c.scored),
    not_assessable: c.notAssessable,
    localization_error_mm: {
      median: quantile(c.errors, 0.5),
      p95: quantile(c.errors, 0.95),
      n: c.errors.length,
    },
    lr_swap_rate: c.swapN > 0 ? c.swapped / c.swapN : Number.NaN,
    lr_swap_n: c.swapN,
    reliability: bins,
    expected_calibration_error: expectedCalibrationError(bins),
    timing_ms: { median: quantile(c.times, 0.5), p95: quantile(c.times, 0.95) },
    failed_studies: c.failed,
  };
  return { report, predictions };
}
