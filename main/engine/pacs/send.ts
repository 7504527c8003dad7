/**
 * Send the results of a stored analysis to a node (STOW-RS or C-STORE), after sign-off unless a
 * preliminary send is asked for; every send, failed ones included, is audited as 'pacs-send' with the node,
 * the SOP Instance UIDs and the result (never a credential). Plain Node; never imports electron.
 */
import { mkdtempSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppError, isAppError } from '../../shared/errors';
import type { Store } from '../store/store';
import { dicomWebStore } from './dicomWeb';
import { dimseStore } from './dimseOps';
import type { PacsNode } from './nodeConfig';
import { pacsFailed } from './pacsErrors';
import { documentsToSend, type OutgoingDocument, type SrBuilder } from './sendDocuments';

export interface SendOptions {
  /** Send before sign-off; both documents say PRELIMINARY / NOT SIGNED. */
  unsigned?: boolean;
  /** The SR writer; without it only the Encapsulated PDF is sent. */
  buildSr?: SrBuilder;
  signal?: AbortSignal;
}

export interface SendResult {
  node: string;
  protocol: 'STOW-RS' | 'C-STORE';
  analysisId: string;
  preliminary: boolean;
  documents: Array<{ kind: OutgoingDocument['kind']; sopInstanceUid: string }>;
}

async function sendOver(node: PacsNode, docs: OutgoingDocument[], signal?: AbortSignal): Promise<void> {
  if (node.kind === 'dicomweb') {
    const r = await dicomWebStore(
      node,
      docs.map((d) => d.bytes),
      signal,
    );
    const notStored = docs
      .filter((d) => !r.stored.includes(d.sopInstanceUid))
      .map(
        (d) =>
          `${d.sopInstanceUid} (${r.failed.find((f) => f.sopInstanceUid === d.sopInstanceUid)?.reason ?? 'not confirmed'})`,
      );
    if (notStored.length) throw pacsFailed(node, `STOW-RS did not store ${notStored.join(', ')}`);
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'sg-pacs-cstore-'));
  try {
    const files = await Promise.all(
      docs.map(async (d, i) => {
        const f = path.join(dir, `${i}.dcm`);
        await fs.writeFile(f, d.bytes);
        return f;
      }),
    );
    await dimseStore(node, files, signal);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Send the SR (when available) and the Encapsulated PDF of analysis `analysisId` to `node`. */
export async function sendAnalysis(
  store: Store,
  node: PacsNode,
  analysisId: string,
  o: SendOptions = {},
): Promise<SendResult> {
  const id = store.resolveAnalysisId(analysisId);
  const { analysis, signOff } = store.getAnalysis(id);
  if (!signOff && !o.unsigned)
    throw new AppError(
      'INVALID_ARGUMENT',
      `Analysis ${id} is not signed; sign it first ("sign ${id.slice(0, 8)} --reader NAME") or send a preliminary result with --unsigned.`,
    );
  const preliminary = !signOff;
  const docs = await documentsToSend(store, id, { preliminary, buildSr: o.buildSr });
  const protocol = node.kind === 'dicomweb' ? 'STOW-RS' : 'C-STORE';
  const documents = docs.map((d) => ({ kind: d.kind, sopInstanceUid: d.sopInstanceUid }));
  const audit = (result: string): void => {
    store.appendAudit({
      event: 'pacs-send',
      studyInstanceUid: analysis.studyInstanceUid,
      analysisId: id,
      details: { node: node.name, protocol, preliminary, documents, result },
    });
  };
  try {
    await sendOver(node, docs, o.signal);
  } catch (e) {
    audit(isAppError(e) ? `failed: ${e.code}: ${e.message}` : 'failed: internal error');
    throw e;
  }
  audit('stored');
  return { node: node.name, protocol, analysisId: id, preliminary, documents };
}
