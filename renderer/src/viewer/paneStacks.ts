/**
 * Which stack each pane shows when a study opens, and at which slice: Sagittal T2 mid-sagittal (the level
 * points' slice), Sagittal T1 at the left foramina, Axial T2 at the most severe finding.
 * Renderer code: only main/shared.
 */
import type { AnalysisRecord } from '../../../main/shared/analysis';
import type { StackDetail, StudyDetail } from '../../../main/shared/apiWorkspace';
import type { Finding, KeyLocation } from '../../../main/shared/findings';
import { SEVERITIES } from '../../../main/shared/targets';
import type { Vec3 } from '../../../main/shared/vec3';
import { PANES, PANE_IDS, type PaneId } from './panes';
import { nearestSliceTo } from './geometry';

export interface PaneStart {
  seriesInstanceUid: string;
  stackIndex: number;
  sliceIndex: number;
}

/** The stack holding an instance of a series (a key location names the SOP instance). */
export function stackOfInstance(detail: StudyDetail, seriesUid: string, sopUid: string): StackDetail | null {
  const series = detail.series.find((s) => s.seriesInstanceUid === seriesUid);
  return series?.stacks.find((st) => st.sopInstanceUids.includes(sopUid)) ?? null;
}

/** The stack of a key location, and the slice index in it (sliceIndex as the analysis gives it). */
export function keyLocationStack(detail: StudyDetail, loc: KeyLocation): StackDetail | null {
  return stackOfInstance(detail, loc.seriesInstanceUid, loc.sopInstanceUid);
}

/** Most severe first: grade, then probability of severe, then of moderate. */
function severityRank(f: Finding): number {
  const g = f.grade ? SEVERITIES.indexOf(f.grade) : -1;
  const p = f.probabilities ?? [0, 0, 0];
  return g * 10 + p[2] * 2 + p[1];
}

/** The most severe finding with a key location, or null. */
export function mostSevereFinding(analysis: AnalysisRecord | null): Finding | null {
  const withLoc = (analysis?.findings ?? []).filter((f) => f.assessable && f.keyLocation);
  return withLoc.sort((a, b) => severityRank(b) - severityRank(a))[0] ?? null;
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

/** The stack a pane shows: the series the analysis used for the role, else the role's longest stack. */
function paneStack(detail: StudyDetail, pane: PaneId, analysis: AnalysisRecord | null, severe: Finding | null): StackDetail | null {
  const role = PANES[pane].role;
  const used = analysis?.seriesUsed.find((s) => s.role === role)?.seriesInstanceUid;
  const series = detail.series.find((s) => s.seriesInstanceUid === used) ?? detail.series.find((s) => s.role === role);
  if (!series || series.stacks.length === 0) return null;
  const loc = severe?.keyLocation;
  const withSevere = loc ? series.stacks.find((st) => st.sopInstanceUids.includes(loc.sopInstanceUid)) : undefined;
  return withSevere ?? [...series.stacks].sort((a, b) => b.geometry.dims[2] - a.geometry.dims[2])[0];
}

/** Median slice of the analysis' points on this stack (level points or one condition's key locations). */
function medianSliceOn(stack: StackDetail, locs: Array<{ seriesInstanceUid: string; sliceIndex: number }>): number | null {
  return median(locs.filter((l) => l.seriesInstanceUid === stack.seriesInstanceUid).map((l) => l.sliceIndex));
}

/** A slice `offsetMm` towards the patient's left (+x) of the stack's middle (no analysis to go by). */
function sliceLeftOfMiddle(stack: StackDetail, offsetMm: number): number {
  const p = stack.geometry.slicePositionsLps;
  const mid = p[Math.floor((p.length - 1) / 2)];
  const target: Vec3 = [mid[0] + offsetMm, mid[1], mid[2]];
  return nearestSliceTo(stack.geometry, target).sliceIndex;
}

function startSlice(pane: PaneId, stack: StackDetail, analysis: AnalysisRecord | null, severe: Finding | null): number {
  const n = stack.geometry.dims[2];
  const middle = Math.floor((n - 1) / 2);
  const findings = analysis?.findings ?? [];
  const locsOf = (condition: Finding['condition']): KeyLocation[] =>
    findings.filter((f) => f.condition === condition && f.keyLocation).map((f) => f.keyLocation as KeyLocation);
  if (pane === 'sagittalT2') {
    return medianSliceOn(stack, analysis?.levelPoints ?? []) ?? medianSliceOn(stack, locsOf('spinal_canal_stenosis')) ?? middle;
  }
  if (pane === 'sagittalT1') {
    return medianSliceOn(stack, locsOf('left_neural_foraminal_narrowing')) ?? sliceLeftOfMiddle(stack, 20);
  }
  const loc = severe?.keyLocation;
  if (!loc) return middle;
  if (stack.sopInstanceUids.includes(loc.sopInstanceUid)) return loc.sliceIndex;
  return nearestSliceTo(stack.geometry, loc.positionLps).sliceIndex;
}

/** Stack and first slice of every pane (null where the study has no series of that role). */
export function paneStarts(detail: StudyDetail, analysis: AnalysisRecord | null): Record<PaneId, PaneStart | null> {
  const severe = mostSevereFinding(analysis);
  const out = {} as Record<PaneId, PaneStart | null>;
  for (const pane of PANE_IDS) {
    const stack = paneStack(detail, pane, analysis, pane === 'axialT2' ? severe : null);
    out[pane] = stack
      ? {
          seriesInstanceUid: stack.seriesInstanceUid,
          stackIndex: stack.stackIndex,
          sliceIndex: Math.min(stack.geometry.dims[2] - 1, Math.max(0, startSlice(pane, stack, analysis, severe))),
        }
      : null;
  }
  return out;
}
