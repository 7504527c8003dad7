/**
 * The rendering path setting (About box): automatic, WebGL or CPU; stored in localStorage and applied
 * when the window is reloaded (Cornerstone picks its path once). Renderer code: only main/shared.
 */
import { useState, type JSX } from 'react';
import { loadRenderPathSetting, saveRenderPathSetting, type RenderPathSetting as Setting } from './renderPath';

export function RenderPathSetting(): JSX.Element {
  const [value, setValue] = useState<Setting>(() => loadRenderPathSetting());
  const [changed, setChanged] = useState(false);
  return (
    <div className="mt-2 flex flex-wrap items-center gap-2 text-xs text-zinc-300">
      <label className="flex items-center gap-2">
        Image rendering
        <select
          value={value}
          onChange={(e) => {
            const v = e.target.value as Setting;
            saveRenderPathSetting(v);
            setValue(v);
            setChanged(true);
          }}
          className="rounded bg-zinc-900 px-1 py-0.5 text-zinc-100"
        >
          <option value="auto">Automatic (CPU on software WebGL)</option>
          <option value="gpu">WebGL (GPU)</option>
          <option value="cpu">CPU</option>
        </select>
      </label>
      {changed && (
        <button type="button" className="rounded border border-zinc-700 px-1.5 py-0.5 hover:bg-zinc-800" onClick={() => window.location.reload()}>
          Reload to apply
        </button>
      )}
    </div>
  );
}
