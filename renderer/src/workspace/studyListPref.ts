/**
 * Whether the study column (studies / PACS) is shown: the reader's own choice is kept in localStorage;
 * opening a study in a narrow window hides it for that reading without changing the stored choice.
 */
import { useSyncExternalStore } from 'react';
import type { ImportStudyResult } from '../../../main/shared/apiRecords';

/** localStorage key (values: shown | hidden); absent means shown. */
export const STUDY_LIST_KEY = 'spinegrade.studyList';
/** Below this window width (CSS px) the study column is hidden when a study opens. */
export const AUTO_COLLAPSE_BELOW_PX = 1600;

/** The part of Web Storage the preference uses (localStorage in the window). */
export interface PrefStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function storage(): PrefStorage | null {
  try {
    return (globalThis as { localStorage?: PrefStorage }).localStorage ?? null;
  } catch {
    return null; // storage disabled by policy: the choice is simply not remembered
  }
}

/** The stored choice: shown unless the reader hid the list. */
export function loadStudyListShown(store: PrefStorage | null = storage()): boolean {
  try {
    return store?.getItem(STUDY_LIST_KEY) !== 'hidden';
  } catch {
    return true;
  }
}

function saveStudyListShown(shown: boolean, store: PrefStorage | null = storage()): void {
  try {
    store?.setItem(STUDY_LIST_KEY, shown ? 'shown' : 'hidden');
  } catch {
    // not remembered; the column still follows the toggle
  }
}

/**
 * Hide the column when `openedUid` opens in a window `widthPx` wide? Not when the window is wide enough,
 * and not when the import that brought the study has problems to read or more than one study to choose.
 */
export function shouldAutoCollapse(
  widthPx: number,
  openedUid: string,
  lastImport: ImportStudyResult | null,
): boolean {
  if (widthPx >= AUTO_COLLAPSE_BELOW_PX) return false;
  const fromImport = lastImport?.studies.some((s) => s.studyInstanceUid === openedUid) ?? false;
  if (fromImport && lastImport && (lastImport.problems.length > 0 || lastImport.studies.length > 1))
    return false;
  return true;
}

let shown = loadStudyListShown();
const listeners = new Set<() => void>();

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Show or hide the column; `remember` stores it as the reader's choice (the toggle does, auto-collapse does not). */
export function setStudyListShown(next: boolean, remember: boolean): void {
  if (remember) saveStudyListShown(next);
  if (next === shown) return;
  shown = next;
  for (const l of listeners) l();
}

/** The toggle button and its hotkey: flip and remember. */
export function toggleStudyList(): void {
  setStudyListShown(!shown, true);
}

/** Whether the column is shown now (re-renders on change). */
export function useStudyListShown(): boolean {
  return useSyncExternalStore(subscribe, () => shown);
}
