/**
 * The strip under the viewports: length mode toggle (L), cine frame rate, and the list of lengths in mm
 * with delete (each item exposes data-length-mm). Renderer code: only main/shared.
 */
import { useEffect, useState, type JSX } from 'react';
import { deleteLength, listLengths, onLengthsChanged, type LengthMeasurement } from './measurements';
import { setCineFps, toggleLengthMode } from './viewerActions';
import { useViewerUi } from './viewerUi';

export function MeasurementStrip({ active }: { active: boolean }): JSX.Element {
  const lengthMode = useViewerUi((s) => s.lengthMode);
  const fps = useViewerUi((s) => s.cineFps);
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
    <div className="flex min-h-7 shrink-0 items-center gap-2 rounded border border-zinc-800 bg-zinc-950 px-2 py-0.5 text-[11px] text-zinc-300">
      <button
        type="button"
        aria-pressed={lengthMode}
        title="Length measurement (L); Esc ends it"
        onClick={() => toggleLengthMode()}
        className={`rounded px-1.5 py-0.5 ${lengthMode ? 'bg-sky-800 text-white' : 'hover:bg-zinc-800'}`}
      >
        Length (L)
      </button>
      <label className="flex items-center gap-1">
        Cine
        <input
          type="number"
          min={1}
          max={60}
          value={fps}
          onChange={(e) => setCineFps(Number(e.target.value) || 1)}
          className="w-11 rounded bg-zinc-900 px-1 text-zinc-200"
          aria-label="Cine frames per second"
        />
        fps
      </label>
      <ul aria-label="Length measurements" className="flex min-w-0 flex-1 items-center gap-1.5 overflow-x-auto">
        {lengths.length === 0 && <li className="text-zinc-400">{lengthMode ? 'Drag on an image to measure' : 'No measurements'}</li>}
        {lengths.map((m) => (
          <li
            key={m.annotationUid}
            data-length-mm={m.lengthMm.toFixed(2)}
            className="flex shrink-0 items-center gap-1 rounded bg-zinc-900 px-1.5"
          >
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
