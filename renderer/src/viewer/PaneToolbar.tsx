/**
 * The small toolbar in a pane's header: W/L preset, invert, fit/reset, cine play/stop.
 * Renderer code: only main/shared.
 */
import type { JSX } from 'react';
import type { PaneId } from './panes';
import { applyPreset, resetView, setCine, toggleInvert, VOI_PRESETS } from './viewerActions';
import { useViewerUi } from './viewerUi';

const BTN =
  'rounded px-1.5 py-0.5 text-[11px] text-zinc-300 hover:bg-zinc-800 hover:text-zinc-100 focus-visible:outline focus-visible:outline-1 focus-visible:outline-sky-500';

export function PaneToolbar({ pane, title }: { pane: PaneId; title: string }): JSX.Element {
  const playing = useViewerUi((s) => s.cine[pane] === true);
  return (
    <div className="ml-auto flex shrink-0 items-center gap-0.5" role="toolbar" aria-label={`${title} tools`}>
      <select
        aria-label={`${title} window preset`}
        className="w-12 rounded bg-zinc-900 px-0.5 py-0.5 text-[11px] text-zinc-300"
        value=""
        onChange={(e) => {
          if (e.target.value) applyPreset(pane, Number(e.target.value));
        }}
      >
        <option value="">W/L</option>
        {VOI_PRESETS.map((p) => (
          <option key={p.key} value={p.key}>
            {p.key} {p.name}
          </option>
        ))}
      </select>
      <button type="button" className={BTN} title="Invert (I)" aria-label={`Invert ${title}`} onClick={() => toggleInvert(pane)}>
        Inv
      </button>
      <button type="button" className={BTN} title="Fit and reset (R)" aria-label={`Reset ${title}`} onClick={() => resetView(pane)}>
        Fit
      </button>
      <button
        type="button"
        className={BTN}
        title="Cine play/stop (C)"
        aria-label={playing ? `Stop cine ${title}` : `Play cine ${title}`}
        aria-pressed={playing}
        onClick={() => setCine(pane, !playing)}
      >
        {playing ? '■' : '▶'}
      </button>
    </div>
  );
}
