/**
 * IPC registration from the contract's method list: one ipcMain.handle per method, each validated with
 * the method's zod schema (dispatchApiCall) and answered only for the app's own page; binary fields cross
 * as ArrayBuffers by structured clone (ipcBinary.ts). Electron main only.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Engine } from '../engine/createEngine';
import { dispatchApiCall } from '../shared/apiDispatch';
import type { ApiEvent } from '../shared/apiEvents';
import { API_METHODS, apiChannel, EVENT_CHANNEL } from '../shared/apiMethods';
import { fail } from '../shared/errors';
import { binaryArgFromIpc, binaryResultForIpc } from './ipcBinary';
import { isTrustedSenderUrl } from './netPolicy';

/** Register a handler per contract method; returns a function that removes them. */
export function registerApiHandlers(ipcMain: IpcMain, engine: Engine, log: (e: unknown) => void): () => void {
  for (const method of API_METHODS) {
    ipcMain.handle(apiChannel(method), async (event: IpcMainInvokeEvent, arg: unknown) => {
      if (!isTrustedSenderUrl(event.senderFrame?.url)) {
        return fail({
          code: 'INVALID_ARGUMENT',
          message: 'Calls are accepted only from the SpineGrade window.',
        });
      }
      try {
        return binaryResultForIpc(
          method,
          await dispatchApiCall(engine, method, binaryArgFromIpc(method, arg)),
        );
      } catch (e) {
        log(e);
        throw new Error(`${method} failed with an internal error; see the log and please report it.`);
      }
    });
  }
  return () => {
    for (const method of API_METHODS) ipcMain.removeHandler(apiChannel(method));
  };
}

/** Send an engine or shell event to a window on the one typed event channel. */
export function sendApiEvent(contents: WebContents, event: ApiEvent): void {
  if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event);
}
