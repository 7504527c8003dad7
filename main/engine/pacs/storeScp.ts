/**
 * This app's C-STORE SCP for C-MOVE retrieves (dcmjs-dimse Server): it listens only while a retrieve runs,
 * accepts associations called with our AE title for storage SOP classes in transfer syntaxes the importer
 * decodes, and hands each instance's dataset bytes, exactly as received, to the caller.
 * Plain Node; never imports electron.
 */
import type { Writable } from 'node:stream';
import dimse from 'dcmjs-dimse';
import { SUPPORTED_TRANSFER_SYNTAXES } from '../dicom/transferSyntax';
import './dimseAssociation';

const C = dimse.constants;
const STORAGE_UIDS = new Set<string>(Object.values(C.StorageClass as Record<string, string>));
const DECODABLE = new Set(SUPPORTED_TRANSFER_SYNTAXES.map((t) => t.uid));

type StoreRequest = InstanceType<typeof dimse.requests.CStoreRequest>;
type StoreResponse = InstanceType<typeof dimse.responses.CStoreResponse>;
type PresentationContext = Parameters<InstanceType<typeof dimse.Scp>['createStoreWritableStream']>[0];
type Association = Parameters<InstanceType<typeof dimse.Scp>['associationRequested']>[0];

/** One received instance: its dataset bytes in the accepted transfer syntax. */
export interface ReceivedInstance {
  sopClassUid: string;
  sopInstanceUid: string;
  transferSyntaxUid: string;
  datasetBytes: Buffer;
}

export interface StoreScpOptions {
  port: number;
  /** Only associations called with this AE title are accepted. */
  aet: string;
  timeoutMs: number;
  /** Store one instance; resolve with the DIMSE status to answer (0 success, 0xA700 out of resources...). */
  onInstance: (instance: ReceivedInstance) => Promise<number>;
}

export interface RunningScp {
  close: () => void;
}

function acceptContexts(association: Association): void {
  for (const { context } of association.getPresentationContexts()) {
    const ts = context.getTransferSyntaxUids().find((t) => DECODABLE.has(t));
    if (!STORAGE_UIDS.has(context.getAbstractSyntaxUid()))
      context.setResult(C.PresentationContextResult.RejectAbstractSyntaxNotSupported);
    else if (!ts) context.setResult(C.PresentationContextResult.RejectTransferSyntaxesNotSupported);
    else context.setResult(C.PresentationContextResult.Accept, ts);
  }
}

function scpClass(o: StoreScpOptions): typeof dimse.Scp {
  const raw = new WeakMap<StoreRequest, ReceivedInstance>();
  const pending = new WeakMap<Writable, StoreRequest>();
  return class StoreScp extends dimse.Scp {
    override associationRequested(association: Association): void {
      if (association.getCalledAeTitle().trim() !== o.aet.trim()) {
        this.sendAssociationReject(
          C.RejectResult.Permanent,
          C.RejectSource.ServiceUser,
          C.RejectReason.CalledAeNotRecognized,
        );
        return;
      }
      acceptContexts(association);
      this.sendAssociationAccept();
    }
    override associationReleaseRequested(): void {
      this.sendAssociationReleaseResponse();
    }
    override createStoreWritableStream(context: PresentationContext, request: StoreRequest): Writable {
      const stream = super.createStoreWritableStream(context, request);
      pending.set(stream, request);
      return stream;
    }
    override createDatasetFromStoreWritableStream(
      writable: Writable,
      context: PresentationContext,
      callback: (dataset: InstanceType<typeof dimse.Dataset>) => void,
    ): void {
      const request = pending.get(writable);
      const transferSyntaxUid = context.getAcceptedTransferSyntaxUid() ?? '';
      const datasetBytes = (writable as unknown as { toBuffer(): Buffer }).toBuffer();
      if (request)
        raw.set(request, {
          sopClassUid: request.getAffectedSopClassUid(),
          sopInstanceUid: request.getAffectedSopInstanceUid(),
          transferSyntaxUid,
          datasetBytes,
        });
      callback(new dimse.Dataset({}, transferSyntaxUid));
    }
    override cStoreRequest(request: StoreRequest, callback: (response: StoreResponse) => void): void {
      const instance = raw.get(request);
      const reply = (status: number): void => {
        const response = dimse.responses.CStoreResponse.fromRequest(request);
        response.setStatus(status);
        callback(response);
      };
      if (!instance) return reply(0xa700);
      o.onInstance(instance).then(reply, () => reply(0xa700));
    }
  };
}

/** Start listening; resolves once the port is bound. Close it when the retrieve ends, whatever happened. */
export function startStoreScp(o: StoreScpOptions): Promise<RunningScp> {
  const server = new dimse.Server(scpClass(o));
  return new Promise((resolve, reject) => {
    server.on('networkError', (e: Error) => reject(e));
    server.on('listening', () => resolve({ close: () => server.close() }));
    server.listen(o.port, {
      connectTimeout: o.timeoutMs,
      associationTimeout: o.timeoutMs,
      pduTimeout: o.timeoutMs,
    });
  });
}
