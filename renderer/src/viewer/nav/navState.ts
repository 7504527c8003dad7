/**
 * State of 3D navigation that React and the Cornerstone tools share: linked sagittal scrolling on/off
 * (default on) and the open analysis' level points. Changes are rare (never per slice). Only main/shared.
 */
import { useSyncExternalStore } from 'react';
import type { LevelPoint } from '../../../../main/shared/findings';

interface NavState {
  linkedScroll: boolean;
  levelPoints: readonly LevelPoint[];
}

let state: NavState = { linkedScroll: true, levelPoints: [] };
const listeners = new Set<() => void>();

export function navState(): NavState {
  return state;
}

function update(patch: Partial<NavState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

export function subscribeNav(cb: () => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

/** Linked scrolling of the two sagittal panes by patient position. */
export function setLinkedScroll(on: boolean): void {
  if (state.linkedScroll !== on) update({ linkedScroll: on });
}

/** The level points of the analysis on screen (empty without one). */
export function setLevelPoints(points: readonly LevelPoint[]): void {
  if (state.levelPoints !== points) update({ levelPoints: points });
}

export function useLinkedScroll(): boolean {
  return useSyncExternalStore(subscribeNav, () => state.linkedScroll);
}
