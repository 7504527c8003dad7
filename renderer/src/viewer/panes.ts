/**
 * The three panes of the fixed lumbar layout, their Cornerstone ids and the series role each one shows.
 * Renderer code: imports only main/shared, never node or the engine; no Cornerstone import here.
 */
import type { SeriesRole } from '../../../main/shared/findings';

export type PaneId = 'sagittalT2' | 'sagittalT1' | 'axialT2';

/** Left to right as laid out. */
export const PANE_IDS: readonly PaneId[] = ['sagittalT2', 'sagittalT1', 'axialT2'];

/** The one RenderingEngine of the window. */
export const RENDERING_ENGINE_ID = 'spinegrade-rendering-engine';
/** The one tool group all three viewports share. */
export const TOOL_GROUP_ID = 'spinegrade-viewer-tools';

export interface PaneInfo {
  pane: PaneId;
  /** Pane title; the region is named `${title} viewer`. */
  title: string;
  role: SeriesRole;
  /** What the pane is for (empty state, screen readers). */
  purpose: string;
  viewportId: string;
}

export const PANES: Readonly<Record<PaneId, PaneInfo>> = {
  sagittalT2: {
    pane: 'sagittalT2',
    title: 'Sagittal T2',
    role: 'Sagittal T2/STIR',
    purpose: 'Spinal canal stenosis, midline',
    viewportId: 'spinegrade-sagittalT2',
  },
  sagittalT1: {
    pane: 'sagittalT1',
    title: 'Sagittal T1',
    role: 'Sagittal T1',
    purpose: 'Neural foramina, lateral slices',
    viewportId: 'spinegrade-sagittalT1',
  },
  axialT2: {
    pane: 'axialT2',
    title: 'Axial T2',
    role: 'Axial T2',
    purpose: 'Subarticular recesses at each disc',
    viewportId: 'spinegrade-axialT2',
  },
};

/** The pane of a Cornerstone viewport id, or null for a viewport that is not one of ours. */
export function paneOfViewportId(viewportId: string): PaneId | null {
  return PANE_IDS.find((p) => PANES[p].viewportId === viewportId) ?? null;
}
