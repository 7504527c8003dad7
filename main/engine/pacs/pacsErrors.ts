/**
 * PACS failures as AppErrors that name the node and say what to do; the wording of DIMSE association
 * rejections (PS3.8 9.3.4) in plain words. Plain Node; never imports electron.
 */
import { AppError } from '../../shared/errors';
import { nodeLabel, type PacsNode } from './nodeConfig';

/** PS3.8 Table 9-21: A-ASSOCIATE-RJ reasons by source (1 service user, 2 ACSE provider, 3 presentation). */
const REJECT_REASONS: Record<string, string> = {
  '1:1': 'no reason given',
  '1:2': 'the application context name is not supported',
  '1:3': 'the PACS does not know the calling AE title (ours); register it on the PACS or fix --calling-aet',
  '1:7': "the called AE title is not the PACS's AE title; check --aet against the PACS configuration",
  '2:1': 'no reason given',
  '2:2': 'the protocol version is not supported',
  '3:1': 'the PACS is temporarily congested; try again later',
  '3:2': "the PACS's local limit of associations is exceeded; try again later",
};

/** The association was rejected: the reason in plain words. */
export function associationRejected(
  node: PacsNode,
  r: { result: number; source: number; reason: number },
): AppError {
  const why = REJECT_REASONS[`${r.source}:${r.reason}`] ?? `reason ${r.reason} from source ${r.source}`;
  const kind = r.result === 2 ? 'transiently' : 'permanently';
  return new AppError('PACS_REFUSED', `${nodeLabel(node)} ${kind} rejected the association: ${why}.`);
}

/** The step that did not answer in time. */
export function timedOut(node: PacsNode, step: string, ms: number): AppError {
  return new AppError(
    'PACS_TIMEOUT',
    `${nodeLabel(node)} did not answer within ${(ms / 1000).toFixed(1)} s while ${step}; check that the PACS is ` +
      "running and not overloaded, or raise the node's timeout (pacs add ... --timeout S).",
  );
}

/** Network failure text from a Node error (ECONNREFUSED, ENOTFOUND, ...), without any URL credentials. */
function networkReason(e: unknown): string {
  const cause = (e as { cause?: unknown }).cause ?? e;
  const code = (cause as { code?: unknown }).code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'the connection was refused (nothing listens on that port: is the PACS running, is the port right?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name does not resolve (check the host or URL)';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'the host is unreachable from this machine (check the network or VPN)';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'the connection was closed by the PACS in the middle of the exchange';
    default:
      return typeof code === 'string' ? `network error ${code}` : 'network error';
  }
}

/** The node could not be reached or the connection broke. */
export function unreachable(node: PacsNode, e: unknown, during = 'connecting'): AppError {
  return new AppError('PACS_UNREACHABLE', `${nodeLabel(node)} failed while ${during}: ${networkReason(e)}.`);
}

/** Anything else the PACS answered that is not what was asked. */
export function pacsFailed(node: PacsNode, what: string): AppError {
  return new AppError('PACS_FAILED', `${nodeLabel(node)}: ${what}.`);
}

/** The job was cancelled by the user. */
export function aborted(): AppError {
  return new AppError('ABORTED', 'The PACS job was cancelled; nothing was imported.');
}
