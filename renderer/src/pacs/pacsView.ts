/**
 * State of the PACS views that outlives a tab switch: which side tab shows, the query form, the results, the
 * running retrieve and the last note. A small external store read with useSyncExternalStore. Renderer code.
 */
import { useSyncExternalStore } from 'react';
import type { PacsStudyInfo } from '../../../main/shared/apiPacs';
import { EMPTY_QUERY_FORM, type PacsQueryForm } from './pacsText';
import type { RetrieveView } from './RetrieveProgress';

/** The tab of the study column: the local study list or the PACS. */
export type SideTab = 'studies' | 'pacs';

export interface PacsViewState {
  tab: SideTab;
  form: PacsQueryForm;
  searching: boolean;
  /** null until the first search on the chosen node. */
  results: PacsStudyInfo[] | null;
  note: string;
  /** The retrieve in progress (one at a time). */
  job: RetrieveView | null;
}

/** A minimal external store: immutable snapshots, shallow-merged updates. */
export class PacsView {
  private state: PacsViewState;
  private readonly listeners = new Set<() => void>();

  constructor(initial: Partial<PacsViewState> = {}) {
    this.state = { tab: 'studies', form: EMPTY_QUERY_FORM, searching: false, results: null, note: '', job: null, ...initial };
  }

  readonly getState = (): PacsViewState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Merge `patch` (or the patch computed from the current state) into a new snapshot. */
  update(patch: Partial<PacsViewState> | ((s: PacsViewState) => Partial<PacsViewState>)): void {
    const p = typeof patch === 'function' ? patch(this.state) : patch;
    this.state = { ...this.state, ...p };
    for (const l of this.listeners) l();
  }
}

/** The window's PACS view state. */
export const pacsView: PacsView = new PacsView();

/** Read a slice of a PacsView; re-renders when that slice changes (by reference). */
export function usePacsView<T>(view: PacsView, select: (s: PacsViewState) => T): T {
  return useSyncExternalStore(view.subscribe, () => select(view.getState()));
}
