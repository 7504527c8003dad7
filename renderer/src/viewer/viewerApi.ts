/**
 * The viewer's public API for other renderer features (reference lines, 3D cursor, linked scrolling,
 * level labels, series chooser, benchmarks): stable names over viewerController. Renderer code: only main/shared.
 */
import type { Types } from '@cornerstonejs/core';
import type { StackDetail, StudyDetail } from '../../../main/shared/apiWorkspace';
import type { KeyLocation } from '../../../main/shared/findings';
import type { Vec3 } from '../../../main/shared/vec3';
import { PANES, PANE_IDS, RENDERING_ENGINE_ID, TOOL_GROUP_ID, type PaneId } from './panes';
import type { RegisteredStack } from './stackRegistry';
import { jumpToKeyLocation } from './viewerActions';
import {
  followSlice,
  goToSlice,
  goToWorldPoint,
  onImageRendered,
  onStackShown,
  paneDom,
  paneEntry,
  setMarker,
  setPaneAttribute,
  setPaneSliceLevel,
  showStack,
  stackViewport,
  viewerRuntime,
  type RenderedInfo,
} from './viewerController';

export { PANES, PANE_IDS, RENDERING_ENGINE_ID, TOOL_GROUP_ID };
export type { PaneId, RegisteredStack, RenderedInfo };

export interface ViewerApi {
  renderingEngineId: string;
  toolGroupId: string;
  paneIds: readonly PaneId[];
  /** Cornerstone viewport id of a pane ('spinegrade-sagittalT2', ...). */
  viewportIdOf(pane: PaneId): string;
  /** The pane's StackViewport (null while the pane is not on screen). */
  getViewport(pane: PaneId): Types.IStackViewport | null;
  /** The role="region" element of a pane (carries the data-* attributes). */
  getRegion(pane: PaneId): HTMLElement | null;
  /** The stack a pane shows, null when none. */
  getPaneStack(pane: PaneId): StackDetail | null;
  /** The open study's detail as the viewer registered it. */
  getStudy(): StudyDetail | null;
  /** Cornerstone image ids of a stack of the open study (`spinegrade:<series>/<stack>/<k>`). */
  imageIdsOf(seriesInstanceUid: string, stackIndex: number): string[];
  /** Put a stack of the open study into a pane (series chooser), at a slice (default middle). */
  showStack(pane: PaneId, seriesInstanceUid: string, stackIndex: number, sliceIndex?: number): Promise<void>;
  goToSlice(pane: PaneId, sliceIndex: number): Promise<void>;
  /** goToSlice for linked scrolling: renders in the next frame's pass with the annotation redraws (no promise). */
  followSlice(pane: PaneId, sliceIndex: number): void;
  /** Every pane but `except` to the slice nearest a patient point (LPS mm); the slices chosen. */
  goToWorldPoint(pointLps: Vec3, except?: PaneId): Promise<Partial<Record<PaneId, number>>>;
  /** The jump of a findings cell: own stack to its sliceIndex, the others through the point, marker drawn. */
  jumpTo(loc: KeyLocation): Promise<void>;
  /** Target marker at a patient point (null clears it). */
  setMarker(pointLps: Vec3 | null): void;
  /** Called after every render of the pane (after the overlay is written); returns the unsubscribe. */
  onImageRendered(pane: PaneId, cb: (info: RenderedInfo) => void): () => void;
  /** Called when a pane gets another stack; returns the unsubscribe. */
  onStackShown(cb: (pane: PaneId, stack: StackDetail | null) => void): () => void;
  /** Set a data attribute on the pane's region (e.g. data-reference-lines). */
  setPaneAttribute(pane: PaneId, name: string, value: string): void;
  /** The level text of the pane's current slice (overlay and data-slice-level; '' for none). */
  setPaneSliceLevel(pane: PaneId, text: string): void;
  /** 'cpu' | 'gpu' once Cornerstone has started, else null. */
  renderPath(): 'cpu' | 'gpu' | null;
}

/** The one viewer API of the window. */
export const viewerApi: ViewerApi = {
  renderingEngineId: RENDERING_ENGINE_ID,
  toolGroupId: TOOL_GROUP_ID,
  paneIds: PANE_IDS,
  viewportIdOf: (pane) => PANES[pane].viewportId,
  getViewport: stackViewport,
  getRegion: (pane) => paneDom(pane)?.region ?? null,
  getPaneStack: (pane) => paneEntry(pane)?.stack ?? null,
  getStudy: () => viewerRuntime().registry.study(),
  imageIdsOf: (series, stackIndex) => viewerRuntime().registry.get(series, stackIndex)?.imageIds ?? [],
  showStack,
  goToSlice,
  followSlice,
  goToWorldPoint,
  jumpTo: jumpToKeyLocation,
  setMarker,
  onImageRendered,
  onStackShown: (cb) => onStackShown((pane, entry) => cb(pane, entry?.stack ?? null)),
  setPaneAttribute,
  setPaneSliceLevel,
  renderPath: () => {
    try {
      return viewerRuntime().renderPath;
    } catch {
      return null;
    }
  },
};
