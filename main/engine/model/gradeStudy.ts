/**
 * Inference for one study: localizer -> crops -> classifier with onnxruntime-node, returning the 25
 * findings (with assessability and key locations) and the level points per series. Never imports electron.
 */
import type { Finding, LevelPoint } from '../../shared/findings';
import { LEVELS } from '../../shared/targets';
import type { Vec3 } from '../../shared/vec3';
import type { Volume } from '../volume/types';
import { buildClassifierInput, type ClassifierInput, type LevelViews } from './classifierInput';
import { runClassifier } from './classifierRuns';
import { nearestAxialSlice, type AxialMatch } from './crossReference';
import { assembleFindings, levelPointsPerSeries, type LevelContext } from './gradeFindings';
import { flagFailedSlices } from './failedSlices';
import { localize } from './localize';
import type { StudyProbs } from './metric';
import type { ModelSessions } from './sessions';

export interface GradeResult {
  findings: Finding[];
  levelPoints: LevelPoint[];
  /** Per level (L1/L2..L5/S1) where the localiser found it and its heatmap peak; null when not found. */
  levelCandidates: Array<{ positionLps: Vec3; peak: number } | null>;
  /** Calibrated probabilities of every target for scoring: the classifier output where it ran, else uniform. */
  scoringProbs: StudyProbs;
  notes: string[];
  timingsMs: { localizer: number; crops: number; classifier: number; total: number };
}

/** The largest stack of a role (most slices). */
function largest(volumes: readonly Volume[], role: Volume['role']): Volume | undefined {
  return volumes.filter((v) => v.role === role).sort((a, b) => b.geometry.dims[2] - a.geometry.dims[2])[0];
}

function mirrorX(p: Vec3, about: Vec3): Vec3 {
  return [2 * about[0] - p[0], p[1], p[2]];
}

/**
 * Grade one study from its volumes (any number of stacks; roles from the importer) with warm sessions.
 * A missing series makes exactly the targets that need it not assessable, with the reason.
 */
export async function gradeStudy(volumes: readonly Volume[], sessions: ModelSessions): Promise<GradeResult> {
  const t0 = performance.now();
  const spec = sessions.pkg.manifest.classifier.crop;
  const sagT2 = largest(volumes, 'Sagittal T2/STIR');
  const sagT1 = largest(volumes, 'Sagittal T1');
  const axials = volumes.filter((v) => v.role === 'Axial T2');
  const loc = await localize(sessions, sagT2, sagT1);
  const t1 = performance.now();
  const contexts: LevelContext[] = [];
  const inputs: ClassifierInput[] = [];
  LEVELS.forEach((level, li) => {
    const lp = loc.levelPoints[li];
    const axial: AxialMatch = lp
      ? nearestAxialSlice(axials, lp.positionLps)
      : { covered: false, reason: 'level not found', nearestDistanceMm: null };
    const ctx: LevelContext = { level, levelPoint: lp, foramina: loc.foramina[li], axial, inputIndex: null };
    if (lp) {
      const views: LevelViews = {};
      if (sagT2 && lp.volume === sagT2) views.sagT2 = { volume: sagT2, pointLps: lp.positionLps, k: lp.k };
      const { left, right } = loc.foramina[li];
      if (sagT1 && (left || right)) {
        const l = left?.positionLps ?? mirrorX(right!.positionLps, lp.positionLps);
        const r = right?.positionLps ?? mirrorX(left!.positionLps, lp.positionLps);
        views.sagT1 = { volume: sagT1, rightLps: r, leftLps: l, kRight: right?.k, kLeft: left?.k };
      }
      if (axial.covered) views.axT2 = { volume: axial.volume, levelPointLps: lp.positionLps, k: axial.k };
      ctx.inputIndex = inputs.length;
      inputs.push(buildClassifierInput(views, spec));
    }
    contexts.push(ctx);
  });
  const t2 = performance.now();
  const probs =
    inputs.length > 0 ? await runClassifier(sessions.classifier, inputs, spec) : new Float32Array(0);
  const t3 = performance.now();
  const presence = {
    sagT2: sagT2 !== undefined,
    sagT1: sagT1 !== undefined,
    axial: axials.length > 0,
    sagT1Volume: sagT1,
  };
  const assembled = assembleFindings(contexts, inputs, probs, presence, loc.levelSource);
  const findings = flagFailedSlices(assembled.findings, contexts, inputs, spec.slices, { sagT2, sagT1 });
  const { scoringProbs } = assembled;
  return {
    findings,
    levelPoints: levelPointsPerSeries(contexts, { sagT2, sagT1 }),
    levelCandidates: loc.levelPoints.map((p) => (p ? { positionLps: p.positionLps, peak: p.peak } : null)),
    scoringProbs,
    notes: loc.notes,
    timingsMs: { localizer: t1 - t0, crops: t2 - t1, classifier: t3 - t2, total: performance.now() - t0 },
  };
}
