/**
 * The three panes of the fixed lumbar layout, their Cornerstone ids and the series role each one shows.
 * Renderer code: imports only main/shared, never node or the engine; no Cornerstone import here.
 */
import type { SeriesRole } from '../../../main/shared/findings';
import { planeOf, type Plane } from '../../../main/shared/sliceGeometry';
import type { Vec3 } from '../../../main/shared/vec3';

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

/** What a pane's heading says for the stack it shows, and whether that is not the pane's own kind of series. */
export interface PaneHeading {
  text: string;
  /** The stack is not of the pane's role (the reader put another series there with the series chooser). */
  foreign: boolean;
}

const PLANE_WORDS: Readonly<Record<Plane, string>> = {
  sagittal: 'Sagittal',
  coronal: 'Coronal',
  axial: 'Axial',
  oblique: 'Oblique',
};

/**
 * The heading of `pane` while it shows a stack of `role` whose slice rows and columns run along `u` and `v`
 * (LPS): the pane's title for its own role, the title of the role's pane for another recognised role, and the
 * plane in words for a series of no lumbar role ("Coronal (other series)"). The region keeps its pane name.
 */
export function paneHeading(pane: PaneId, role: SeriesRole, u: Vec3, v: Vec3): PaneHeading {
  if (role === PANES[pane].role) return { text: PANES[pane].title, foreign: false };
  const own = PANE_IDS.find((p) => PANES[p].role === role);
  if (own) return { text: PANES[own].title, foreign: true };
  const plane = planeOf({
    positionLps: [0, 0, 0],
    rowDirection: u,
    columnDirection: v,
    pixelSpacingMm: [1, 1],
  });
  return { text: `${PLANE_WORDS[plane]} (other series)`, foreign: true };
}
