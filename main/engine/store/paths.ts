/**
 * Where the local store lives: the OS user-data folder, as a pure function of platform, environment and home.
 * Plain Node (node:path only); never imports electron.
 */
import path from 'node:path';

/** Folder name of the application data under the OS user-data folder. */
export const APP_DATA_FOLDER = 'SpineGrade';
/** File name of the SQLite database inside the store folder. */
export const STORE_DB_FILE = 'spinegrade.db';

export interface StoreDirInput {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
}

/**
 * Default store folder per OS (user data, not configuration): Linux `$XDG_DATA_HOME/SpineGrade` (an absolute
 * XDG_DATA_HOME only, else `~/.local/share/SpineGrade`), macOS `~/Library/Application Support/SpineGrade`,
 * Windows `%APPDATA%\SpineGrade` (else `%USERPROFILE%\AppData\Roaming\SpineGrade`). Every face should use
 * this one function so the app, CLI and host share one store. (Electron's userData differs on Linux:
 * `~/.config/SpineGrade`.)
 */
export function defaultStoreDir(input: StoreDirInput): string {
  const { platform, env, homeDir } = input;
  if (platform === 'win32') {
    const appData = env.APPDATA && path.win32.isAbsolute(env.APPDATA) ? env.APPDATA : undefined;
    return path.win32.join(appData ?? path.win32.join(homeDir, 'AppData', 'Roaming'), APP_DATA_FOLDER);
  }
  if (platform === 'darwin') {
    return path.posix.join(homeDir, 'Library', 'Application Support', APP_DATA_FOLDER);
  }
  const xdg = env.XDG_DATA_HOME && path.posix.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : undefined;
  return path.posix.join(xdg ?? path.posix.join(homeDir, '.local', 'share'), APP_DATA_FOLDER);
}

/** Path of the database file inside a store folder. */
export function storeDbPath(dir: string): string {
  return path.join(dir, STORE_DB_FILE);
}
