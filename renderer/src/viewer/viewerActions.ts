/**
 * What the reader does to a viewport: W/L presets, invert, reset, cine, keyboard scrolling, length mode,
 * and the jump to a finding's key location. Renderer code: only main/shared.
 */
import { utilities } from '@cornerstonejs/core';
import { utilities as toolUtils } from '@cornerstonejs/tools';
import type { KeyLocation } from '../../../main/shared/findings';
import { keyLocationStack } from './paneStacks';
import { PANES, PANE_IDS, type PaneId } from './panes';
import { nearestSliceTo } from './geometry';
import { setLengthMode } from './toolGroup';
import { goToSlice, paneDom, paneEntry, setMarker, showStack, stackViewport, viewerRuntime } from './viewerController';
import { updateViewerUi, viewerUi } from './viewerUi';

/** Number-key presets, relative to the stack's automatic window (MR has no fixed units). */
export const VOI_PRESETS = [
  { key: '1', name: 'Auto (percentile window)' },
  { key: '2', name: 'High contrast (width x0.6)' },
  { key: '3', name: 'Low contrast (width x1.6)' },
  { key: '4', name: 'Full range (min..max)' },
  { key: '5', name: 'Bright (level down a quarter width)' },
] as const;

/** Slices moved by PageUp/PageDown. */
export const PAGE_SLICES = 5;

/** Apply preset 1-5 to a pane. */
export function applyPreset(pane: PaneId, preset: number): void {
  const vp = stackViewport(pane);
  const entry = paneEntry(pane);
  const loaded = entry ? viewerRuntime().registry.loadedPixels(entry) : undefined;
  if (!vp || !loaded) return;
  const { autoWindow: a, minValue, maxValue } = loaded.pixels;
  const [w, c] =
    preset === 2 ? [a.width * 0.6, a.center]
    : preset === 3 ? [a.width * 1.6, a.center]
    : preset === 4 ? [Math.max(1, maxValue - minValue), (maxValue + minValue) / 2]
    : preset === 5 ? [a.width, a.center - a.width / 4]
    : [a.width, a.center];
  vp.setProperties({ voiRange: utilities.windowLevel.toLowHighRange(w, c) });
  vp.render();
}

export function toggleInvert(pane: PaneId): void {
  const vp = stackViewport(pane);
  if (!vp) return;
  vp.setProperties({ invert: !vp.getProperties().invert });
  vp.render();
}

/** Fit the image to the pane, auto window, no invert. */
export function resetView(pane: PaneId): void {
  const vp = stackViewport(pane);
  if (!vp) return;
  vp.resetCamera();
  vp.resetProperties();
  applyPreset(pane, 1);
}

export function setCine(pane: PaneId, on: boolean): void {
  const el = paneDom(pane)?.element;
  if (!el) return;
  if (on && stackViewport(pane)?.getImageIds().length) {
    toolUtils.cine.playClip(el, { framesPerSecond: viewerUi().cineFps, loop: true });
  } else {
    toolUtils.cine.stopClip(el);
  }
  updateViewerUi({ cine: { ...viewerUi().cine, [pane]: on } });
}

/** Change the cine frame rate (restarts panes that are playing). */
export function setCineFps(fps: number): void {
  updateViewerUi({ cineFps: Math.min(60, Math.max(1, Math.round(fps))) });
  for (const p of PANE_IDS) if (viewerUi().cine[p]) setCine(p, true);
}

export function toggleLengthMode(on = !viewerUi().lengthMode): void {
  setLengthMode(on);
  updateViewerUi({ lengthMode: on });
}

export function scrollBy(pane: PaneId, delta: number): void {
  const vp = stackViewport(pane);
  if (vp) void goToSlice(pane, vp.getCurrentImageIdIndex() + delta);
}

/** The viewer's hotkeys on a focused pane; true when the key was one of them. */
export function handleViewerKey(pane: PaneId, e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey) return false;
  const n = paneEntry(pane)?.imageIds.length ?? 0;
  const k = key(e.key);
  if (k === 'ArrowUp' || k === 'ArrowLeft') scrollBy(pane, -1);
  else if (k === 'ArrowDown' || k === 'ArrowRight') scrollBy(pane, 1);
  else if (k === 'PageUp') scrollBy(pane, -PAGE_SLICES);
  else if (k === 'PageDown') scrollBy(pane, PAGE_SLICES);
  else if (k === 'Home') void goToSlice(pane, 0);
  else if (k === 'End') void goToSlice(pane, n - 1);
  else if (/^[1-5]$/.test(k)) applyPreset(pane, Number(k));
  else if (k === 'i') toggleInvert(pane);
  else if (k === 'r') resetView(pane);
  else if (k === 'c') setCine(pane, !viewerUi().cine[pane]);
  else if (k === 'l') toggleLengthMode();
  else if (k === 'Escape' && viewerUi().lengthMode) toggleLengthMode(false);
  else return false;
  return true;
}

const key = (k: string): string => (k.length === 1 ? k.toLowerCase() : k);

/**
 * Jump to a finding: its own stack's pane to keyLocation.sliceIndex (switching to that stack if needed),
 * every other pane to its slice through the same patient point (best-covering stack of its series),
 * and the marker at the point.
 */
export async function jumpToKeyLocation(loc: KeyLocation): Promise<void> {
  const detail = viewerRuntime().registry.study();
  if (!detail) return;
  const own = keyLocationStack(detail, loc);
  const role = detail.series.find((s) => s.seriesInstanceUid === loc.seriesInstanceUid)?.role;
  const ownPane =
    PANE_IDS.find((p) => paneEntry(p)?.series.seriesInstanceUid === loc.seriesInstanceUid) ??
    PANE_IDS.find((p) => PANES[p].role === role);
  setMarker(loc.positionLps);
  const tasks = PANE_IDS.map((p) => {
    const entry = paneEntry(p);
    if (p === ownPane && own) {
      return entry?.stack === own ? goToSlice(p, loc.sliceIndex) : showStack(p, loc.seriesInstanceUid, own.stackIndex, loc.sliceIndex);
    }
    if (!entry) return Promise.resolve();
    const best = [...entry.series.stacks]
      .map((st) => ({ st, ...nearestSliceTo(st.geometry, loc.positionLps) }))
      .sort((a, b) => Math.abs(a.distanceMm) - Math.abs(b.distanceMm))[0];
    return best.st === entry.stack
      ? goToSlice(p, best.sliceIndex)
      : showStack(p, entry.series.seriesInstanceUid, best.st.stackIndex, best.sliceIndex);
  });
  await Promise.all(tasks);
}
