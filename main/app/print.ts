/**
 * Printing: the report HTML rendered to PDF by Chromium (webContents.printToPDF) in a hidden, sandboxed
 * window with JavaScript off, then saved where the user chooses. Electron main only.
 */
import { BrowserWindow, dialog } from 'electron';
import { writeFile } from 'node:fs/promises';

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

/** Ask where to save, write the PDF, and return the path (null when the user cancelled). */
export async function savePdf(
  parent: BrowserWindow,
  pdf: Buffer,
  defaultName: string,
): Promise<string | null> {
  const r = await dialog.showSaveDialog(parent, {
    title: 'Save findings summary as PDF',
    defaultPath: defaultName,
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  });
  if (r.canceled || !r.filePath) return null;
  await writeFile(r.filePath, pdf);
  return r.filePath;
}
