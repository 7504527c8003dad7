/**
 * The renderer's typed client of the SpineGradeApi contract over the loopback host (POST /api/<method>,
 * events over Server-Sent Events). Built from the contract's method list; no window access here.
 * Renderer code: imports only main/shared, never node or the engine.
 */
import type { SpineGradeApi } from '../../main/shared/api';
import type { SpineGradeBridge } from '../../main/shared/apiBridge';
import type { ApiEvent, ApiEventListener } from '../../main/shared/apiEvents';
import { API_METHODS, apiPath, EVENT_PATH } from '../../main/shared/apiMethods';
import type { Result } from '../../main/shared/errors';

/** The subset of fetch this client uses (injectable for tests). */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<{ status: number; json(): Promise<unknown> }>;

/** Opens the event stream; calls onData with each message's data text; returns a closer. */
export type OpenEventStream = (url: string, onData: (data: string) => void) => () => void;

/** Thrown when the host answers with something that is not a Result (a bug, or no host at all). */
export class HostUnavailableError extends Error {
  override name = 'HostUnavailableError';
}

function isResult(body: unknown): body is Result<unknown> {
  return typeof body === 'object' && body !== null && typeof (body as { ok?: unknown }).ok === 'boolean';
}

/** A SpineGradeBridge that talks to the loopback host at `baseUrl` ('' = same origin). */
export function createHttpClient(
  fetchImpl: FetchLike,
  openEvents: OpenEventStream,
  baseUrl = '',
): SpineGradeBridge {
  const call = async (method: string, path: string, arg: unknown): Promise<Result<unknown>> => {
    const res = await fetchImpl(baseUrl + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: arg === undefined ? '' : JSON.stringify(arg),
    });
    const body = await res.json().catch(() => undefined);
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
