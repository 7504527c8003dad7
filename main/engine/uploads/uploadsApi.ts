/**
 * The contract's uploadFile and importUploaded over the store's upload folder, and importStudy's .zip
 * support, for createEngine. Plain Node; never imports electron.
 */
import path from 'node:path';
import type { SpineGradeApi } from '../../shared/api';
import { settle } from '../../shared/apiDispatch';
import type { JobRunner } from '../jobs';
import type { Store } from '../store/store';
import { importWithZips, type PathImporter } from './importWithZips';
import { droppedDir, storeUploadedFile, uploadedFiles } from './uploadFolder';

type UploadsApi = Pick<SpineGradeApi, 'uploadFile' | 'importUploaded' | 'importStudy'>;

/** uploadFile, importUploaded and importStudy (paths that may be .zip archives) over `importer`. */
export function createUploadsApi(
  openStore: () => Store,
  jobs: JobRunner,
  importer: PathImporter,
): UploadsApi {
  return {
    uploadFile: (arg) => settle(() => storeUploadedFile(openStore().dir, arg)),
    importStudy: ({ paths, jobId }) =>
      jobs.run('importStudy', jobId, (ctx) => importWithZips(openStore(), paths, ctx, importer)),
    importUploaded: ({ uploadId, jobId }) =>
      jobs.run('importUploaded', jobId, async (ctx) => {
        const store = openStore();
        const dir = droppedDir(store.dir, uploadId);
        const files = await uploadedFiles(store.dir, uploadId);
        const shown = (file: string): string => path.relative(dir, file).split(path.sep).join('/');
        return importWithZips(store, files, ctx, importer, [{ prefix: dir, label: '' }], shown);
      }),
  };
}
