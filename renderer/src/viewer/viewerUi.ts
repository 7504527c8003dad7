/**
 * Viewer state the toolbars show (length mode, cine per pane, frame rate): changes on a click or key,
 * never per slice. Renderer code: only main/shared.
 */
import { useSyncExternalStore } from 'react';
import type { PaneId } from './panes';

export interface ViewerUiState {
  lengthMode: boolean;
  /** Panes playing cine. */
  cine: Partial<Record<PaneId, boolean>>;
  /** Cine frame rate (frames per second) used by every pane. */
  cineFps: number;
  /** The pane the shared toolbar acts on (last focused or clicked). */
  activePane: PaneId;
}

type Listener = () => void;
let state: ViewerUiState = { lengthMode: false, cine: {}, cineFps: 10, activePane: 'sagittalT2' };
const listeners = new Set<Listener>();

export function viewerUi(): ViewerUiState {
  return state;
}

export function updateViewerUi(patch: Partial<ViewerUiState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

function subscribe(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** React hook: a slice of the viewer UI state. */
export function useViewerUi<T>(select: (s: ViewerUiState) => T): T {
  return useSyncExternalStore(subscribe, () => select(state));
}
