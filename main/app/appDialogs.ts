/**
 * The real ReportDialogs of the app: the summary in a hidden, sandboxed, script-free window sent to the
 * system print dialog (webContents.print), and the save dialog for PDFs. Electron main only.
 */
import { app, BrowserWindow, dialog } from 'electron';
import path from 'node:path';
import type { PaperSize, ReportDialogs } from './appReports';

/** Print a self-contained HTML document through the system print dialog. */
export async function printHtmlWithDialog(html: string, paper: PaperSize): Promise<void> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
  });
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    await new Promise<void>((resolve, reject) =>
      win.webContents.print({ silent: false, printBackground: true, pageSize: paper }, (ok, reason) =>
        // A cancelled dialog is not an error: the user chose not to print.
        ok || /cancel/i.test(reason) ? resolve() : reject(new Error(reason || 'printing failed')),
      ),
    );
  } finally {
    win.destroy();
  }
}

/** ReportDialogs over the window `getWindow` returns (the save dialog is modal to it). */
export function appReportDialogs(getWindow: () => BrowserWindow | undefined): ReportDialogs {
  return {
    printHtml: printHtmlWithDialog,
    async choosePdfPath(suggestedName) {
      const options = {
        title: 'Save the summary as PDF',
        defaultPath: path.join(app.getPath('documents'), suggestedName),
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
      };
      const win = getWindow();
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return r.canceled || !r.filePath ? null : r.filePath;
    },
  };
}
