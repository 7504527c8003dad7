/**
 * File > Open: the open dialog for a study folder, or for .zip archives and DICOM files (Windows and
 * Linux dialogs cannot pick folders and files at once; macOS can), and the chosen paths sent to the
 * window, which imports them like a drop. Electron main only (types here; the dialog comes in).
 */
import type { OpenDialogOptions } from 'electron';

/** What File > Open asks for. */
export type OpenStudyKind = 'folder' | 'files';

/** Options of the open dialog for `kind` on `platform`. */
export function openStudyDialogOptions(kind: OpenStudyKind, platform: NodeJS.Platform): OpenDialogOptions {
  if (kind === 'folder')
    return {
      title: 'Open a lumbar MRI study folder',
      buttonLabel: 'Open study',
      properties:
        platform === 'darwin'
          ? ['openDirectory', 'openFile', 'multiSelections']
          : ['openDirectory', 'multiSelections'],
    };
  return {
    title: 'Open a .zip of a study, or DICOM files',
    buttonLabel: 'Open study',
    properties: ['openFile', 'multiSelections'],
    filters: [
      { name: 'Study archives and DICOM files', extensions: ['zip', 'dcm', 'dicom', 'ima', '*'] },
      { name: '.zip archives', extensions: ['zip'] },
    ],
  };
}

/** The dialog call main.ts passes in (electron's dialog.showOpenDialog bound to the window). */
export type ShowOpenDialog = (
  options: OpenDialogOptions,
) => Promise<{ canceled: boolean; filePaths: string[] }>;

/** Ask for a study and hand the chosen paths on (nothing when cancelled); returns the paths. */
export async function chooseStudyPaths(
  kind: OpenStudyKind,
  platform: NodeJS.Platform,
  show: ShowOpenDialog,
  openPaths: (paths: string[]) => void,
): Promise<string[]> {
  const r = await show(openStudyDialogOptions(kind, platform));
  if (r.canceled || r.filePaths.length === 0) return [];
  openPaths(r.filePaths);
  return r.filePaths;
}
