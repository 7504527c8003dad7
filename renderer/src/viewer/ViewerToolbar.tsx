/**
 * The viewer toolbar under the panes, acting on the active pane (last focused or clicked): W/L preset,
 * invert, fit/reset, cine play/stop with frame rate, length mode, and the list of lengths in mm with
 * delete (each item exposes data-length-mm). Renderer code: only main/shared.
 */
import { useEffect, useState, type JSX } from 'react';
import { deleteLength, listLengths, onLengthsChanged, type LengthMeasurement } from './measurements';
import { PANES } from './panes';
import { applyPreset, resetView, setCine, setCineFps, toggleInvert, toggleLengthMode, VOI_PRESETS } from './viewerActions';
import { useViewerUi } from './viewerUi';

const BTN = 'rounded px-1.5 py-0.5 hover:bg-zinc-800 hover:text-zinc-100';

export function ViewerToolbar({ active }: { active: boolean }): JSX.Element {
  const lengthMode = useViewerUi((s) => s.lengthMode);
  const fps = useViewerUi((s) => s.cineFps);
  const pane = useViewerUi((s) => s.activePane);
  const playing = useViewerUi((s) => s.cine[pane] === true);
  const title = PANES[pane].title;
  const [lengths, setLengths] = useState<LengthMeasurement[]>([]);
  useEffect(() => {
    if (!active) {
      setLengths([]);
      return;
    }
    const refresh = (): void => setLengths(listLengths());
    refresh();
    return onLengthsChanged(refresh);
  }, [active]);
  return (
    <div className="flex h-7 shrink-0 items-center gap-1.5 rounded border border-zinc-800 bg-zinc-950 px-2 py-0.5 text-[11px] text-zinc-300">
      <div role="toolbar" aria-label={`Viewer tools (${title})`} className="flex shrink-0 items-center gap-1">
        <span className="pr-1 text-zinc-400">{title}:</span>
        <select
          aria-label={`Window preset (${title})`}
          className="w-24 rounded bg-zinc-900 px-0.5 py-0.5 text-zinc-300"
          value=""
          onChange={(e) => {
            if (e.target.value) applyPreset(pane, Number(e.target.value));
          }}
        >
          <option value="">W/L preset</option>
          {VOI_PRESETS.map((p) => (
            <option key={p.key} value={p.key}>
              {p.key} {p.name}
            </option>
          ))}
        </select>
        <button type="button" className={BTN} title="Invert (I)" onClick={() => toggleInvert(pane)}>
          Invert
        </button>
        <button type="button" className={BTN} title="Fit and reset (R)" onClick={() => resetView(pane)}>
          Fit
        </button>
        <button type="button" className={BTN} title="Cine play/stop (C)" aria-pressed={playing} onClick={() => setCine(pane, !playing)}>
          {playing ? 'Stop cine' : 'Play cine'}
        </button>
        <input
          type="number"
          min={1}
          max={60}
          value={fps}
          onChange={(e) => setCineFps(Number(e.target.value) || 1)}
          className="w-10 rounded bg-zinc-900 px-1 text-zinc-200"
          aria-label="Cine frames per second"
        />
        <span className="text-zinc-400">fps</span>
        <button
          type="button"
          aria-pressed={lengthMode}
          title="Length measurement (L); Esc ends it"
          onClick={() => toggleLengthMode()}
          className={`ml-1 rounded px-1.5 py-0.5 ${lengthMode ? 'bg-sky-800 text-white' : 'hover:bg-zinc-800'}`}
        >
          Length
        </button>
      </div>
      <ul aria-label="Length measurements" className="flex min-w-0 flex-1 items-center gap-1.5 overflow-x-auto">
        {lengths.length === 0 && <li className="truncate text-zinc-400">{lengthMode ? 'Drag on an image to measure' : ''}</li>}
        {lengths.map((m) => (
          <li key={m.annotationUid} data-length-mm={m.lengthMm.toFixed(2)} className="flex shrink-0 items-center gap-1 rounded bg-zinc-900 px-1.5">
            <span>
              {m.lengthMm.toFixed(1)} mm <span className="text-zinc-400">{m.where}</span>
            </span>
            <button
              type="button"
              aria-label={`Delete measurement ${m.lengthMm.toFixed(1)} mm`}
              onClick={() => deleteLength(m.annotationUid)}
              className="px-0.5 text-zinc-400 hover:text-red-300"
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
