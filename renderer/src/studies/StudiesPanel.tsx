/**
 * The study list column: the drop zone, then the studies the engine reports (none until import and the
 * store are part of the contract). Renderer code: imports only main/shared, never node or the engine.
 */
import type { JSX } from 'react';
import type { ShellBridge } from '../../../main/shared/apiBridge';
import { StudyDropZone } from './StudyDropZone';

export interface StudiesPanelProps {
  shell?: ShellBridge;
  onPaths: (paths: string[]) => void;
}

/** Study list with its drop zone and empty state. */
export function StudiesPanel({ shell, onPaths }: StudiesPanelProps): JSX.Element {
  return (
    <nav
      aria-label="Studies"
      data-testid="studies-panel"
      className="flex min-h-0 flex-col gap-3 overflow-auto"
    >
      <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-300">Studies</h2>
      <StudyDropZone shell={shell} onPaths={onPaths} />
      <p className="text-xs text-slate-500" data-testid="study-list-empty">
        No studies in the local store.
      </p>
    </nav>
  );
}
