/**
 * Retrieve a study from a configured node into the app-managed folder and import it like a drop
 * (path + SHA-256 per instance). All or nothing: instances are staged, moved into place only when the
 * retrieve completed, then imported; a failure leaves the store and any earlier copy as they were.
 * Plain Node; never imports electron.
 */
import type { ImportStudyResult } from '../../shared/apiRecords';
import { AppError, isAppError } from '../../shared/errors';
import { importIntoStore } from '../importToStore';
import type { JobContext } from '../jobs';
import type { Store } from '../store/store';
import { dimseGetStudy, dimseMoveStudy } from './dimseRetrieve';
import type { PacsNode } from './nodeConfig';
import { aborted } from './pacsErrors';
import { RetrieveStaging } from './retrievedFolder';
import { dicomWebRetrieveStudy } from './webRetrieve';

export interface RetrieveResult {
  studyInstanceUid: string;
  node: string;
  protocol: 'WADO-RS' | 'C-GET' | 'C-MOVE';
  /** The retrieved copy: `<store>/pacs-retrieved/<StudyInstanceUID>`. */
  folder: string;
  instanceCount: number;
  bytes: number;
  /** Wall time of the network part (staging included, import excluded), ms. */
  transferMs: number;
  imported: ImportStudyResult;
}

function protocolOf(node: PacsNode): RetrieveResult['protocol'] {
  if (node.kind === 'dicomweb') return 'WADO-RS';
  return node.retrieve === 'c-move' ? 'C-MOVE' : 'C-GET';
}

async function transfer(
  node: PacsNode,
  studyUid: string,
  staging: RetrieveStaging,
  ctx: JobContext,
): Promise<void> {
  const o = {
    signal: ctx.signal,
    onProgress: (done: number, total: number) =>
      ctx.onProgress({ stage: 'retrieve', done, total: Math.max(total, done), message: studyUid }),
  };
  if (node.kind === 'dicomweb') return dicomWebRetrieveStudy(node, studyUid, staging, o);
  if (node.retrieve === 'c-move') return dimseMoveStudy(node, studyUid, staging, o);
  return dimseGetStudy(node, studyUid, staging, o);
}

/** A network failure of a retrieve, saying that nothing was imported and what to do. */
function withRetryHint(e: unknown): unknown {
  if (!isAppError(e) || !['PACS_UNREACHABLE', 'PACS_TIMEOUT', 'PACS_FAILED'].includes(e.code)) return e;
  return new AppError(
    e.code,
    `${e.message} Nothing was imported (an earlier copy of the study, if any, is kept); retrieve again once the PACS answers.`,
  );
}

/** Retrieve `studyUid` from `node` into the store's retrieved folder and import it; audited 'pacs-retrieve'. */
export async function retrieveStudy(
  store: Store,
  node: PacsNode,
  studyUid: string,
  ctx: JobContext,
): Promise<RetrieveResult> {
  const staging = new RetrieveStaging(store.dir, studyUid);
  const t0 = performance.now();
  let folder: string;
  try {
    await transfer(node, studyUid, staging, ctx);
    if (ctx.signal.aborted) throw aborted();
    folder = await staging.commit();
  } catch (e) {
    await staging.discard();
    throw withRetryHint(e);
  }
  const transferMs = performance.now() - t0;
  const imported = await importIntoStore(store, [folder], ctx);
  const protocol = protocolOf(node);
  store.appendAudit({
    event: 'pacs-retrieve',
    studyInstanceUid: studyUid,
    details: { node: node.name, protocol, instances: staging.count, bytes: staging.bytes, folder },
  });
  return {
    studyInstanceUid: studyUid,
    node: node.name,
    protocol,
    folder,
    instanceCount: staging.count,
    bytes: staging.bytes,
    transferMs,
    imported,
  };
}
