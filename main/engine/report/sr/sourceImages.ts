/**
 * The images an SR references: (0008,0016) SOP Class UID and frames of every instance of the series an
 * analysis used, read from the headers of the files the store references (sizes checked first; the store
 * keeps no SOP class). Plain Node; never imports electron.
 */
import type { AnalysisRecord } from '../../../shared/analysis';
import { AppError, isAppError } from '../../../shared/errors';
import type { KeyLocation } from '../../../shared/findings';
import { lpsToPixel, type SliceGeometry } from '../../../shared/sliceGeometry';
import { readDicomHeader } from '../../dicom/readDicomFile';
import { changedFilesText, statSeriesFiles } from '../../store/files';
import type { StoredSeries } from '../../store/types';
import type { ImageRef } from './contentItems';

export interface SourceInstance {
  seriesInstanceUid: string;
  sopInstanceUid: string;
  sopClassUid: string;
  /** Geometry of each frame (one for single-frame images). */
  frames: ReadonlyArray<SliceGeometry | null>;
}

export interface SourceSeries {
  seriesInstanceUid: string;
  instances: SourceInstance[];
}

/**
 * Headers of every instance of the series the analysis used. NOT_FOUND when a file is missing, changed in
 * size, unreadable, or holds another SOP Instance UID than the one stored.
 */
export async function readSourceSeries(
  series: readonly StoredSeries[],
  analysis: AnalysisRecord,
): Promise<SourceSeries[]> {
  const used = new Set(analysis.seriesUsed.map((s) => s.seriesInstanceUid));
  const mine = series.filter((s) => used.has(s.seriesInstanceUid));
  const changed = changedFilesText(await statSeriesFiles(mine), 'source files');
  if (changed)
    throw new AppError(
      'NOT_FOUND',
      `The SR references the source images by their SOP Class and Instance UIDs, read from the files: ${changed.text}. Import the study again from where its files are now.`,
      changed.file,
    );
  return mine.map((s) => ({
    seriesInstanceUid: s.seriesInstanceUid,
    instances: s.instances.map((inst) => {
      let header;
      try {
        header = readDicomHeader(inst.filePath);
      } catch (e) {
        if (!isAppError(e)) throw e;
        throw new AppError(
          'NOT_FOUND',
          `A source image of the SR cannot be read: ${e.message}`,
          inst.filePath,
        );
      }
      if (header.sopInstanceUid !== inst.sopInstanceUid)
        throw new AppError(
          'NOT_FOUND',
          `The file now holds SOP Instance ${header.sopInstanceUid}, not ${inst.sopInstanceUid} as imported; import the study again.`,
          inst.filePath,
        );
      return {
        seriesInstanceUid: s.seriesInstanceUid,
        sopInstanceUid: inst.sopInstanceUid,
        sopClassUid: header.sopClassUid,
        frames: header.frames.map((f) => f.geometry),
      };
    }),
  }));
}

/** Image reference and SCOORD point (column, row; pixel centres at +0.5) of a key location. */
export interface KeyPoint {
  image: ImageRef;
  colRow: [number, number];
}

/**
 * The key location as an image reference: the frame of a multi-frame instance is the one whose plane
 * holds the key location's patient position. Undefined when the instance is not among the sources.
 */
export function keyPoint(
  location: KeyLocation,
  sources: ReadonlyMap<string, SourceInstance>,
): KeyPoint | undefined {
  const inst = sources.get(location.sopInstanceUid);
  if (!inst) return undefined;
  const image: ImageRef = { sopClassUid: inst.sopClassUid, sopInstanceUid: inst.sopInstanceUid };
  if (inst.frames.length > 1) {
    let best = -1;
    let bestMm = Infinity;
    inst.frames.forEach((g, i) => {
      const d = g ? Math.abs(lpsToPixel(g, location.positionLps).distanceMm) : Infinity;
      if (d < bestMm) [best, bestMm] = [i, d];
    });
    if (best < 0) return undefined;
    image.frameNumber = best + 1;
  }
  return { image, colRow: [location.col + 0.5, location.row + 0.5] };
}

/** SOP Instance UID -> source instance. */
export function sourceIndex(series: readonly SourceSeries[]): Map<string, SourceInstance> {
  return new Map(series.flatMap((s) => s.instances.map((i) => [i.sopInstanceUid, i] as const)));
}
