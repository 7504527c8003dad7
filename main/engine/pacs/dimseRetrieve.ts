/**
 * Retrieve one study over DIMSE into a staging folder: C-GET on the one association, or C-MOVE to this
 * app's C-STORE SCP (listening only while the retrieve runs). A partial answer (failed sub-operations) or
 * an unknown study is an error; nothing is kept. Plain Node; never imports electron.
 */
import dimse from 'dcmjs-dimse';
import { AppError } from '../../shared/errors';
import { runAssociation } from './dimseAssociation';
import { dimseSeries } from './dimseOps';
import { nodeLabel, type DimseNode } from './nodeConfig';
import { pacsFailed } from './pacsErrors';
import { part10FromDataset } from './part10';
import type { RetrieveStaging } from './retrievedFolder';
import { startStoreScp } from './storeScp';

const { CGetRequest, CMoveRequest } = dimse.requests;
type MoveResponse = InstanceType<typeof dimse.responses.CMoveResponse>;

export interface DimseRetrieveOptions {
  signal?: AbortSignal;
  /** Instances received so far and the total the PACS announced (0 until it says). */
  onProgress?: (done: number, total: number) => void;
}

function counts(r: MoveResponse): { completed: number; failed: number; warnings: number; remaining: number } {
  const n = (f: () => number): number => Number(f.call(r)) || 0;
  return {
    completed: n(r.getCompleted),
    failed: n(r.getFailures),
    warnings: n(r.getWarnings),
    remaining: n(r.getRemaining),
  };
}

function checkFinal(
  node: DimseNode,
  studyUid: string,
  final: MoveResponse,
  received: number,
  op: string,
): void {
  const c = counts(final);
  const status = final.getStatus();
  if (c.failed > 0 || (status !== 0 && (status & 0xf000) !== 0xb000))
    throw pacsFailed(
      node,
      `${op} of study ${studyUid} was incomplete (${c.failed} failed, DIMSE status 0x${status.toString(16).padStart(4, '0')}); ` +
        'nothing was imported: try again, or ask the PACS administrator',
    );
  if (received === 0)
    throw new AppError(
      'NOT_FOUND',
      `${nodeLabel(node)} has no study ${studyUid} (${op} sent nothing); check the UID with "pacs query".`,
    );
}

/** The study's instance count from a SERIES-level C-FIND; NOT_FOUND when the node has no such study. */
async function expectedInstances(node: DimseNode, studyUid: string, signal?: AbortSignal): Promise<number> {
  const series = await dimseSeries(node, studyUid, signal);
  if (series.length === 0)
    throw new AppError(
      'NOT_FOUND',
      `${nodeLabel(node)} has no study ${studyUid}; check the UID with "pacs query".`,
    );
  return series.reduce((n, s) => n + s.instanceCount, 0);
}

/** C-GET the study; each C-STORE sub-operation lands in `staging`. */
export async function dimseGetStudy(
  node: DimseNode,
  studyUid: string,
  staging: RetrieveStaging,
  o: DimseRetrieveOptions,
): Promise<void> {
  let total = await expectedInstances(node, studyUid, o.signal);
  const request = CGetRequest.createStudyGetRequest(studyUid);
  const [final] = await runAssociation(node, [request], {
    step: `retrieving study ${studyUid} (C-GET)`,
    signal: o.signal,
    onResponse: (r) => {
      const c = counts(r as MoveResponse);
      total = Math.max(total, c.completed + c.failed + c.warnings + c.remaining);
    },
    onStore: async (store) => {
      const dataset = store.getDataset();
      if (!dataset) return 0xa700;
      const bytes = part10FromDataset(
        {
          sopClassUid: store.getAffectedSopClassUid(),
          sopInstanceUid: store.getAffectedSopInstanceUid(),
          transferSyntaxUid: dataset.getTransferSyntaxUid(),
        },
        dataset.getDenaturalizedDataset(),
      );
      await staging.add(store.getAffectedSopInstanceUid(), bytes);
      o.onProgress?.(staging.count, total);
      return 0;
    },
  });
  checkFinal(node, studyUid, final as MoveResponse, staging.count, 'C-GET');
}

/** C-MOVE the study to our own AE title (node.callingAet), received by a C-STORE SCP on node.movePort. */
export async function dimseMoveStudy(
  node: DimseNode,
  studyUid: string,
  staging: RetrieveStaging,
  o: DimseRetrieveOptions,
): Promise<void> {
  if (node.movePort === undefined)
    throw new AppError('INVALID_ARGUMENT', `${nodeLabel(node)} has no --move-port for C-MOVE.`);
  let total = await expectedInstances(node, studyUid, o.signal);
  const scp = await startStoreScp({
    port: node.movePort,
    aet: node.callingAet,
    timeoutMs: node.timeoutMs,
    onInstance: async (i) => {
      await staging.add(i.sopInstanceUid, part10FromDataset(i, i.datasetBytes));
      o.onProgress?.(staging.count, total);
      return 0;
    },
  }).catch((e: unknown) => {
    throw new AppError(
      'PACS_FAILED',
      `Cannot listen for the C-MOVE on port ${node.movePort}: ${(e as Error).message}; pick a free --move-port.`,
    );
  });
  try {
    const request = CMoveRequest.createStudyMoveRequest(node.callingAet, studyUid);
    const [final] = await runAssociation(node, [request], {
      step: `retrieving study ${studyUid} (C-MOVE)`,
      signal: o.signal,
      onResponse: (r) => {
        const c = counts(r as MoveResponse);
        total = Math.max(total, c.completed + c.failed + c.warnings + c.remaining);
      },
    });
    checkFinal(node, studyUid, final as MoveResponse, staging.count, 'C-MOVE');
  } finally {
    scp.close();
  }
}
