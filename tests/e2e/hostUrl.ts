// The URL of the host started by globalSetup.ts.
export function hostUrl(): string {
  const url = process.env.SPINEGRADE_HOST_URL;
  if (!url)
    throw new Error(
      'SPINEGRADE_HOST_URL is not set: run through `npx playwright test` (globalSetup starts the host).',
    );
  return url;
}
