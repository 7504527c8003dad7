/**
 * 3D navigation wired onto the viewer: reference lines and level labels (display tools in the viewer's
 * tool group), redraws when a pane's slice changes, linked sagittal scrolling and the shift-click cursor.
 * Renderer code: only main/shared besides the viewer and Cornerstone.
 */
import type { Types } from '@cornerstonejs/core';
import { addTool, utilities as toolUtils } from '@cornerstonejs/tools';
import { cross, norm, type Vec3 } from '../../../../main/shared/vec3';
import { PARALLEL_SINE } from '../geometry/referenceLine';
import { stackNormalLps } from '../geometry/stackFrame';
import { linkedSliceOf } from '../geometry/linkedScroll';
import { PANES, PANE_IDS, paneOfViewportId, type PaneId } from '../panes';
import { viewerToolGroup } from '../toolGroup';
import { viewerApi } from '../viewerApi';
import { viewerRuntime } from '../viewerController';
import { moveCursorTo } from './cursor';
import { LatestSliceFollower } from './latestSliceFollower';
import { LevelLabelDisplayTool } from './LevelLabelTool';
import { navState, subscribeNav } from './navState';
import { paneSlice } from './paneGeometry';
import { ReferenceLinesDisplayTool } from './ReferenceLinesTool';

const SAGITTAL_PANES: readonly PaneId[] = ['sagittalT2', 'sagittalT1'];
/** What each pane showed at its last render (stack and slice), to redraw the others only on change. */
const lastShown: Partial<Record<PaneId, string>> = {};
/** Slices set on a pane by linking: its render at that slice is not linked back. */
const linkedTo: Partial<Record<PaneId, number>> = {};
/** Each sagittal pane as the follower of the other: one linked move in flight, later targets coalesced. */
const followers: Partial<Record<PaneId, LatestSliceFollower>> = Object.fromEntries(
  SAGITTAL_PANES.map((pane) => [
    pane,
    new LatestSliceFollower({
      current: () => paneSlice(pane)?.sliceIndex ?? null,
      move: (k) => {
        linkedTo[pane] = k;
        viewerApi.followSlice(pane, k);
      },
      now: () => performance.now(),
    }),
  ]),
);
/**
 * Only the reader's own scrolling is linked (wheel, keys, scroll bar on that pane in the last moments):
 * a cell jump or a 3D-cursor move puts each pane on its own slice and must not be pulled by linking.
 */
const USER_INPUT_MS = 1500;
const INPUT_EVENTS = ['wheel', 'keydown', 'pointerdown'] as const;
let lastInput: { pane: PaneId; atMs: number } | null = null;

function noteInput(e: Event): void {
  const target = e.target instanceof Element ? e.target : null;
  const attr = target?.closest('[data-pane]')?.getAttribute('data-pane');
  const pane = PANE_IDS.find((p) => p === attr);
  lastInput = pane ? { pane, atMs: performance.now() } : null;
}

function scrolledByReader(pane: PaneId): boolean {
  return lastInput !== null && lastInput.pane === pane && performance.now() - lastInput.atMs < USER_INPUT_MS;
}

function registerTools(): void {
  viewerRuntime();
  addTool(ReferenceLinesDisplayTool);
  addTool(LevelLabelDisplayTool);
  const group = viewerToolGroup();
  for (const name of [ReferenceLinesDisplayTool.toolName, LevelLabelDisplayTool.toolName]) {
    if (!group.hasTool(name)) group.addTool(name);
    group.setToolEnabled(name);
  }
  ReferenceLinesDisplayTool.onDrawn = (viewportId, count) => {
    const pane = paneOfViewportId(viewportId);
    if (pane) viewerApi.setPaneAttribute(pane, 'data-reference-lines', String(count));
  };
  LevelLabelDisplayTool.onDrawn = (viewportId, drawn) => {
    const pane = paneOfViewportId(viewportId);
    if (!pane) return;
    viewerApi.setPaneAttribute(pane, 'data-level-labels', String(drawn.labels));
    viewerApi.setPaneSliceLevel(pane, drawn.sliceLevel);
  };
}

/** Redraw the annotation layer (not the image) of the given panes. */
export function redrawAnnotations(panes: readonly PaneId[] = PANE_IDS): void {
  const ids = panes.filter((p) => viewerApi.getViewport(p) !== null).map((p) => PANES[p].viewportId);
  if (ids.length > 0) toolUtils.triggerAnnotationRenderForViewportIds(ids);
}

/**
 * The other sagittal pane follows `pane` to the slice nearest its slice plane (coalesced: when wheel steps come
 * faster than it renders it skips to the latest); returns the pane asked to follow.
 */
