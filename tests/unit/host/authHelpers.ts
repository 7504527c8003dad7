// Test helper: a fetch that sends a running host's per-launch token (main/host/authToken.ts) as a bearer header.
import type { FetchLike } from '../../../renderer/src/apiClient';

/** fetch with `Authorization: Bearer <token>` added, for createHttpClient against a test host. */
export function authFetch(host: { token: string }): FetchLike {
  return (url, init) =>
    fetch(url, { ...init, headers: { ...init.headers, Authorization: `Bearer ${host.token}` } });
}
