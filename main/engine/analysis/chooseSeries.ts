/**
 * Which imported stacks the model reads. Rule: per sagittal role (T1, T2/STIR) the one stack with the
 * most decoded slices among stacks of at least MIN_SAGITTAL_SLICES (a scout or a two-slice stack does not
 * cover the spine); ties go to the wider through-plane coverage, then the lower (0020,0011) Series Number.
 * Axial T2: every axial stack of every axial series, in Series Number order (the model picks the stack nearest
 * each disc).
 * Plain Node; never imports electron or the faces.
 */
import type { SeriesUsed } from '../../shared/analysis';
import { AppError } from '../../shared/errors';
import type { SeriesRole } from '../../shared/findings';
import type { ImportedStudy } from '../dicom/importTypes';
import type { Volume } from '../volume/types';
import type { ChosenSeries } from './types';

/** A sagittal stack needs this many slices: the localiser reads k-1..k+1, the crops k-2..k+2. */
export const MIN_SAGITTAL_SLICES = 3;

const decodedSlices = (v: Volume): number => v.geometry.dims[2] - v.failedSliceIndices.length;
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const coverageMm = (v: Volume): number => (v.geometry.dims[2] - 1) * v.geometry.spacingMm[2];

/** Compare two stacks of one role: the better one first. */
function better(a: Volume, b: Volume): number {
  return (
    decodedSlices(b) - decodedSlices(a) || coverageMm(b) - coverageMm(a) || a.seriesNumber - b.seriesNumber
  );
}

function bestSagittal(stacks: readonly Volume[], role: SeriesRole): Volume | undefined {
  return stacks.filter((v) => v.role === role && decodedSlices(v) >= MIN_SAGITTAL_SLICES).sort(better)[0];
}

function usedRecord(stacks: readonly Volume[]): SeriesUsed[] {
  const bySeries = new Map<string, SeriesUsed>();
  for (const v of stacks) {
    const s = bySeries.get(v.seriesInstanceUid);
    if (s) s.sliceCount += v.geometry.dims[2];
    else
      bySeries.set(v.seriesInstanceUid, {
        role: v.role,
        seriesInstanceUid: v.seriesInstanceUid,
        seriesDescription: v.seriesDescription,
        sliceCount: v.geometry.dims[2],
      });
  }
  return [...bySeries.values()];
}

/**
 * Choose the stacks of `study` the model reads (rule in the header). Throws AppError('MISSING_SERIES')
 * when the study has none of sagittal T1, sagittal T2/STIR or axial T2: nothing could be graded.
 */
export function chooseSeries(study: ImportedStudy): ChosenSeries {
  const stacks = study.series.flatMap((s) => s.stacks);
  const sagT2 = bestSagittal(stacks, 'Sagittal T2/STIR');
  const sagT1 = bestSagittal(stacks, 'Sagittal T1');
  // In (0020,0011) Series Number order, then UID (a stable sort keeps each series' stacks in order): the order
  // of study.series is the order files were found, which differs between a fresh import and the stored study.
  const axials = stacks
    .filter((v) => v.role === 'Axial T2' && decodedSlices(v) > 0)
    .sort((a, b) => a.seriesNumber - b.seriesNumber || compareText(a.seriesInstanceUid, b.seriesInstanceUid));
  const volumes = [...(sagT2 ? [sagT2] : []), ...(sagT1 ? [sagT1] : []), ...axials];
  if (volumes.length === 0) {
    const found = study.series.map((s) => `"${s.seriesDescription}" (${s.role})`).join(', ') || 'none';
    throw new AppError(
      'MISSING_SERIES',
      `Study ${study.info.studyInstanceUid} has no usable sagittal T1, sagittal T2/STIR or axial T2 series ` +
        `(series found: ${found}); a lumbar MRI with these series is needed.`,
    );
  }
  return { volumes, seriesUsed: usedRecord(volumes) };
}
