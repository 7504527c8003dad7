// The URL of the host started by globalSetup.ts, as it printed it (with this launch's ?token=), and its
// parts for calls from the test itself (Playwright's request, fetch): the clean origin and the token.
export function hostUrl(): string {
  const url = process.env.SPINEGRADE_HOST_URL;
  if (!url)
    throw new Error(
      'SPINEGRADE_HOST_URL is not set: run through `npx playwright test` (globalSetup starts the host).',
    );
  return url;
}

/** The host's origin with a trailing slash, without the token: http://127.0.0.1:PORT/ */
export function hostOrigin(url: string = hostUrl()): string {
  return new URL('/', url).toString();
}

/** Headers that carry the host's token for API calls made from the test (not through the page). */
export function hostAuthHeaders(url: string = hostUrl()): Record<string, string> {
  const token = new URL(url).searchParams.get('token');
  if (!token) throw new Error(`The host URL ${url} has no ?token=: the host prints it with one.`);
  return { Authorization: `Bearer ${token}` };
}
