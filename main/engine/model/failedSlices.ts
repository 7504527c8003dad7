/**
 * Findings read through slices that failed to decode (left at zero by the importer): marked uncertain with the
 * reason, or not assessable when the crop the target is read on is mostly missing (issue 9, section 5).
 * Pure TypeScript over the grading's records; never imports electron.
 */
import type { Finding } from '../../shared/findings';
import { CONDITION_INFO } from '../../shared/targets';
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
    const touched = [...localiser, ...(primary ? [primary] : []), ...others].flatMap((r) =>
      failedIn(r).map((k) => `${r.what}: ${sliceName(r.volume, k)}`),
    );
    if (touched.length === 0) return f;
    const unique = [...new Set(touched)];
    return {
      ...f,
      uncertain: true,
      uncertainReason: `Read through slices that failed to decode (${unique.join('; ')}).`,
    };
  });
}
