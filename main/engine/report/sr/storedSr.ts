/**
 * The DICOM SR of a stored analysis (its overrides and sign-off included), and its export to a file:
 * written to a temporary file and renamed, audited as 'export'. The engine entry for the CLI, the app's
 * Save/Print and a PACS send. Plain Node; never imports electron.
 */
import { promises as fs } from 'node:fs';
import type { StudyInfo } from '../../../shared/analysis';
import { AppError } from '../../../shared/errors';
import { outputTarget, StagedFiles } from '../../analysis/stagedFiles';
import { hashFileSha256 } from '../../store/files';
import type { Store } from '../../store/store';
import { readSourceSeries } from './sourceImages';
import { srDocument, type SrDocument } from './srDocument';

export interface StoredSr extends SrDocument {
  analysisId: string;
  study: StudyInfo;
}

/**
 * Build the SR of a stored analysis (ID or unique prefix). The source images' headers are read for their
 * SOP classes; NOT_FOUND when a file is missing or changed.
 */
export async function storedSrDocument(store: Store, analysisIdOrPrefix: string): Promise<StoredSr> {
  const analysisId = store.resolveAnalysisId(analysisIdOrPrefix);
  const { analysis, overrides, signOff } = store.getAnalysis(analysisId);
  const stored = store.getStudy(analysis.studyInstanceUid);
  const sources = await readSourceSeries(stored.series, analysis);
  const doc = srDocument({ study: stored.study, analysis, overrides, signOff, sources });
  return { ...doc, analysisId, study: stored.study };
}

/** Write a built SR to `srPath` (temporary file, then rename), audited as 'export'. */
export async function writeStoredSr(
  store: Store,
  sr: StoredSr,
  srPath: string,
): Promise<{ file: string; sha256: string; sopInstanceUid: string }> {
  const target = outputTarget(srPath, 'srPath');
  const staged = new StagedFiles();
  try {
    await fs.writeFile(staged.stage(target), sr.bytes);
    await staged.commit();
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError(
      'EXPORT_FAILED',
      `Could not write the SR: ${e instanceof Error ? e.message : String(e)}. Nothing was written.`,
    );
  } finally {
    await staged.discard();
  }
  const sha256 = await hashFileSha256(target);
  store.appendAudit({
    event: 'export',
    studyInstanceUid: sr.study.studyInstanceUid,
    analysisId: sr.analysisId,
    details: {
      files: [{ file: target, sha256 }],
      sr: { sopInstanceUid: sr.sopInstanceUid, verification: sr.verification },
    },
  });
  return { file: target, sha256, sopInstanceUid: sr.sopInstanceUid };
}

/** Build and write the SR of a stored analysis ({@link storedSrDocument}, then {@link writeStoredSr}). */
export async function exportStoredSr(
  store: Store,
  arg: { analysisId: string; srPath: string },
): Promise<{ file: string; sha256: string; sopInstanceUid: string }> {
  outputTarget(arg.srPath, 'srPath');
  return writeStoredSr(store, await storedSrDocument(store, arg.analysisId), arg.srPath);
}
