/**
 * The one API object of the renderer: the Electron preload's `window.spinegrade` when present, else the
 * HTTP client of the loopback host. Renderer code: imports only main/shared, never node or the engine.
 */
import type { SpineGradeBridge } from '../../main/shared/apiBridge';
import { createHttpClient } from './apiClient';

declare global {
  interface Window {
    spinegrade?: SpineGradeBridge;
  }
}

function openEventSource(url: string, onData: (data: string) => void): () => void {
  const source = new EventSource(url);
  source.onmessage = (e: MessageEvent<string>) => onData(e.data);
  return () => source.close();
}

/** The API of this window (resolved once). */
export const api: SpineGradeBridge =
  window.spinegrade ?? createHttpClient((url, init) => fetch(url, init), openEventSource);

/** True when running inside the Electron app (drop gives file paths, menus exist). */
export const inElectron: boolean = window.spinegrade !== undefined;
