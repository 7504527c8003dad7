/**
 * Turns classifier outputs into the 25 Finding records (assessability rules, reasons, key locations,
 * uncertainty) and the level points per series. Never imports electron or the faces.
 */
import type { Finding, KeyLocation, LevelPoint, Probabilities } from '../../shared/findings';
import {
  CONDITION_INFO,
  CONDITIONS,
  LEVELS,
  SEVERITIES,
  type Condition,
  type Level,
} from '../../shared/targets';
import type { Vec3 } from '../../shared/vec3';
import type { Volume } from '../volume/types';
import type { ClassifierInput } from './classifierInput';
import type { AxialMatch } from './crossReference';
import type { CropCentre } from './crops';
import type { DecodedPoint } from './localizerInput';
import type { StudyProbs } from './metric';
import { lpsToSliceIj, nearestSlice } from './volumeGeometry';

/** A finding is flagged uncertain when its largest probability is below this. */
export const UNCERTAIN_BELOW = 0.6;

export interface LevelContext {
  level: Level;
  levelPoint: DecodedPoint | null;
  foramina: { left: DecodedPoint | null; right: DecodedPoint | null };
  axial: AxialMatch;
  /** Row of this level in the classifier batch, null when the classifier did not run for it. */
  inputIndex: number | null;
}

export interface Presence {
  sagT2: boolean;
  sagT1: boolean;
  axial: boolean;
}

function keyLocation(vol: Volume | undefined, c: CropCentre | undefined): KeyLocation | null {
  if (!vol || !c) return null;
  return {
    seriesInstanceUid: vol.seriesInstanceUid,
    sopInstanceUid: vol.sopInstanceUids[c.k],
    sliceIndex: c.k,
    row: c.j,
    col: c.i,
    positionLps: c.positionLps,
  };
}

/** Why a target cannot be graded, or undefined when it can. */
function notAssessableReason(
  condition: Condition,
  ctx: LevelContext,
  p: Presence,
  levelSource: string | null,
): string | undefined {
  const group = CONDITION_INFO[condition].group;
  const side = CONDITION_INFO[condition].side as 'left' | 'right';
  if (group === 'spinal') {
    if (!p.sagT2) return 'No sagittal T2/STIR series: spinal canal stenosis is graded on it.';
    if (!ctx.levelPoint) return 'The localizer did not find this level on the sagittal T2/STIR series.';
    return undefined;
  }
  const noLevel = `The localizer did not find this level${levelSource ? ` on the ${levelSource} series` : ' (no sagittal series)'}.`;
  if (group === 'foraminal') {
    if (!p.sagT1) return 'No sagittal T1 series: neural foraminal narrowing is graded on it.';
    if (!ctx.levelPoint) return noLevel;
    if (!ctx.foramina.left && !ctx.foramina.right)
      return `The localizer found no ${side} foramen at this level on sagittal T1.`;
    return undefined;
  }
  if (!p.axial) return 'No axial T2 series: subarticular stenosis is graded on it.';
  if (!ctx.levelPoint) return noLevel;
  if (!ctx.axial.covered) return `Not covered by the axial T2 series: ${ctx.axial.reason}.`;
  return undefined;
}

function centreFor(condition: Condition, input: ClassifierInput): CropCentre | undefined {
  const info = CONDITION_INFO[condition];
  const side = info.side as 'left' | 'right';
  if (info.group === 'spinal') return input.centres.sagT2;
  if (info.group === 'foraminal') return input.centres.sagT1?.[side];
  return input.centres.axT2?.[side];
}

function volumeFor(condition: Condition, ctx: LevelContext, sagT1: Volume | undefined): Volume | undefined {
  const group = CONDITION_INFO[condition].group;
  if (group === 'spinal') return ctx.levelPoint?.volume;
  if (group === 'foraminal') return sagT1;
  return ctx.axial.covered ? ctx.axial.volume : undefined;
}

/** The 25 findings (level-major, contract condition order) and the probabilities used for scoring. */
export function assembleFindings(
  contexts: readonly LevelContext[],
  inputs: readonly ClassifierInput[],
  probs: Float32Array,
  presence: Presence & { sagT1Volume?: Volume },
  levelSource: string | null,
): { findings: Finding[]; scoringProbs: StudyProbs } {
  const findings: Finding[] = [];
  const scoring = {} as Record<Condition, Record<Level, Probabilities>>;
  for (const c of CONDITIONS) scoring[c] = {} as Record<Level, Probabilities>;
  for (const ctx of contexts) {
    CONDITIONS.forEach((condition, ci) => {
      const i = ctx.inputIndex;
      const p: Probabilities | null =
        i === null ? null : [probs[i * 15 + ci * 3], probs[i * 15 + ci * 3 + 1], probs[i * 15 + ci * 3 + 2]];
      scoring[condition][ctx.level] = p ?? [1 / 3, 1 / 3, 1 / 3];
      const reason = notAssessableReason(condition, ctx, presence, levelSource);
      const info = CONDITION_INFO[condition];
      if (reason !== undefined || p === null || i === null) {
        findings.push({
          condition,
          level: ctx.level,
          side: info.side,
          probabilities: null,
          grade: null,
          assessable: false,
          notAssessableReason: reason ?? 'The classifier did not run for this level.',
          uncertain: false,
          keyLocation: null,
        });
        return;
      }
      const k = p[2] > p[1] && p[2] > p[0] ? 2 : p[1] > p[0] ? 1 : 0;
      const mirrored = info.group === 'foraminal' && ctx.foramina[info.side as 'left' | 'right'] === null;
      findings.push({
        condition,
        level: ctx.level,
        side: info.side,
        probabilities: p,
        grade: SEVERITIES[k],
        assessable: true,
        uncertain: Math.max(...p) < UNCERTAIN_BELOW || mirrored || levelSource === 'Sagittal T1',
        keyLocation: keyLocation(
          volumeFor(condition, ctx, presence.sagT1Volume),
          centreFor(condition, inputs[i]),
        ),
      });
    });
  }
  for (const c of CONDITIONS) for (const l of LEVELS) scoring[c][l] ??= [1 / 3, 1 / 3, 1 / 3];
  return { findings, scoringProbs: scoring };
}

function pointOn(vol: Volume, level: Level, p: Vec3, k?: number): LevelPoint {
  const kk = k ?? nearestSlice(vol, p).k;
  const { i, j } = lpsToSliceIj(vol, kk, p);
  return { level, seriesInstanceUid: vol.seriesInstanceUid, sliceIndex: kk, row: j, col: i, positionLps: p };
}

/** Level points drawn on each sagittal series and on the assigned axial slice. */
export function levelPointsPerSeries(
  contexts: readonly LevelContext[],
  stacks: { sagT2?: Volume; sagT1?: Volume },
): LevelPoint[] {
  const out: LevelPoint[] = [];
  for (const ctx of contexts) {
    const lp = ctx.levelPoint;
    if (!lp) continue;
    out.push({
      level: ctx.level,
      seriesInstanceUid: lp.volume.seriesInstanceUid,
      sliceIndex: lp.k,
      row: lp.j,
      col: lp.i,
      positionLps: lp.positionLps,
    });
    for (const vol of [stacks.sagT2, stacks.sagT1])
      if (vol && vol !== lp.volume) out.push(pointOn(vol, ctx.level, lp.positionLps));
    if (ctx.axial.covered) out.push(pointOn(ctx.axial.volume, ctx.level, lp.positionLps, ctx.axial.k));
  }
  return out;
}
