/**
 * What the navigation tools need of a Cornerstone viewport: its pane, the stack's geometry and the current
 * slice index, read through the viewer API. Only main/shared besides the viewer.
 */
import type { StackGeometry } from '../../../../main/shared/apiWorkspace';
import { paneOfViewportId, type PaneId } from '../panes';
import { viewerApi } from '../viewerApi';

export interface PaneSlice {
  pane: PaneId;
  viewportId: string;
  geometry: StackGeometry;
  /** 0-based k of the slice on screen. */
  sliceIndex: number;
}

/** The pane's stack geometry and current slice, null when it shows nothing (yet). */
export function paneSlice(pane: PaneId): PaneSlice | null {
  const vp = viewerApi.getViewport(pane);
  const stack = viewerApi.getPaneStack(pane);
  if (!vp || !stack || vp.getImageIds().length !== stack.geometry.dims[2]) return null;
  const k = vp.getCurrentImageIdIndex();
  if (!Number.isInteger(k) || k < 0 || k >= stack.geometry.dims[2]) return null;
  return { pane, viewportId: vp.id, geometry: stack.geometry, sliceIndex: k };
}

/** paneSlice of the pane a Cornerstone viewport id belongs to. */
export function viewportSlice(viewportId: string): PaneSlice | null {
  const pane = paneOfViewportId(viewportId);
  return pane ? paneSlice(pane) : null;
}
