/**
 * Method names and channel names derived from the SpineGradeApi contract (no zod: the sandboxed
 * preload bundles this file). Pure TypeScript: imports nothing outside main/shared.
 */
import type { ApiMethod } from './api';

/** Every contract method, once. The compiler rejects a name missing here or not in the contract. */
export const API_METHODS = [
  'getAppInfo',
  'importStudy',
  'listStudies',
  'analyzeStudy',
  'getReport',
  'exportReport',
  'cancelJob',
  'getStudyDetail',
  'getStackPixels',
  'getStackThumbnail',
  'getAnalysis',
  'overrideFinding',
  'signAnalysis',
  'printReport',
  'savePdf',
  'uploadFile',
  'importUploaded',
  'pacsListNodes',
  'pacsEcho',
  'pacsQuery',
  'pacsRetrieve',
  'pacsSend',
  'exportSr',
] as const satisfies readonly ApiMethod[];

type Missing = Exclude<ApiMethod, (typeof API_METHODS)[number]>;
/** Compile-time proof that API_METHODS lists every method of SpineGradeApi. */
export const API_METHODS_COMPLETE: [Missing] extends [never] ? true : Missing = true;

/** True when name is a contract method (own list, so '__proto__' or 'constructor' never match). */
export function isApiMethod(name: string): name is ApiMethod {
  return (API_METHODS as readonly string[]).includes(name);
}

/** Electron IPC channel of a method, e.g. 'spinegrade:api:getAppInfo'. */
export function apiChannel(method: ApiMethod): string {
  return `spinegrade:api:${method}`;
}

/** HTTP path of a method on the loopback host, e.g. '/api/getAppInfo'. */
export function apiPath(method: ApiMethod): string {
  return `/api/${method}`;
}

/** The one channel on which engine and shell events reach the renderer (IPC) or browser (SSE). */
export const EVENT_CHANNEL = 'spinegrade:event';
/** Server-Sent Events path of the loopback host. */
export const EVENT_PATH = '/api/events';
