/**
 * The main window and the session rules: sandboxed renderer, strict CSP, every non-local request
 * cancelled, no permissions, no new windows, no navigation (a dropped file must not replace the app).
 * Electron main only.
 */
import { app, BrowserWindow, session, type WebContents } from 'electron';
import path from 'node:path';
import { APP_CSP, isAllowedRequestUrl } from './netPolicy';

/** Apply the network and permission rules to the default session once, before any window loads. */
export function lockDownSession(log: (message: string) => void): void {
  const s = session.defaultSession;
  s.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequestUrl(details.url);
    if (!allowed) log(`blocked request to ${details.url}`);
    callback({ cancel: !allowed });
  });
  s.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [APP_CSP] } });
  });
  s.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
}

/** Refuse navigation, new windows and webviews for any web contents the app creates. */
export function guardContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Create the main window loading the built renderer with the bundled preload. */
export function createMainWindow(rendererIndex: string, preloadPath: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1600,
    height: 960,
    minWidth: 1100,
    minHeight: 700,
    title: 'SpineGrade',
    backgroundColor: '#020617',
    icon: path.join(app.getAppPath(), 'assets', 'icons', '256x256.png'),
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadFile(rendererIndex);
  return win;
}
