/**
 * What the renderer sees: the SpineGradeApi contract plus the event stream, and in Electron a small
 * shell for dropped files. The preload and the HTTP client both produce this shape.
 * Pure TypeScript: imports nothing outside main/shared.
 */
import type { SpineGradeApi } from './api';
import type { ApiEventListener } from './apiEvents';

/** Electron-only helpers; absent in a browser on the loopback host. */
export interface ShellBridge {
  /**
   * Absolute path of a File from a drop event (Electron `webUtils.getPathForFile`); '' when the file
   * has no path on disk. The argument is a DOM File.
   */
  pathForFile(file: object): string;
}

/** The API object of the renderer: `window.spinegrade` in Electron, the HTTP client in a browser. */
export interface SpineGradeBridge extends SpineGradeApi {
  /** Listen to engine and shell events; returns the unsubscribe function. */
  onEvent(listener: ApiEventListener): () => void;
  /** Present only in the Electron app. */
  shell?: ShellBridge;
}

/** Name of the global the preload exposes: `window.spinegrade`. */
export const BRIDGE_GLOBAL = 'spinegrade';
