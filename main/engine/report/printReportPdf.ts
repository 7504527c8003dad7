/**
 * Prints the summary HTML to PDF with playwright-core driving a local Chromium (Debian /usr/bin/chromium or
 * SPINEGRADE_CHROMIUM). Every request other than file: and data: is blocked: nothing leaves the machine.
 * Never imports electron (the app prints the same HTML with printToPDF).
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { Browser } from 'playwright-core';
import type { Paper } from './reportCss';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const;

export interface PrintOptions {
  paper: Paper;
  /** Chromium binary; default SPINEGRADE_CHROMIUM, else /usr/bin/chromium. */
  executablePath?: string;
}

export interface PrintResult {
  file: string;
  bytes: number;
  /** URLs the page tried to fetch and that were refused (should be empty for our own HTML). */
  blockedRequests: string[];
}

/** The Chromium binary the CLI and tests use. */
export function chromiumPath(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.SPINEGRADE_CHROMIUM || '/usr/bin/chromium';
}

/** EXPORT_FAILED naming the binary, why it did not start and how to get a working one. */
function chromiumStartError(executablePath: string, reason: string): AppError {
  return new AppError(
    'EXPORT_FAILED',
    `Chromium at ${executablePath} could not be started (${reason}); install it with apt-get install chromium ` +
      'or set SPINEGRADE_CHROMIUM to the path of a Chromium binary.',
  );
}

/** The Chromium binary to print with; EXPORT_FAILED (before any work is done) when there is no file there. */
export function requireChromium(executablePath: string = chromiumPath()): string {
  if (!existsSync(executablePath)) throw chromiumStartError(executablePath, 'no such file');
  return executablePath;
}

/** Start headless Chromium; a binary that is missing, not Chromium or crashes at start is EXPORT_FAILED. */
async function launchChromium(executablePath: string): Promise<Browser> {
  requireChromium(executablePath);
  const { chromium } = await import('playwright-core');
  try {
    return await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], headless: true });
  } catch (err) {
    // Playwright's message is "browserType.launch: <reason>" followed by the whole launch log.
    const first = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    throw chromiumStartError(executablePath, first.replace(/^browserType\.launch:\s*/, ''));
  }
}

/** Render `html` to a PDF at `outFile` (written to a temporary file, then renamed: never half-written). */
export async function printReportPdf(
  html: string,
  outFile: string,
  options: PrintOptions,
): Promise<PrintResult> {
  const browser = await launchChromium(options.executablePath ?? chromiumPath());
  const blockedRequests: string[] = [];
  const tmp = path.join(path.dirname(outFile), `.${path.basename(outFile)}.${process.pid}.tmp`);
  try {
    const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('data:') || url === 'about:blank')
        return route.continue();
      blockedRequests.push(url);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({ format: options.paper, printBackground: true, preferCSSPageSize: true });
    await fs.writeFile(tmp, pdf);
    await fs.rename(tmp, outFile);
    return { file: outFile, bytes: pdf.length, blockedRequests };
  } catch (err) {
    await fs.rm(tmp, { force: true });
    if (err instanceof AppError) throw err;
    throw new AppError(
      'EXPORT_FAILED',
      `Could not print the PDF to ${outFile}: ${err instanceof Error ? err.message : String(err)}`,
    );
  } finally {
    await browser.close();
  }
}
