/**
 * The renderer's typed client of the SpineGradeApi contract over the loopback host (POST /api/<method>,
 * events over Server-Sent Events); binary fields cross as octet-stream bodies (ArrayBuffer), never JSON.
 * Built from the contract's method list; no window access here. Imports only main/shared.
 */
import {
  BINARY_ARG_FIELDS,
  BINARY_JSON_HEADER,
  BINARY_VALUE_FIELDS,
  type SpineGradeApi,
} from '../../main/shared/api';
import type { SpineGradeBridge } from '../../main/shared/apiBridge';
import type { ApiEvent, ApiEventListener } from '../../main/shared/apiEvents';
import { API_METHODS, apiPath, EVENT_PATH } from '../../main/shared/apiMethods';
import type { Result } from '../../main/shared/errors';

/** The subset of fetch this client uses (injectable for tests). */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string | ArrayBuffer },
) => Promise<{
  status: number;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

/** Header naming the byte length of a JSON part sent at the start of a binary body (main/host/apiTransport.ts). */
const JSON_BYTES_HEADER = 'x-spinegrade-json-bytes';

/** Opens the event stream; calls onData with each message's data text; returns a closer. */
export type OpenEventStream = (url: string, onData: (data: string) => void) => () => void;

/** Thrown when the host answers with something that is not a Result (a bug, or no host at all). */
export class HostUnavailableError extends Error {
  override name = 'HostUnavailableError';
}

function isResult(body: unknown): body is Result<unknown> {
  return typeof body === 'object' && body !== null && typeof (body as { ok?: unknown }).ok === 'boolean';
}

type Init = Parameters<FetchLike>[1];
type Reply = Awaited<ReturnType<FetchLike>>;

/** The request of a call: JSON, or the binary argument field as an octet-stream body with the rest in a header. */
function requestOf(method: string, arg: unknown): Init {
  const field = (BINARY_ARG_FIELDS as Record<string, string>)[method];
  const bytes =
    field && typeof arg === 'object' && arg !== null ? (arg as Record<string, unknown>)[field] : undefined;
  if (bytes instanceof ArrayBuffer) {
    const { [field]: _bytes, ...rest } = arg as Record<string, unknown>;
    const headers = {
      'Content-Type': 'application/octet-stream',
      [BINARY_JSON_HEADER]: encodeURIComponent(JSON.stringify(rest)),
    };
    return { method: 'POST', headers, body: bytes };
  }
  const body = arg === undefined ? '' : JSON.stringify(arg);
  return { method: 'POST', headers: { 'Content-Type': 'application/json' }, body };
}

/** The Result of an octet-stream answer: its JSON part with the body's bytes put back as the binary field. */
async function binaryResult(method: string, res: Reply): Promise<unknown> {
  const field = (BINARY_VALUE_FIELDS as Record<string, string>)[method];
  const body = await res.arrayBuffer();
  const header = res.headers.get(BINARY_JSON_HEADER);
  const prefix = Number(res.headers.get(JSON_BYTES_HEADER) ?? NaN);
  let parsed: unknown;
  let bytes = body;
  if (header !== null) parsed = JSON.parse(decodeURIComponent(header));
  else if (Number.isInteger(prefix) && prefix >= 0 && prefix <= body.byteLength) {
    parsed = JSON.parse(new TextDecoder().decode(new Uint8Array(body, 0, prefix)));
    bytes = body.slice(prefix);
  }
  if (!field || !isResult(parsed) || !parsed.ok) return parsed;
  return { ok: true, value: { ...(parsed.value as object), [field]: bytes } };
}

/** A SpineGradeBridge that talks to the loopback host at `baseUrl` ('' = same origin). */
export function createHttpClient(
  fetchImpl: FetchLike,
  openEvents: OpenEventStream,
  baseUrl = '',
): SpineGradeBridge {
  const call = async (method: string, path: string, arg: unknown): Promise<Result<unknown>> => {
    const res = await fetchImpl(baseUrl + path, requestOf(method, arg));
    const binary = (res.headers.get('content-type') ?? '').startsWith('application/octet-stream');
    const body = await (binary ? binaryResult(method, res) : res.json()).catch(() => undefined);
    if (isResult(body)) return body;
    const detail =
      typeof body === 'object' && body !== null && 'bug' in body ? String(body.bug) : `HTTP ${res.status}`;
    throw new HostUnavailableError(`${method} failed in the host: ${detail}`);
  };
  const listeners = new Set<ApiEventListener>();
  let close: (() => void) | undefined;
  const methods = Object.fromEntries(
    API_METHODS.map((m) => [m, (arg?: unknown) => call(m, apiPath(m), arg)]),
  ) as unknown as SpineGradeApi;
  return {
    ...methods,
    onEvent(listener) {
      listeners.add(listener);
      close ??= openEvents(baseUrl + EVENT_PATH, (data) => {
        const event = JSON.parse(data) as ApiEvent;
        for (const l of listeners) l(event);
      });
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && close) {
          close();
          close = undefined;
        }
      };
    },
  };
}
