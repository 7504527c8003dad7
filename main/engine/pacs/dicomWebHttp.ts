/**
 * HTTP for DICOMweb over Node's own fetch (dicomweb-client needs a browser's XMLHttpRequest): the node's
 * credentials, an idle timeout per step, cancellation, and HTTP / network failures as AppErrors naming the
 * node. Credentials never appear in a message. Plain Node; never imports electron.
 */
import { AppError } from '../../shared/errors';
import { nodeLabel, type DicomWebNode } from './nodeConfig';
import { aborted, pacsFailed, timedOut, unreachable } from './pacsErrors';

export interface HttpCall {
  /** Path and query under the node's base URL, e.g. `/studies?PatientID=1`. */
  path: string;
  method?: 'GET' | 'POST';
  accept: string;
  body?: Buffer;
  contentType?: string;
  /** What the call does, for messages ("querying studies"). */
  step: string;
  signal?: AbortSignal;
  /** Called with the bytes received so far while the body streams in. */
  onBytes?: (received: number) => void;
}

export interface HttpAnswer {
  status: number;
  contentType: string | null;
  body: Buffer;
}

function authHeader(node: DicomWebNode): Record<string, string> {
  if (!node.auth) return {};
  if (node.auth.type === 'bearer') return { Authorization: `Bearer ${node.auth.token}` };
  const token = Buffer.from(`${node.auth.user}:${node.auth.password}`).toString('base64');
  return { Authorization: `Basic ${token}` };
}

/** `base` + `path` without a doubled slash. */
export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + path;
}

function httpError(node: DicomWebNode, status: number, step: string): AppError | undefined {
  if (status === 401)
    return new AppError(
      'PACS_REFUSED',
      `${nodeLabel(node)} answered 401 Unauthorized while ${step}: the user name or password (or token) is wrong or missing; ` +
        'add the node again with the right --user/--password-file or --token-file.',
    );
  if (status === 403)
    return new AppError(
      'PACS_REFUSED',
      `${nodeLabel(node)} answered 403 Forbidden while ${step}: this user may not do that.`,
    );
  if (status >= 400) return pacsFailed(node, `HTTP ${status} while ${step}`);
  return undefined;
}

async function readBody(
  response: Response,
  restart: () => void,
  onBytes?: (received: number) => void,
): Promise<Buffer> {
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let received = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(Buffer.from(value));
    received += value.length;
    restart();
    onBytes?.(received);
  }
  return Buffer.concat(chunks);
}

/**
 * One DICOMweb request. The node's timeout applies to every wait (connect, headers, each chunk of the
 * body), not to the whole transfer. 404 comes back as a status for the caller to word; other HTTP errors,
 * network failures, timeouts and cancellation throw AppErrors.
 */
export async function dicomWebRequest(node: DicomWebNode, call: HttpCall): Promise<HttpAnswer> {
  const controller = new AbortController();
  let timedOutFlag = false;
  let timer: NodeJS.Timeout | undefined;
  const restart = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOutFlag = true;
      controller.abort();
    }, node.timeoutMs);
  };
  const onAbort = (): void => controller.abort();
  call.signal?.addEventListener('abort', onAbort, { once: true });
  if (call.signal?.aborted) throw aborted();
  restart();
  try {
    const response = await fetch(joinUrl(node.url, call.path), {
      method: call.method ?? 'GET',
      headers: {
        Accept: call.accept,
        ...(call.contentType ? { 'Content-Type': call.contentType } : {}),
        ...authHeader(node),
      },
      body: call.body,
      signal: controller.signal,
      redirect: 'error',
    });
    const failure = response.status === 404 ? undefined : httpError(node, response.status, call.step);
    if (failure) {
      await response.body?.cancel();
      throw failure;
    }
    const body = await readBody(response, restart, call.onBytes);
    return { status: response.status, contentType: response.headers.get('content-type'), body };
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (timedOutFlag) throw timedOut(node, call.step, node.timeoutMs);
    if (call.signal?.aborted) throw aborted();
    throw unreachable(node, e, call.step);
  } finally {
    clearTimeout(timer);
    call.signal?.removeEventListener('abort', onAbort);
  }
}