function linkSagittals(pane: PaneId): PaneId | null {
  if (!navState().linkedScroll || !SAGITTAL_PANES.includes(pane) || !scrolledByReader(pane)) return null;
  const other = SAGITTAL_PANES.find((p) => p !== pane) as PaneId;
  const src = paneSlice(pane);
  const dst = paneSlice(other);
  if (!src || !dst) return null;
  const hit = linkedSliceOf(src.geometry, src.sliceIndex, dst.geometry);
  if (!hit || hit.outside) return null;
  followers[other]?.request(hit.sliceIndex);
  return other;
}

/** Whether two panes' stacks are parallel: no reference line of one on the other, whatever the slices. */
function parallelPanes(a: PaneId, b: PaneId): boolean {
  const ga = paneSlice(a)?.geometry;
  const gb = paneSlice(b)?.geometry;
  return !!ga && !!gb && norm(cross(stackNormalLps(ga), stackNormalLps(gb))) < PARALLEL_SINE;
}

function onPaneRendered(pane: PaneId, sliceIndex: number): void {
  const echoed = linkedTo[pane] === sliceIndex;
  delete linkedTo[pane];
  // The reader scrolling this pane wins over a linked move still queued for it.
  if (scrolledByReader(pane)) followers[pane]?.reset();
  else followers[pane]?.rendered();
  const stack = viewerApi.getPaneStack(pane);
  const key = stack ? `${stack.seriesInstanceUid}/${stack.stackIndex}/${sliceIndex}` : '';
  if (lastShown[pane] === key) return;
  lastShown[pane] = key;
  // Other panes' reference lines show this pane's slice: redraw them (the CPU path sends no camera event),
  // but not a parallel pane (it has no line of this one) nor the pane linking moves (its own render redraws it).
  // Requests of one frame are one annotation pass (Cornerstone keeps a set of the viewports to redraw).
  const moved = echoed ? null : linkSagittals(pane);
  redrawAnnotations(PANE_IDS.filter((p) => p !== pane && p !== moved && !parallelPanes(p, pane)));
}

function resetFollowers(): void {
  for (const f of Object.values(followers)) f.reset();
}

/** Patient point under a mouse event on a pane's Cornerstone element, null elsewhere. */
export function pointUnderMouse(e: MouseEvent): { pane: PaneId; pointLps: Vec3 } | null {
  const target = e.target instanceof Element ? e.target : null;
  const element = target?.closest('[data-cornerstone-element]');
  const paneAttr = element?.closest('[data-pane]')?.getAttribute('data-pane');
  const pane = PANE_IDS.find((p) => p === paneAttr);
  const vp = pane ? viewerApi.getViewport(pane) : null;
  if (!element || !pane || !vp || !viewerApi.getPaneStack(pane)) return null;
  const rect = element.getBoundingClientRect();
  const world = vp.canvasToWorld([e.clientX - rect.left, e.clientY - rect.top] as Types.Point2);
  return { pane, pointLps: [world[0], world[1], world[2]] };
}

function onMouseDown(e: MouseEvent): void {
  if (!e.shiftKey || e.button !== 0 || e.ctrlKey || e.altKey || e.metaKey) return;
  const hit = pointUnderMouse(e);
  if (!hit) return;
  // Shift+primary belongs to the cursor: no Cornerstone tool starts a drag.
  e.stopPropagation();
  e.preventDefault();
  void moveCursorTo(hit.pointLps, hit.pane);
}

/** Start 3D navigation (after the panes are attached); returns the teardown. */
export function installNavigation(): () => void {
  registerTools();
  const offs = PANE_IDS.map((pane) =>
    viewerApi.onImageRendered(pane, (info) => onPaneRendered(pane, info.sliceIndex)),
  );
  offs.push(
    viewerApi.onStackShown(() => {
      resetFollowers();
      redrawAnnotations();
    }),
  );
  let points = navState().levelPoints;
  const writeLinked = (): void => {
    for (const p of SAGITTAL_PANES)
      viewerApi.setPaneAttribute(p, 'data-linked-scroll', navState().linkedScroll ? 'on' : 'off');
  };
  writeLinked();
  offs.push(
    subscribeNav(() => {
      writeLinked();
      if (!navState().linkedScroll) resetFollowers();
      if (navState().levelPoints !== points) {
        points = navState().levelPoints;
        redrawAnnotations();
      }
    }),
  );
  document.addEventListener('mousedown', onMouseDown, true);
  for (const type of INPUT_EVENTS)
    document.addEventListener(type, noteInput, { capture: true, passive: true });
  redrawAnnotations();
  return () => {
    for (const off of offs) off();
    document.removeEventListener('mousedown', onMouseDown, true);
    for (const type of INPUT_EVENTS) document.removeEventListener(type, noteInput, { capture: true });
    for (const p of PANE_IDS) delete lastShown[p];
    resetFollowers();
  };
}
