/**
 * Electron main process entry: thin wiring of the engine to a window (IPC from the contract, events,
 * menu, open dialog, About). Electron main only; all product logic lives in main/engine.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu } from 'electron';
import path from 'node:path';
import { createEngine, type Engine } from '../engine/createEngine';
import { appReportDialogs } from './appDialogs';
import { withAppReports } from './appReports';
import { registerApiHandlers, sendApiEvent } from './ipc';
import { chooseStudyPaths, type OpenStudyKind } from './openStudyDialog';
import { printHtmlToPdf } from './print';
import { buildMenuTemplate } from './menu';
import { createMainWindow, guardContents, lockDownSession } from './window';

const log = (message: unknown): void => {
  process.stderr.write(
    `[spinegrade] ${message instanceof Error ? (message.stack ?? message.message) : String(message)}\n`,
  );
};

/** Folder of the app (checkout or app.asar); models ship unpacked beside app.asar (onnxruntime reads files). */
function appPaths(): { rendererIndex: string; preload: string; modelDir: string } {
  const root = app.getAppPath();
  return {
    rendererIndex: path.join(root, 'dist', 'renderer', 'index.html'),
    preload: path.join(root, 'dist', 'preload', 'preload.js'),
    modelDir: path.join(root.replace(/app\.asar$/, 'app.asar.unpacked'), 'models'),
  };
}

async function showAbout(win: BrowserWindow, engine: Engine): Promise<void> {
  const info = await engine.getAppInfo();
  const rt = info.ok ? info.value.onnxRuntime : undefined;
  const providers = rt?.available
    ? `ONNX Runtime providers: ${rt.providers.map((p) => (p.bundled ? p.name : `${p.name} (opt-in download)`)).join(', ')}`
    : `ONNX Runtime: ${rt?.error ?? 'unknown'}`;
  const detail = info.ok
    ? `Version ${info.value.appVersion}\n\n${info.value.intendedUse}\n${info.value.exclusions}\n\n${providers}\n\nNothing leaves this computer: no network calls, no telemetry.`
    : info.error.message;
  await dialog.showMessageBox(win, {
    type: 'info',
    title: 'About SpineGrade',
    message: 'SpineGrade',
    detail,
  });
}

/** File > Open: the chosen folder, .zip or files go to the window, which imports them like a drop. */
async function openStudy(win: BrowserWindow, kind: OpenStudyKind): Promise<void> {
  await chooseStudyPaths(
    kind,
    process.platform,
    (options) => dialog.showOpenDialog(win, options),
    (paths) => sendApiEvent(win.webContents, { type: 'open-paths', paths }),
  );
}

function start(): void {
  const paths = appPaths();
  const engine = createEngine({
    modelDir: paths.modelDir,
    appVersion: app.getVersion(),
    // PDFs from Chromium inside Electron (no system browser needed on a workstation).
    printPdf: (html, paper) => printHtmlToPdf(html, paper),
    // Analyses and pixel decodes on worker threads: the main process answering the window stays free.
    offThread: true,
    onWorkerFallback: (reason) => log(`${reason}; running it in the main process`),
  });
  lockDownSession(log);
  app.on('web-contents-created', (_e, contents) => guardContents(contents));
  const win = createMainWindow(paths.rendererIndex, paths.preload);
  // Print: the system print dialog; Save PDF: the save dialog, then the engine's exportReport.
  registerApiHandlers(
    ipcMain,
    withAppReports(
      engine,
      appReportDialogs(() => win),
    ),
    log,
  );
  const unsubscribe = engine.subscribe((event) => sendApiEvent(win.webContents, event));
  const template = buildMenuTemplate(
    {
      openStudy: () => void openStudy(win, 'folder'),
      openFiles: () => void openStudy(win, 'files'),
      printSummary: () => sendApiEvent(win.webContents, { type: 'menu', command: 'print-summary' }),
      reload: () => win.webContents.reload(),
      about: () => void showAbout(win, engine),
    },
    process.platform,
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  app.on('window-all-closed', () => {
    unsubscribe();
    void engine.close().finally(() => app.quit());
  });
}

app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();
else void app.whenReady().then(start);
