// End-to-end tests: the real renderer and engine through the loopback host in Debian Chromium (never a
// downloaded browser), plus an Electron test that is skipped when the Electron binary is missing.
import path from 'node:path';
import { defineConfig } from '@playwright/test';

/** scripts/test-summary.mjs reads this file; the env form also covers `--reporter=list,json` on the CLI. */
process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ??= path.join(__dirname, 'artifacts', 'playwright.json');

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'artifacts/playwright-output',
  globalSetup: './tests/e2e/globalSetup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['json']],
  use: {
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.SPINEGRADE_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
