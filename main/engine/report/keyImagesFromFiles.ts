/**
 * Key images for a stored analysis, re-read from the user's files the store references: each file is checked
 * against its import-time SHA-256 first, so a moved or changed file never shows pixels other than those
 * analysed. Plain Node; never imports electron.
 */
import type { AnalysisRecord } from '../../shared/analysis';
import { isAppError } from '../../shared/errors';
import { importPaths } from '../import/importPaths';
import { checkSeriesFiles } from '../store/files';
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
  const checks = await checkSeriesFiles(mine);
  const bad = checks.filter((c) => c.status !== 'ok');
  if (bad.length > 0) {
    return {
      images: [],
      note:
        `Key images not included: ${bad.length} of ${checks.length} source files are missing or changed since import ` +
        `(first: ${bad[0].filePath}, ${bad[0].status}). The findings above are unaffected.`,
    };
  }
  try {
    const result = await importPaths(checks.map((c) => c.filePath));
    const study = result.studies.find((s) => s.info.studyInstanceUid === analysis.studyInstanceUid);
    const volumes = study ? study.series.flatMap((s) => s.stacks) : [];
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
