/**
 * Prints the summary HTML to PDF with playwright-core driving a local Chromium (Debian /usr/bin/chromium or
 * SPINEGRADE_CHROMIUM). Every request other than file: and data: is blocked: nothing leaves the machine.
 * Never imports electron (the app prints the same HTML with printToPDF).
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
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

/** Render `html` to a PDF at `outFile` (written to a temporary file, then renamed: never half-written). */
export async function printReportPdf(
  html: string,
  outFile: string,
  options: PrintOptions,
): Promise<PrintResult> {
  const executablePath = options.executablePath ?? chromiumPath();
  if (!existsSync(executablePath)) {
    throw new AppError(
      'NOT_FOUND',
      `Chromium is needed to print a PDF and was not found at ${executablePath}. Install it (apt-get install chromium) or set SPINEGRADE_CHROMIUM.`,
    );
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], headless: true });
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
