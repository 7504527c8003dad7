/**
 * Drop zone for study folders, files and .zip archives. In Electron a drop gives real paths (preload
 * shell.pathForFile); in a browser the dropped entries are uploaded as bytes, or the user types the
 * folder's path on this machine. Renderer code: imports only main/shared, never node or the engine.
 */
import { useState, type DragEvent, type FormEvent, type JSX } from 'react';
import type { ShellBridge } from '../../../main/shared/apiBridge';
import type { DroppedFile } from '../workspace/workspaceActions';
import { handleStudyDrop } from './studyDrop';

export interface StudyDropZoneProps {
  /** Electron shell (paths of dropped files); absent in a browser. */
  shell?: ShellBridge;
  onPaths: (paths: string[]) => void;
  /** Browser drops: the files with their paths inside the drop. */
  onFiles: (files: DroppedFile[]) => void;
  /** True while an import runs (the Open button is disabled). */
  busy?: boolean;
  /** Compact form once a study is open. */
  compact?: boolean;
}

/** Drag-and-drop target (and, in a browser, a path form). */
export function StudyDropZone({
  shell,
  onPaths,
  onFiles,
  busy = false,
  compact = false,
}: StudyDropZoneProps): JSX.Element {
  const [over, setOver] = useState(false);
  const [typed, setTyped] = useState('');
  const [note, setNote] = useState('');
  const onDrop = (e: DragEvent): void => {
    setOver(false);
    handleStudyDrop(e, { ...(shell ? { shell } : {}), onPaths, onFiles, onNote: setNote });
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
        className={`rounded border-2 border-dashed text-center text-xs ${compact ? 'p-2' : 'p-4'} ${over ? 'border-sky-400 bg-sky-950' : 'border-zinc-700'}`}
      >
        <p id="drop-help" className="text-zinc-300">
          {compact
            ? 'Drop another study folder, files or .zip here'
            : `No study loaded — drag a lumbar MRI study folder here (folder, files or .zip)${shell ? ' or use File > Open' : ''}.`}
        </p>
        {note && <p className="mt-2 text-amber-300">{note}</p>}
      </div>
      {!shell && (
        <form onSubmit={onSubmit} className="flex flex-col gap-1">
          <label htmlFor="study-path" className="text-xs text-zinc-400">
            Study folder
          </label>
          <div className="flex gap-1">
            <input
              id="study-path"
              aria-keyshortcuts="Control+O Meta+O"
              aria-describedby="study-path-help"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              placeholder="/path/to/study"
              spellCheck={false}
              className="min-w-0 flex-1 rounded border border-zinc-700 bg-zinc-950 px-2 py-1 font-mono text-xs"
            />
            <button
              type="submit"
              disabled={busy}
              className="rounded bg-sky-700 px-2 py-1 text-xs font-semibold text-white hover:bg-sky-600 disabled:opacity-50"
            >
              Open
            </button>
          </div>
          <p id="study-path-help" className="text-[10px] text-zinc-400">
            A path on this computer, or drop the study above (its files are copied into SpineGrade&rsquo;s
            upload folder). Ctrl+O comes here.
          </p>
        </form>
      )}
    </div>
  );
}
