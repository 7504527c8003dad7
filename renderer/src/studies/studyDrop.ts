/**
 * What a drop of study files does, for the drop zone and for the whole workspace: real paths in Electron
 * (shell.pathForFile), else the dropped entries read for upload. Renderer code: DOM and main/shared only.
 */
import type { DragEvent } from 'react';
import type { ShellBridge } from '../../../main/shared/apiBridge';
import type { DroppedFile } from '../workspace/workspaceActions';
import { droppedFiles, TooManyDroppedFilesError } from './droppedFiles';

export interface StudyDropTarget {
  /** Electron shell (paths of dropped files); absent in a browser. */
  shell?: ShellBridge;
  onPaths: (paths: string[]) => void;
  onFiles: (files: DroppedFile[]) => void;
  /** Why nothing was imported ('' clears the note). */
  onNote: (note: string) => void;
}

/** True when a drag carries files (not text or a link dragged within the page). */
export function dragHasFiles(e: DragEvent): boolean {
  return Array.from(e.dataTransfer.types).includes('Files');
}

/** Handle a drop: call from the drop handler itself (the entries are only readable while it runs). */
export function handleStudyDrop(e: DragEvent, target: StudyDropTarget): void {
  e.preventDefault();
  target.onNote('');
  const { shell } = target;
  if (shell) {
    const paths = Array.from(e.dataTransfer.files)
      .map((f) => shell.pathForFile(f))
      .filter((p) => p.length > 0);
    if (paths.length > 0) target.onPaths(paths);
    else target.onNote('The dropped items have no path on disk.');
    return;
  }
  droppedFiles(e.dataTransfer).then(
    (files) => (files.length > 0 ? target.onFiles(files) : target.onNote('Nothing readable was dropped.')),
    (err: unknown) =>
      target.onNote(
        err instanceof TooManyDroppedFilesError
          ? err.message
          : `The dropped items could not be read: ${err instanceof Error ? err.message : String(err)}`,
      ),
  );
}
