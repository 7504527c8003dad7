/**
 * Loads one study of an RSNA-format dataset through the app's own DICOM import: series keyed by their
 * RSNA series id (the folder name), role from train_series_descriptions.csv when it names one, else the
 * importer's. Plain Node; never imports electron or the faces.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../shared/errors';
import { SERIES_ROLES, type SeriesRole } from '../../shared/findings';
import { importPaths } from '../import/importPaths';
import type { RsnaDataset } from './rsnaDataset';
import type { LoadedStudy, SeriesVolumes } from './studyPoints';

/** Folder of a study's DICOM files. */
export function studyFolder(dataset: RsnaDataset, studyId: string): string {
  return join(dataset.root, 'train_images', studyId);
}

/**
 * Import train_images/<studyId> with the app's importer. `useCsvRoles` false keeps the importer's roles
 * (what the app would decide on its own, used by the evaluator).
 */
export async function loadRsnaStudy(
  dataset: RsnaDataset,
  studyId: string,
  useCsvRoles = true,
): Promise<LoadedStudy> {
  const folder = studyFolder(dataset, studyId);
  if (!existsSync(folder))
    throw new AppError('NOT_FOUND', `Study ${studyId} has no folder ${folder}.`, folder);
  const result = await importPaths([folder]);
  const descriptions = dataset.seriesDescriptions.get(studyId);
  const series: SeriesVolumes[] = [];
  for (const study of result.studies) {
    for (const s of study.series) {
      const first = s.stacks[0]?.filePaths[0];
      if (!first) continue;
      const seriesId = basename(dirname(first));
      const csvRole = descriptions?.get(seriesId);
      const role: SeriesRole =
        useCsvRoles && csvRole && (SERIES_ROLES as readonly string[]).includes(csvRole)
          ? (csvRole as SeriesRole)
          : s.role;
      const stacks = s.stacks.map((v) => (v.role === role ? v : { ...v, role }));
      series.push({ seriesId, role, stacks });
    }
  }
  return { studyId, series, problems: result.problems.map((p) => `${p.file}: ${p.message}`) };
}
