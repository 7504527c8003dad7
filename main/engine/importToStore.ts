/**
 * The contract's importStudy: scan the dropped paths (headers only), hash each instance's file and upsert
 * every study into the local store; per-file problems come back beside what succeeded.
 * Plain Node; never imports electron.
 */
import type { ImportStudyResult, ImportedStudyInfo } from '../shared/apiRecords';
import type { SeriesRole } from '../shared/findings';
import { scanPaths } from './import/importPaths';
import type { JobContext } from './jobs';
import { studyImportFromVolumes } from './store/files';
import type { Store } from './store/store';

/**
 * Import `paths` into `store`. Pixel data stays in the user's files (the store references path + sha256);
 * decoding happens when a study is viewed or analysed. Throws AppError ABORTED when cancelled.
 */
export async function importIntoStore(
  store: Store,
  paths: string[],
  ctx: JobContext,
): Promise<ImportStudyResult> {
  const scanned = await scanPaths(paths, {
    signal: ctx.signal,
    onProgress: (p) =>
      ctx.onProgress({ stage: 'read headers', done: p.done, total: p.total, message: p.file }),
  });
  const studies: ImportedStudyInfo[] = [];
  for (const [i, study] of scanned.studies.entries()) {
    ctx.onProgress({
      stage: 'store',
      done: i,
      total: scanned.studies.length,
      message: study.info.studyInstanceUid,
    });
    const stacks = study.series.flatMap((s) => s.stacks);
    const upsert = store.upsertStudy(await studyImportFromVolumes(study.info, stacks));
    studies.push({
      studyInstanceUid: upsert.studyInstanceUid,
      patientName: study.info.patientName,
      studyDate: study.info.studyDate,
      created: upsert.created,
      seriesCount: upsert.seriesCount,
      instanceCount: upsert.instanceCount,
      newInstances: upsert.newInstances,
      roles: [...new Set<SeriesRole>(study.series.map((s) => s.role))],
    });
  }
  ctx.onProgress({ stage: 'store', done: studies.length, total: studies.length });
  return { studies, problems: scanned.problems };
}
