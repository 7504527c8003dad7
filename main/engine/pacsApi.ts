/**
 * The contract's PACS methods and the SR export over main/engine/pacs and main/engine/report/sr: nodes from
 * the store folder's configuration (no credential ever returned), echo, query, retrieve as a job, send, SR.
 * Plain Node; never imports electron.
 */
import type { SpineGradeApi } from '../shared/api';
import type { ExportSrResult, PacsNodeInfo } from '../shared/apiPacs';
import { settle } from '../shared/apiDispatch';
import type { JobRunner } from './jobs';
import { getPacsNode, loadPacsNodes, type PacsNode } from './pacs/nodeConfig';
import { echoNode, queryNode } from './pacs/pacsOps';
import { retrieveStudy } from './pacs/retrieve';
import { sendAnalysis } from './pacs/send';
import { storedSrDocument, writeStoredSr } from './report/sr/storedSr';
import type { Store } from './store/store';
import { summaryFileName } from './workspace';

/** The methods this module implements. */
export type PacsApiMethod =
  'pacsListNodes' | 'pacsEcho' | 'pacsQuery' | 'pacsRetrieve' | 'pacsSend' | 'exportSr';

/** A node as the UI sees it: address and protocols, the kind of credential but never its value. */
export function nodeInfo(node: PacsNode): PacsNodeInfo {
  if (node.kind === 'dicomweb')
    return {
      name: node.name,
      kind: 'dicomweb',
      address: node.url,
      retrieve: 'WADO-RS',
      send: 'STOW-RS',
      auth: node.auth?.type ?? 'none',
    };
  return {
    name: node.name,
    kind: 'dimse',
    address: `${node.calledAet}@${node.host}:${node.port}`,
    retrieve: node.retrieve === 'c-move' ? 'C-MOVE' : 'C-GET',
    send: 'C-STORE',
    auth: 'none',
  };
}

/** The SR of an analysis written to `srPath`, or as bytes for a download (both audited as 'export'). */
export async function exportSr(
  store: Store,
  arg: { analysisId: string; srPath?: string },
): Promise<ExportSrResult> {
  const sr = await storedSrDocument(store, arg.analysisId);
  const fileName = summaryFileName(sr.study.patientName, sr.study.studyDate).replace(/\.pdf$/, '.sr.dcm');
  if (arg.srPath) {
    const written = await writeStoredSr(store, sr, arg.srPath);
    return {
      fileName,
      sopInstanceUid: sr.sopInstanceUid,
      savedTo: [{ file: written.file, sha256: written.sha256 }],
    };
  }
  store.appendAudit({
    event: 'export',
    studyInstanceUid: sr.study.studyInstanceUid,
    analysisId: sr.analysisId,
    details: { download: fileName, bytes: sr.bytes.byteLength, sr: { sopInstanceUid: sr.sopInstanceUid } },
  });
  const bytes = sr.bytes.buffer.slice(sr.bytes.byteOffset, sr.bytes.byteOffset + sr.bytes.byteLength);
  return { fileName, sopInstanceUid: sr.sopInstanceUid, sr: bytes as ArrayBuffer, savedTo: [] };
}

/** The PACS methods and exportSr over the store that `openStore` opens; retrieves run as jobs of `jobs`. */
export function createPacsApi(openStore: () => Store, jobs: JobRunner): Pick<SpineGradeApi, PacsApiMethod> {
  const node = (name: string): PacsNode => getPacsNode(openStore().dir, name);
  return {
    pacsListNodes: () => settle(async () => loadPacsNodes(openStore().dir).map(nodeInfo)),
    pacsEcho: (arg) => settle(() => echoNode(node(arg.node))),
    pacsQuery: ({ node: name, ...keys }) =>
      settle(async () => ({ studies: await queryNode(node(name), keys) })),
    pacsRetrieve: ({ node: name, studyInstanceUid, jobId }) =>
      jobs.run('pacsRetrieve', jobId, async (ctx) => {
        const r = await retrieveStudy(openStore(), node(name), studyInstanceUid, ctx);
        const { imported, ...how } = r;
        return { ...how, studies: imported.studies, problems: imported.problems };
      }),
    pacsSend: ({ node: name, analysisId, unsigned }) =>
      settle(() =>
        sendAnalysis(openStore(), node(name), analysisId, {
          unsigned: unsigned === true,
          buildSr: storedSrDocument,
        }),
      ),
    exportSr: (arg) => settle(() => exportSr(openStore(), arg)),
  };
}
