/**
 * The series chooser of a pane: a button opening a list of every series and stack of the study with a
 * thumbnail (the engine's getStackThumbnail: one small windowed slice, never the stack's pixels),
 * description, number, slice count and plane; choosing one puts it into the pane. Renderer code: only
 * main/shared (and the renderer's api).
 */
import { useEffect, useRef, useState, type JSX } from 'react';
import { planeOf } from '../../../../main/shared/sliceGeometry';
import { api } from '../../api';
import type { PaneId } from '../panes';
import type { RegisteredStack } from '../stackRegistry';
import { viewerApi } from '../viewerApi';
import { viewerRuntime } from '../viewerController';
import { drawThumbnail, loadThumbnail } from './thumbnail';

const BTN =
  'rounded px-1.5 py-0.5 text-[11px] text-zinc-300 hover:bg-zinc-800 hover:text-zinc-100 focus-visible:outline focus-visible:outline-1 focus-visible:outline-sky-500';

function planeWord(entry: RegisteredStack): string {
  const g = entry.stack.geometry;
  return planeOf({
    positionLps: g.originLps,
    rowDirection: g.direction[0],
    columnDirection: g.direction[1],
    pixelSpacingMm: [g.spacingMm[1], g.spacingMm[0]],
  });
}

/** What a stack is called in the list (and its button's accessible name). */
export function stackLabel(entry: RegisteredStack): string {
  const stacks = entry.series.stacks.length;
  const desc = entry.series.seriesDescription || entry.series.role;
  const part = stacks > 1 ? `, stack ${entry.stack.stackIndex + 1} of ${stacks}` : '';
  return `${desc} (series ${entry.series.seriesNumber}${part}), ${entry.stack.geometry.dims[2]} slices, ${planeWord(entry)}`;
}

function Thumbnail({ entry }: { entry: RegisteredStack }): JSX.Element {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const arg = {
      studyInstanceUid: entry.studyInstanceUid,
      seriesInstanceUid: entry.series.seriesInstanceUid,
      stackIndex: entry.stack.stackIndex,
    };
    loadThumbnail((a) => api.getStackThumbnail(a), arg)
      .then((thumb) => {
        if (!live) return;
        if (thumb.failed) setFailed(thumb.failed);
        else if (canvas.current) drawThumbnail(canvas.current, thumb);
      })
      .catch((e: unknown) => live && setFailed(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [entry]);
  return (
    <span className="flex h-14 w-14 shrink-0 items-center justify-center bg-black" aria-hidden="true">
      {failed !== null ? (
        <span className="text-[10px] text-amber-300" title={failed}>
          no image
        </span>
      ) : (
        <canvas ref={canvas} data-thumbnail="" className="max-h-14 max-w-14" />
      )}
    </span>
  );
}

export function SeriesChooser({ pane, title }: { pane: PaneId; title: string }): JSX.Element {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent): void => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    // Keyboard users land on the stack the pane shows (or the first one); Escape closes.
    const items = box.current?.querySelectorAll<HTMLButtonElement>('[role="dialog"] button');
    const pressed = box.current?.querySelector<HTMLButtonElement>(
      '[role="dialog"] button[aria-pressed="true"]',
    );
    (pressed ?? items?.[0])?.focus();
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  const entries = open ? viewerRuntime().registry.all() : [];
  const shown = open ? viewerApi.getPaneStack(pane) : null;
  return (
    <div ref={box} className="relative" onKeyDown={(e) => e.stopPropagation()}>
      <button
        type="button"
        className={BTN}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-label={`Choose series for ${title}`}
        title="Series"
        onClick={() => setOpen(!open)}
      >
        Series
      </button>
      {open && (
        <div
          role="dialog"
          aria-label={`Series for ${title} viewer`}
          className="absolute left-0 top-full z-30 mt-1 max-h-[60vh] w-72 overflow-auto rounded border border-zinc-700 bg-zinc-900 p-1 shadow-lg"
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpen(false);
          }}
        >
          {entries.length === 0 && <p className="p-2 text-xs text-zinc-300">No study is open.</p>}
          <ul className="flex flex-col gap-0.5">
            {entries.map((entry) => {
              const current =
                shown?.seriesInstanceUid === entry.series.seriesInstanceUid &&
                shown.stackIndex === entry.stack.stackIndex;
              const label = stackLabel(entry);
              return (
                <li key={`${entry.series.seriesInstanceUid}/${entry.stack.stackIndex}`}>
                  <button
                    type="button"
                    aria-label={label}
                    aria-pressed={current}
                    className={`flex w-full items-center gap-2 rounded p-1 text-left text-[11px] text-zinc-200 hover:bg-zinc-800 focus-visible:outline focus-visible:outline-1 focus-visible:outline-sky-500 ${current ? 'bg-zinc-800 ring-1 ring-sky-600' : ''}`}
                    onClick={() => {
                      setOpen(false);
                      void viewerApi.showStack(pane, entry.series.seriesInstanceUid, entry.stack.stackIndex);
                    }}
                  >
                    <Thumbnail entry={entry} />
                    <span className="min-w-0">{label}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
