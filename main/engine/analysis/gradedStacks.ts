/**
 * Decode only the stacks an analysis grades: from a header scan, the sagittal stacks chooseSeries would pick
 * (decoded best-first until no other stack could beat the best one) and every axial T2 stack, so an extra
 * series of the study is never decoded. Plain Node; never imports electron or the faces.
 */
import type { ImportedStudy, ImportedStudyOf } from '../dicom/importTypes';
import { isSagittalStack, notLumbarBeforeGrading } from '../model/lumbarStudy';
import { checkDecodedFiles, type FileCheck } from '../store/files';
import type { StoredSeries } from '../store/types';
import type { StackHeader, Volume } from '../volume/types';
import { MIN_SAGITTAL_SLICES } from './chooseSeries';

/** One stack's pixels, failed slices and per-slice file digests (from cache, a pending decode or a new one). */
export type StackVolumeSource = (stack: StackHeader) => Promise<Volume>;

/** What the analysis reads of a study: only decoded stacks (every series kept), and why it is not lumbar. */
export interface GradedStudy {
  /** The study with each series' decoded stacks only: chooseSeries picks the same stacks as over all of them. */
  study: ImportedStudy;
  /** Every decoded stack, in study order (the files the analysis hashed and may grade). */
  decoded: Volume[];
  /** notLumbarBeforeGrading over every stack of the study (issue 9 section 5), or undefined. */
  notLumbar: string | undefined;
}

const SAGITTAL_ROLES = ['Sagittal T2/STIR', 'Sagittal T1'] as const;

/** chooseSeries' ranking key of a stack: decoded slices (desc), coverage mm (desc), series number (asc). */
function rankKey(h: StackHeader, v: Volume | undefined): [number, number, number] {
  const slices = h.geometry.dims[2] - (v ? v.failedSliceIndices.length : 0); // undecoded: an upper bound
  return [slices, (h.geometry.dims[2] - 1) * h.geometry.spacingMm[2], h.seriesNumber];
}

/** chooseSeries' `better`: negative when a ranks first (Array.prototype.sort is stable on ties). */
function compareKeys(a: [number, number, number], b: [number, number, number]): number {
  return b[0] - a[0] || b[1] - a[1] || a[2] - b[2];
}

/** Decodes each stack once and keeps it. */
class Decoded {
  readonly byStack = new Map<StackHeader, Volume>();
  constructor(private readonly source: StackVolumeSource) {}

  async get(h: StackHeader): Promise<Volume> {
    const hit = this.byStack.get(h);
    if (hit) return hit;
    const v = await this.source(h);
    this.byStack.set(h, v);
    return v;
  }
}

/**
 * The stack of `role` that chooseSeries picks (most decoded slices among those with MIN_SAGITTAL_SLICES,
 * then coverage, then series number): undecoded stacks rank by their slice count, which decoding can only
 * lower, so the first-ranked stack is decoded until a decoded one ranks first; that one is chooseSeries'.
 */
async function bestSagittal(
  all: readonly StackHeader[],
  role: string,
  decoded: Decoded,
): Promise<Volume | undefined> {
  const candidates = all.filter((h) => h.role === role && h.geometry.dims[2] >= MIN_SAGITTAL_SLICES);
  for (;;) {
    const ranked = candidates
      .map((h) => ({ h, v: decoded.byStack.get(h) }))
      .filter(({ h, v }) => !v || h.geometry.dims[2] - v.failedSliceIndices.length >= MIN_SAGITTAL_SLICES)
      .sort((a, b) => compareKeys(rankKey(a.h, a.v), rankKey(b.h, b.v)));
    const top = ranked[0];
    if (!top) return undefined;
    if (top.v) return top.v;
    await decoded.get(top.h);
  }
}

/** notLumbarBeforeGrading's readable sagittal stack: sagittal plane, sagittal role, enough decoded slices. */
function readableSagittal(v: Volume): boolean {
  return (
    isSagittalStack(v) &&
    (v.role === 'Sagittal T1' || v.role === 'Sagittal T2/STIR') &&
    v.geometry.dims[2] - v.failedSliceIndices.length >= MIN_SAGITTAL_SLICES
  );
}

/** Whether any stack is a readable sagittal one, decoding (beyond the chosen) only while none is found. */
async function anyReadableSagittal(
  all: readonly StackHeader[],
  chosen: readonly Volume[],
  decoded: Decoded,
): Promise<boolean> {
  if (chosen.some(readableSagittal)) return true;
  for (const h of all) {
    const could = isSagittalStack({ ...h, pixels: new Float32Array(0), failedSliceIndices: [] });
    const sagRole = h.role === 'Sagittal T1' || h.role === 'Sagittal T2/STIR';
    if (
      could &&
      sagRole &&
      h.geometry.dims[2] >= MIN_SAGITTAL_SLICES &&
      readableSagittal(await decoded.get(h))
    )
      return true;
  }
  return false;
}

/**
 * Decode the stacks of `headers` that the analysis grades, one at a time through `source`, and say whether the
 * study is lumbar as notLumbarBeforeGrading would over all its stacks. A study with no readable sagittal stack
 * has no axial stack decoded (nothing would be graded). Cancellation: `source` throws ABORTED.
 */
export async function decodeGradedStacks(
  headers: ImportedStudyOf<StackHeader>,
  source: StackVolumeSource,
): Promise<GradedStudy> {
  const all = headers.series.flatMap((s) => s.stacks);
  const decoded = new Decoded(source);
  const chosen: Volume[] = [];
  for (const role of SAGITTAL_ROLES) {
    const best = await bestSagittal(all, role, decoded);
    if (best) chosen.push(best);
  }
  let notLumbar: string | undefined;
  if (await anyReadableSagittal(all, chosen, decoded)) {
    for (const h of all) if (h.role === 'Axial T2' && h.geometry.dims[2] > 0) await decoded.get(h);
  } else {
    // Stacks left undecoded here cannot be readable sagittal ones (each candidate was decoded above), so
    // their failed-slice count does not change the verdict; the message lists every stack's series.
    const stacks = all.map(
      (h) => decoded.byStack.get(h) ?? { ...h, pixels: new Float32Array(0), failedSliceIndices: [] },
    );
    notLumbar = notLumbarBeforeGrading(stacks);
  }
  const study: ImportedStudy = {
    info: headers.info,
    series: headers.series.map((s) => ({
      ...s,
      stacks: s.stacks.flatMap((h) => decoded.byStack.get(h) ?? []),
    })),
  };
  return { study, decoded: study.series.flatMap((s) => s.stacks), notLumbar };
}

/**
 * The hash rule for a stored study's graded files: checkDecodedFiles for every file that was decoded ('changed'
 * when its SHA-256, taken while it was read, differs from the stored one; 'missing' when it could not be read);
 * files not decoded were size-checked before and count as 'ok'. Reads nothing.
 */
export function checkGradedFiles(series: readonly StoredSeries[], decoded: readonly Volume[]): FileCheck[] {
  const read = new Set(decoded.flatMap((v) => v.filePaths));
  return checkDecodedFiles(series, decoded).map((c) => (read.has(c.filePath) ? c : { ...c, status: 'ok' }));
}
