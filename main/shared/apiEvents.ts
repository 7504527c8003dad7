/**
 * Events pushed to a face while the engine works (job progress) or the shell asks (menu commands).
 * They travel on one channel: webContents.send in Electron, Server-Sent Events on the host.
 * Pure TypeScript: imports nothing outside main/shared.
 */
import type { ApiMethod } from './api';
import type { ErrorInfo } from './errors';

/** One step of a long job (import, analysis). `done` of `total` units of `stage`. */
export interface JobProgressEvent {
  type: 'job-progress';
  jobId: string;
  method: ApiMethod;
  stage: string;
  done: number;
  total: number;
  message?: string;
}

/** A long job finished, failed or was cancelled (error.code 'ABORTED'). */
export interface JobEndEvent {
  type: 'job-end';
  jobId: string;
  method: ApiMethod;
  ok: boolean;
  error?: ErrorInfo;
}

export type EngineEvent = JobProgressEvent | JobEndEvent;

/** Commands of the Electron menu that the renderer carries out. */
export type MenuCommand = 'print-summary';

/** Events from the Electron shell (never sent by the browser host). */
export type ShellEvent =
  | { type: 'menu'; command: MenuCommand }
  /** Files or folders chosen with File > Open study... */
  | { type: 'open-paths'; paths: string[] };

export type ApiEvent = EngineEvent | ShellEvent;

/** A listener of the event channel; returns nothing. */
export type ApiEventListener = (event: ApiEvent) => void;
