/**
 * Printing: the report HTML rendered to PDF by Chromium (webContents.printToPDF) in a hidden, sandboxed
 * window with JavaScript off; the engine writes it (exportReport, all-or-nothing). Electron main only.
 */
import { BrowserWindow } from 'electron';

/** Paper sizes of the report's print CSS. */
export type PaperSize = 'A4' | 'Letter';

/** Render a self-contained HTML document to PDF bytes. */
export async function printHtmlToPdf(html: string, pageSize: PaperSize = 'A4'): Promise<Buffer> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
  });
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    return await win.webContents.printToPDF({ pageSize, printBackground: true, preferCSSPageSize: true });
  } finally {
    win.destroy();
  }
}
