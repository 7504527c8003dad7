/**
 * The study list column: the drop zone, then the studies of the local store and the last import's
 * problems. Renderer code: imports only main/shared, never node or the engine.
 */
import type { JSX } from 'react';
import type { ShellBridge } from '../../../main/shared/apiBridge';
import { StudyDropZone } from './StudyDropZone';
import { StudyList } from './StudyList';
import type { StudiesState } from './useStudies';

export interface StudiesPanelProps {
  shell?: ShellBridge;
  state: StudiesState;
  onPaths: (paths: string[]) => void;
}

/** Study list with its drop zone and empty state. */
export function StudiesPanel({ shell, state, onPaths }: StudiesPanelProps): JSX.Element {
  return (
    <nav
      aria-label="Studies"
      data-testid="studies-panel"
      className="flex min-h-0 flex-col gap-3 overflow-auto"
    >
      <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-300">Studies</h2>
      <StudyDropZone shell={shell} onPaths={onPaths} busy={state.busyJobId !== null} />
      <StudyList studies={state.studies} listError={state.listError} lastImport={state.lastImport} />
    </nav>
  );
}
