/**
 * The application menu: File (Open study folder..., Open .zip or DICOM files..., Print summary..., Quit), View (Reload), Help (About with
 * the intended use). Actions are passed in so the template stays a plain value. Electron main only.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openStudy: () => void;
  /** File > Open .zip or DICOM files... (Windows/Linux dialogs pick folders or files, not both). */
  openFiles: () => void;
  printSummary: () => void;
  reload: () => void;
  about: () => void;
}

/** The menu template; on macOS the first menu is the app menu. */
export function buildMenuTemplate(
  actions: MenuActions,
  platform: NodeJS.Platform,
): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open study folder...', accelerator: 'CmdOrCtrl+O', click: actions.openStudy },
      { label: 'Open .zip or DICOM files...', accelerator: 'CmdOrCtrl+Shift+O', click: actions.openFiles },
      { label: 'Print summary...', accelerator: 'CmdOrCtrl+P', click: actions.printSummary },
      { type: 'separator' },
      { label: 'Quit', role: 'quit' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [{ label: 'Reload', accelerator: 'CmdOrCtrl+R', click: actions.reload }],
  };
  const help: MenuItemConstructorOptions = {
    label: '&Help',
    submenu: [{ label: 'About SpineGrade', click: actions.about }],
  };
  return platform === 'darwin' ? [{ role: 'appMenu' }, file, view, help] : [file, view, help];
}
