/**
 * Title bar of the shell: app name, version, ONNX Runtime providers, and engine errors.
 * Renderer code: imports only main/shared, never node or the engine.
 */
import type { JSX } from 'react';
import type { AppInfoState } from '../useAppInfo';

function runtimeText(info: AppInfoState): string {
  if (info.state === 'loading') return 'Connecting to the engine…';
  if (info.state === 'error') return `Engine not reachable: ${info.message}`;
  const rt = info.info.onnxRuntime;
  if (!rt.available) return rt.error ?? 'ONNX Runtime not available';
  const names = rt.providers.filter((p) => p.bundled).map((p) => p.name);
  return `ONNX Runtime providers: ${names.join(', ') || 'none'}`;
}

/** Header with the version and the inference providers the engine reports. */
export function AppHeader({ info }: { info: AppInfoState }): JSX.Element {
  return (
    <header className="flex shrink-0 items-baseline gap-4 border-b border-slate-800 px-4 py-2">
      <h1 className="text-lg font-bold tracking-tight">SpineGrade</h1>
      {info.state === 'ready' && (
        <span className="text-xs text-slate-400" data-testid="app-version">
          v{info.info.appVersion} · {info.info.platform}/{info.info.arch}
        </span>
      )}
      <span
        className={`ml-auto text-xs ${info.state === 'error' ? 'text-red-400' : 'text-slate-400'}`}
        data-testid="runtime-status"
      >
        {runtimeText(info)}
      </span>
    </header>
  );
}
