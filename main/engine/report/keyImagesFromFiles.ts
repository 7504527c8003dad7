/**
 * Key images for a stored analysis, re-read from the user's files the store references: each file's SHA-256,
 * taken as it is decoded, is compared with the import-time hash, so a moved or changed file never shows
 * pixels other than those analysed. Plain Node; never imports electron.
 */
import type { AnalysisRecord } from '../../shared/analysis';
import { isAppError } from '../../shared/errors';
import { importPaths } from '../import/importPaths';
import { changedFilesText, checkDecodedFiles, statSeriesFiles, type FileCheck } from '../store/files';
import type { StoredSeries } from '../store/types';
import { buildKeyImages, type KeyImage } from './keyImages';
import type { ReviewedFinding } from './reviewedFindings';

export interface KeyImagesResult {
  images: KeyImage[];
  /** Why there are no (or fewer) key images, for the report. */
  note?: string;
}

/** Load the series the analysis used, verify their hashes, decode them and build the key images. */
export async function keyImagesFromFiles(
  series: readonly StoredSeries[],
  analysis: AnalysisRecord,
  reviewed: readonly ReviewedFinding[],
): Promise<KeyImagesResult> {
  const used = new Set(analysis.seriesUsed.map((s) => s.seriesInstanceUid));
  const mine = series.filter((s) => used.has(s.seriesInstanceUid));
  if (mine.length === 0)
    return { images: [], note: 'Key images not included: the store holds no files of the series used.' };
  const changedNote = (checks: readonly FileCheck[]): string | undefined => {
    const changed = changedFilesText(checks, 'source files');
    return changed && `Key images not included: ${changed.text}. The findings above are unaffected.`;
  };
  const sized = await statSeriesFiles(mine);
  const sizeNote = changedNote(sized);
  if (sizeNote) return { images: [], note: sizeNote };
  try {
    const result = await importPaths(sized.map((c) => c.filePath));
    const study = result.studies.find((s) => s.info.studyInstanceUid === analysis.studyInstanceUid);
    const volumes = study ? study.series.flatMap((s) => s.stacks) : [];
    // The files are read once: their SHA-256 taken while decoding must equal the stored one.
    const contentNote = changedNote(checkDecodedFiles(mine, volumes));
    if (contentNote) return { images: [], note: contentNote };
    const images = buildKeyImages(analysis, reviewed, volumes);
    return images.length
      ? { images }
      : {
          images,
          note: 'Key images not included: no level points or key locations matched the source images.',
        };
  } catch (e) {
    if (!isAppError(e)) throw e;
    return {
      images: [],
      note: `Key images not included: the source images could not be read (${e.message}).`,
    };
  }
}
