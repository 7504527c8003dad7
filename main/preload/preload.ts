/**
 * Preload of the sandboxed renderer: exposes window.spinegrade = the contract's methods (ipcRenderer.invoke
 * on channels derived from the method list), the event channel, and the dropped-file path helper.
 * Nothing else. Bundled into one file by scripts/build-preload.ts (sandboxed preloads cannot require).
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { SpineGradeApi } from '../shared/api';
import type { SpineGradeBridge } from '../shared/apiBridge';
import { BRIDGE_GLOBAL } from '../shared/apiBridge';
import type { ApiEvent, ApiEventListener } from '../shared/apiEvents';
import { API_METHODS, apiChannel, EVENT_CHANNEL } from '../shared/apiMethods';

/** Build the bridge object from the contract's method list. */
export function buildBridge(): SpineGradeBridge {
  const methods = Object.fromEntries(
    API_METHODS.map((m) => [m, (arg?: unknown) => ipcRenderer.invoke(apiChannel(m), arg)]),
  ) as unknown as SpineGradeApi;
  return {
    ...methods,
    onEvent(listener: ApiEventListener): () => void {
      const wrapped = (_e: IpcRendererEvent, event: ApiEvent): void => listener(event);
      ipcRenderer.on(EVENT_CHANNEL, wrapped);
      return () => {
        ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
      };
    },
    shell: {
      pathForFile: (file: object): string =>
        webUtils.getPathForFile(file as Parameters<typeof webUtils.getPathForFile>[0]),
    },
  };
}

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, buildBridge());
