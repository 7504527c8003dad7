/**
 * Findings read through slices that failed to decode (left at zero by the importer) or across a gap where a
 * slice is missing (a file left out of the copy, or refused at import as truncated): marked uncertain with the
 * reason, or not assessable when the crop the target is read on is mostly missing (issue 9, section 5).
 * Pure TypeScript over the grading's records; never imports electron.
 */
import type { Finding } from '../../shared/findings';
import { CONDITION_INFO } from '../../shared/targets';
import { dot, sub } from '../../shared/vec3';
import type { Volume } from '../volume/types';
import type { ClassifierInput } from './classifierInput';
import type { LevelContext } from './gradeFindings';

/** The sagittal stacks the crops were cut from (the axial stack of a level is in its context). */
export interface SagittalStacks {
  sagT2?: Volume;
  sagT1?: Volume;
}

/** A run of slices one view of one level was read on. */
interface SliceRun {
  volume: Volume;
  /** Centre slice and half width: k - half .. k + half. */
  k: number;
  half: number;
  what: string;
}

function failedIn(run: SliceRun): number[] {
  const failed = new Set(run.volume.failedSliceIndices);
  const out: number[] = [];
  for (let k = run.k - run.half; k <= run.k + run.half; k++) if (failed.has(k)) out.push(k);
  return out;
}

/** A slice gap is a step along the slice normal this many times the stack's median step or more. */
const GAP_FACTOR = 1.5;

/** k such that one or more slices are missing between slice k and k + 1 (from (0020,0032) positions). */
export function sliceGaps(vol: Volume): number[] {
  const pos = vol.geometry.slicePositionsLps;
  const n = vol.geometry.direction[2];
  const steps = pos.slice(1).map((p, k) => Math.abs(dot(n, sub(p, pos[k]))));
  if (steps.length < 2) return [];
  const median = [...steps].sort((a, b) => a - b)[Math.floor(steps.length / 2)];
  return steps.flatMap((d, k) => (median > 0 && d >= GAP_FACTOR * median ? [k] : []));
}

/** The gaps inside a run (between two of its slices), named by the slices on either side. */
function gapsIn(run: SliceRun): string[] {
  return sliceGaps(run.volume)
    .filter((g) => g >= run.k - run.half && g < run.k + run.half)
    .map((g) => `no slice between ${sliceName(run.volume, g)} and ${sliceName(run.volume, g + 1)}`);
}

/** Slice k of a stack as a person finds it: instance number (and 1-based position) and series. */
function sliceName(vol: Volume, k: number): string {
  const n = vol.instanceNumbers[k];
  return `${n === undefined ? `slice ${k + 1}` : `instance ${n}`} of "${vol.seriesDescription}"`;
}

/** The runs each finding of one level reads: the localiser triplet and the crops of its views. */
function runsOf(
  f: Finding,
  ctx: LevelContext,
  input: ClassifierInput | undefined,
  half: number,
  stacks: SagittalStacks,
): {
  localiser: SliceRun[];
  primary: SliceRun | undefined;
  others: SliceRun[];
} {
  const group = CONDITION_INFO[f.condition].group;
  const side = f.side === 'left' ? 'left' : 'right';
  const c = input?.centres;
  const localiser: SliceRun[] = [];
  if (ctx.levelPoint)
    localiser.push({ volume: ctx.levelPoint.volume, k: ctx.levelPoint.k, half: 1, what: 'level localiser' });
  const foramen = ctx.foramina[side];
  if (group === 'foraminal' && foramen)
    localiser.push({ volume: foramen.volume, k: foramen.k, half: 1, what: 'foramen localiser' });
  const t2: SliceRun | undefined =
    c?.sagT2 && stacks.sagT2
      ? { volume: stacks.sagT2, k: c.sagT2.k, half, what: 'sagittal T2 crop' }
      : undefined;
  const t1Centre = c?.sagT1?.[side];
  const t1: SliceRun | undefined =
    t1Centre && stacks.sagT1
      ? { volume: stacks.sagT1, k: t1Centre.k, half, what: 'sagittal T1 crop' }
      : undefined;
  const ax: SliceRun | undefined =
    c?.axT2 && ctx.axial.covered
      ? { volume: ctx.axial.volume, k: c.axT2.canal.k, half, what: 'axial T2 crop' }
      : undefined;
  const views = { spinal: [t2, ax], foraminal: [t1, ax], subarticular: [ax, t1] }[group];
  return {
    localiser,
    primary: views[0],
    others: views.filter((v, i): v is SliceRun => i > 0 && v !== undefined),
  };
}

/**
 * Flag findings that read failed slices. A finding whose primary crop (SCS: sagittal T2, NFN: sagittal T1,
 * SS: axial T2) has more than half its slices missing becomes not assessable; one whose localiser triplet or
 * any crop touches a failed slice becomes uncertain with the reason. Others are returned unchanged.
 */
export function flagFailedSlices(
  findings: readonly Finding[],
  contexts: readonly LevelContext[],
  inputs: readonly ClassifierInput[],
  slices: number,
  stacks: SagittalStacks,
): Finding[] {
  const half = Math.floor(slices / 2);
  return findings.map((f) => {
    const ctx = contexts.find((c) => c.level === f.level);
    if (!ctx || !f.assessable) return f;
    const input = ctx.inputIndex === null ? undefined : inputs[ctx.inputIndex];
    const { localiser, primary, others } = runsOf(f, ctx, input, half, stacks);
    const primaryFailed = primary ? failedIn(primary) : [];
    if (primary && primaryFailed.length * 2 > slices) {
      return {
        ...f,
        probabilities: null,
        grade: null,
        assessable: false,
        notAssessableReason: `${primaryFailed.length} of the ${slices} slices of the ${primary.what} failed to decode (${primaryFailed.map((k) => sliceName(primary.volume, k)).join(', ')}).`,
        uncertain: false,
      };
    }
    const runs = [...localiser, ...(primary ? [primary] : []), ...others];
    const touched = runs.flatMap((r) => failedIn(r).map((k) => `${r.what}: ${sliceName(r.volume, k)}`));
    const gaps = runs.flatMap((r) => gapsIn(r).map((g) => `${r.what}: ${g}`));
    if (touched.length === 0 && gaps.length === 0) return f;
    const reasons = [
      ...(touched.length
        ? [`Read through slices that failed to decode (${[...new Set(touched)].join('; ')}).`]
        : []),
      ...(gaps.length ? [`Read across missing slices (${[...new Set(gaps)].join('; ')}).`] : []),
    ];
    return { ...f, uncertain: true, uncertainReason: reasons.join(' ') };
  });
}
