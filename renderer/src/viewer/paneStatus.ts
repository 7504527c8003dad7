/**
 * Per-pane status for React (no study, no series of the role, loading, ready, cannot be read): it changes
 * when a stack is shown, never per slice. Renderer code: only main/shared.
 */
import { useSyncExternalStore } from 'react';
import type { EdgeLetters } from './geometry';
import { PANE_IDS, type PaneHeading, type PaneId } from './panes';

export interface PaneStatus {
  kind: 'none' | 'empty' | 'loading' | 'ready' | 'error';
  /** What to tell the reader (the engine's message for 'error', failed slices for 'ready'). */
  message?: string;
  /** The stack shown (loading or ready). */
  stack?: { seriesDescription: string; sliceCount: number; letters: EdgeLetters; heading: PaneHeading };
}

type Listener = () => void;

export class PaneStatusStore {
  private state: Record<PaneId, PaneStatus> = Object.fromEntries(
    PANE_IDS.map((p) => [p, { kind: 'none' }]),
  ) as Record<PaneId, PaneStatus>;
  private readonly listeners = new Set<Listener>();

  get(pane: PaneId): PaneStatus {
    return this.state[pane];
  }

  set(pane: PaneId, status: PaneStatus): void {
    const old = this.state[pane];
    if (old.kind === status.kind && old.message === status.message && old.stack === status.stack) return;
    this.state = { ...this.state, [pane]: status };
    for (const l of this.listeners) l();
  }

  readonly subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
}

/** React hook: the status of one pane. */
export function usePaneStatus(store: PaneStatusStore, pane: PaneId): PaneStatus {
  return useSyncExternalStore(store.subscribe, () => store.get(pane));
}
