/**
 * Drop zone for study folders/files. In Electron a drop gives real paths (preload shell.pathForFile);
 * a browser cannot see paths, so there the user types the folder path on this machine instead.
 * Renderer code: imports only main/shared, never node or the engine.
 */
import { useState, type DragEvent, type FormEvent, type JSX } from 'react';
import type { ShellBridge } from '../../../main/shared/apiBridge';

export interface StudyDropZoneProps {
  /** Electron shell (paths of dropped files); absent in a browser. */
  shell?: ShellBridge;
  onPaths: (paths: string[]) => void;
  /** True while an import runs (the Open button is disabled). */
  busy?: boolean;
}

function droppedPaths(e: DragEvent, shell: ShellBridge | undefined): string[] {
  if (!shell) return [];
  return Array.from(e.dataTransfer.files)
    .map((f) => shell.pathForFile(f))
    .filter((p) => p.length > 0);
}

/** Drag-and-drop target (and, in a browser, a path form) that hands paths to onPaths. */
export function StudyDropZone({ shell, onPaths, busy = false }: StudyDropZoneProps): JSX.Element {
  const [over, setOver] = useState(false);
  const [typed, setTyped] = useState('');
  const [note, setNote] = useState('');
  const onDrop = (e: DragEvent): void => {
    e.preventDefault();
    setOver(false);
    const paths = droppedPaths(e, shell);
    if (paths.length > 0) onPaths(paths);
    else
      setNote(
        shell
          ? 'The dropped items have no path on disk.'
          : 'A browser cannot read dropped folders: type the folder path below.',
      );
  };
  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    if (typed.trim()) onPaths([typed.trim()]);
  };
  return (
    <div className="flex flex-col gap-2">
      <div
        role="region"
        aria-label="Drop a study here"
        aria-describedby="drop-help"
        tabIndex={0}
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        className={`rounded border-2 border-dashed p-4 text-center text-sm ${over ? 'border-sky-400 bg-sky-950' : 'border-slate-700'}`}
      >
        <p id="drop-help" className="text-slate-300">
          No study loaded — drag a lumbar MRI study folder here{shell ? ' or use File > Open' : ''}.
        </p>
        {note && <p className="mt-2 text-xs text-amber-300">{note}</p>}
      </div>
      {!shell && (
        <form onSubmit={onSubmit} className="flex flex-col gap-1">
          <label htmlFor="study-path" className="text-xs text-slate-400">
            Study folder on this computer
          </label>
          <input
            id="study-path"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder="/path/to/study"
            className="rounded border border-slate-700 bg-slate-950 px-2 py-1 text-sm"
          />
          <button
            type="submit"
            disabled={busy}
            className="rounded bg-sky-700 px-2 py-1 text-sm hover:bg-sky-600"
          >
            Open
          </button>
        </form>
      )}
    </div>
  );
}
