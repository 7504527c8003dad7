/**
 * Loads getAppInfo once for the banner, header and About text.
 * Renderer code: imports only main/shared, never node or the engine.
 */
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../main/shared/api';
import { api } from './api';

export type AppInfoState =
  { state: 'loading' } | { state: 'ready'; info: AppInfo } | { state: 'error'; message: string };

/** The app's info from the engine, or why it could not be read. */
export function useAppInfo(): AppInfoState {
  const [s, setS] = useState<AppInfoState>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    api.getAppInfo().then(
      (r) =>
        live && setS(r.ok ? { state: 'ready', info: r.value } : { state: 'error', message: r.error.message }),
      (e: unknown) => live && setS({ state: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, []);
  return s;
}
