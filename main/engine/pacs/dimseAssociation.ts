/**
 * One DIMSE association with a node through dcmjs-dimse: send requests, wait for every final response,
 * and turn rejections, network errors, timeouts, aborts and cancellation into AppErrors naming the node.
 * The library's own console logging is switched off (it would print datasets). Plain Node; never imports electron.
 */
import dimse from 'dcmjs-dimse';
import type { AppError } from '../../shared/errors';
import type { DimseNode } from './nodeConfig';
import { aborted, associationRejected, pacsFailed, timedOut, unreachable } from './pacsErrors';

dimse.log.setLevel('silent');

type DimseRequest = InstanceType<typeof dimse.requests.CEchoRequest>;
type DimseResponse = InstanceType<typeof dimse.responses.CEchoResponse>;
type StoreRequest = InstanceType<typeof dimse.requests.CStoreRequest>;
type StoreResponse = InstanceType<typeof dimse.responses.CStoreResponse>;

/** PS3.7 C.4: Pending statuses. */
export function isPending(status: number): boolean {
  return status === 0xff00 || status === 0xff01;
}

export interface AssociationOptions {
  /** What the association does, for messages ("retrieving study X"). */
  step: string;
  signal?: AbortSignal;
  /** Each response as it arrives (pending ones included). */
  onResponse?: (response: DimseResponse, request: DimseRequest) => void;
  /** C-STORE sub-operations of a C-GET on this association: resolve with the DIMSE status to answer. */
  onStore?: (request: StoreRequest) => Promise<number>;
}

/** The final (non-pending) response of each request, in order. */
export type FinalResponses = DimseResponse[];

function networkError(node: DimseNode, step: string, e: Error): AppError {
  const text = e.message;
  if (/timeout/i.test(text)) return timedOut(node, step, node.timeoutMs);
  const code = /\b(E[A-Z]{4,})\b/.exec(text)?.[1];
  return unreachable(node, { code }, step);
}

/** Destroy the client's socket: after a timeout or a cancel the peer may never close its side. */
function destroySocket(client: InstanceType<typeof dimse.Client>): void {
  const network = (client as unknown as { network?: { socket?: { destroy(): void } } }).network;
  network?.socket?.destroy();
}

function addStoreHandler(
  client: InstanceType<typeof dimse.Client>,
  onStore: NonNullable<AssociationOptions['onStore']>,
  onError: (e: unknown) => void,
): void {
  client.on('cStoreRequest', (request: StoreRequest, callback: (r: StoreResponse) => void) => {
    const reply = (status: number): void => {
      const response = dimse.responses.CStoreResponse.fromRequest(request);
      response.setStatus(status);
      callback(response);
    };
    onStore(request).then(reply, (e: unknown) => {
      onError(e);
      reply(0xa700);
    });
  });
}

/**
 * Open an association from the node's calling AE title, send `requests`, release. Resolves with the final
 * response of each request once the association is closed; rejects with the first failure (a network
 * error, a timeout or a cancel ends the association at once).
 */
export function runAssociation(
  node: DimseNode,
  requests: DimseRequest[],
  o: AssociationOptions,
): Promise<FinalResponses> {
  return new Promise((resolve, reject) => {
    if (o.signal?.aborted) return reject(aborted());
    const client = new dimse.Client();
    const finals = new Map<DimseRequest, DimseResponse>();
    let failure: unknown;
    let settled = false;
    const finish = (): void => {
      if (settled) return;
      settled = true;
      o.signal?.removeEventListener('abort', onAbort);
      if (failure) return reject(failure);
      if (requests.some((r) => !finals.has(r)))
        return reject(
          pacsFailed(
            node,
            `the association closed before the PACS finished ${o.step} (aborted by the PACS?)`,
          ),
        );
      resolve(requests.map((r) => finals.get(r) as DimseResponse));
    };
    const fail = (e: unknown): void => {
      failure ??= e;
      destroySocket(client);
      finish();
    };
    const onAbort = (): void => fail(aborted());
    o.signal?.addEventListener('abort', onAbort, { once: true });
    for (const request of requests) {
      request.on('response', (response: DimseResponse) => {
        o.onResponse?.(response, request);
        if (!isPending(response.getStatus())) finals.set(request, response);
      });
      client.addRequest(request);
    }
    client.on('associationRejected', (r: { result: number; source: number; reason: number }) => {
      failure ??= associationRejected(node, r);
    });
    client.on('networkError', (e: Error) => fail(networkError(node, o.step, e)));
    if (o.onStore) addStoreHandler(client, o.onStore, (e) => (failure ??= e));
    client.on('closed', finish);
    client.send(node.host, node.port, node.callingAet, node.calledAet, {
      connectTimeout: node.timeoutMs,
      associationTimeout: node.timeoutMs,
      pduTimeout: node.timeoutMs,
    });
  });
}

/** PACS_FAILED naming a final DIMSE status that is not Success (0000) or a Warning (Bxxx). */
export function checkStatus(node: DimseNode, response: DimseResponse, what: string): void {
  const status = response.getStatus();
  if (status === 0 || (status & 0xf000) === 0xb000) return;
  const comment = response.getErrorComment?.();
  throw pacsFailed(
    node,
    `${what} failed with DIMSE status 0x${status.toString(16).padStart(4, '0')}${comment ? ` (${comment})` : ''}`,
  );
}
