/**
 * The viewer adapter: one RenderingEngine with the three StackViewports, the stack each pane shows, slice
 * navigation and the jump target. React calls these plain functions; Cornerstone never sees React.
 * Renderer code: only main/shared.
 */
import { Enums, getRenderingEngine, RenderingEngine, type Types } from '@cornerstonejs/core';
import { annotation, utilities as toolUtils } from '@cornerstonejs/tools';
import type { StudyDetail } from '../../../main/shared/apiWorkspace';
import type { Vec3 } from '../../../main/shared/vec3';
import { ensureCornerstone, type CornerstoneRuntime } from './cornerstoneSetup';
import { OverlayWriter, type PaneDom } from './paneOverlay';
import { PANES, PANE_IDS, paneHeading, paneOfViewportId, RENDERING_ENGINE_ID, type PaneId } from './panes';
import { PaneStatusStore, type PaneStatus } from './paneStatus';
import type { FetchStackPixels, RegisteredStack } from './stackRegistry';
import { edgeLettersOf, meanSliceSpacingMm, nearestSliceTo } from './geometry';
import { TargetMarkerTool } from './TargetMarkerTool';
import { addViewportToTools, removeViewportFromTools, viewerToolGroup } from './toolGroup';

/** What a pane's render listeners get after each Cornerstone render. */
export interface RenderedInfo {
  pane: PaneId;
  viewportId: string;
  sliceIndex: number;
  element: HTMLDivElement;
}

interface PaneState {
  dom: PaneDom | null;
  writer: OverlayWriter | null;
  entry: RegisteredStack | null;
  /** Bumped on every showStack, so a late setStack does not overwrite a newer one. */
  seq: number;
  /** A slice asked for while the stack was still loading (a jump during load). */
  pendingSlice: number | null;
  /** True once Cornerstone has the current entry's image ids (setStack resolved). */
  stackReady: boolean;
  stackInfo: PaneStatus['stack'];
  /** The VOI last set on this stack (tools, presets): CPU path re-asserts it after a new slice. */
  voi: Types.VOIRange | null;
  listeners: Set<(info: RenderedInfo) => void>;
  offRendered: (() => void) | null;
}

const panes: Record<PaneId, PaneState> = Object.fromEntries(
  PANE_IDS.map((p) => [p, { dom: null, writer: null, entry: null, seq: 0, pendingSlice: null, stackReady: false, stackInfo: undefined, voi: null, listeners: new Set(), offRendered: null }]),
) as unknown as Record<PaneId, PaneState>;

/** Status of each pane (empty/loading/ready/error) for React; changes per stack, never per slice. */
export const paneStatus = new PaneStatusStore();
const stackListeners = new Set<(pane: PaneId, entry: RegisteredStack | null) => void>();
let runtime: CornerstoneRuntime | null = null;
let fetchPixels: FetchStackPixels | null = null;

/** Give the controller the engine's pixel call (once, before the first pane attaches). */
export function configureViewer(fetch: FetchStackPixels): void {
  fetchPixels = fetch;
}

/** Cornerstone's runtime, started on first use. */
export function viewerRuntime(): CornerstoneRuntime {
  if (!runtime) {
    if (!fetchPixels) throw new Error('configureViewer was not called before the first viewport');
    runtime = ensureCornerstone(fetchPixels);
    TargetMarkerTool.onDrawn = (viewportId, shown) => {
      const pane = paneOfViewportId(viewportId);
      if (pane) panes[pane].writer?.set('data-marker', shown ? 'shown' : 'none');
    };
    TargetMarkerTool.toleranceMm = (viewportId) => {
      const pane = paneOfViewportId(viewportId);
      const g = pane ? panes[pane].entry?.stack.geometry : undefined;
      return g ? Math.max(2, meanSliceSpacingMm(g) / 2 + 0.5) : 2;
    };
  }
  return runtime;
}

function engine(): RenderingEngine {
  return (getRenderingEngine(RENDERING_ENGINE_ID) as RenderingEngine | undefined) ?? new RenderingEngine(RENDERING_ENGINE_ID);
}

/** The pane's StackViewport, or null when the pane is not on screen. */
export function stackViewport(pane: PaneId): Types.IStackViewport | null {
  if (!panes[pane].dom) return null;
  return (getRenderingEngine(RENDERING_ENGINE_ID)?.getViewport(PANES[pane].viewportId) as Types.IStackViewport | undefined) ?? null;
}

export function paneEntry(pane: PaneId): RegisteredStack | null {
  return panes[pane].entry;
}

export function paneDom(pane: PaneId): PaneDom | null {
  return panes[pane].dom;
}

function onRendered(pane: PaneId): void {
  const s = panes[pane];
  const vp = stackViewport(pane);
  if (!vp || !s.entry || !s.dom || !s.writer || !s.stackReady) return;
  keepVoi(vp, s);
  s.writer.writeRendered(vp, s.entry);
  if (s.listeners.size === 0) return;
  const info: RenderedInfo = {
    pane,
    viewportId: vp.id,
    sliceIndex: vp.getCurrentImageIdIndex(),
    element: s.dom.element,
  };
  for (const l of s.listeners) l(info);
}

/**
 * On the CPU path a new slice keeps the reader's window on screen but resets the viewport's voiRange
 * to the image default (Cornerstone 5.14), so the next W/L drag would start from the default: put it back.
 */
function keepVoi(vp: Types.IStackViewport, s: PaneState): void {
  const want = s.voi;
  if (!want || runtime?.renderPath !== 'cpu') return;
  const have = vp.getProperties().voiRange;
  if (!have || have.lower !== want.lower || have.upper !== want.upper) vp.setProperties({ voiRange: want }, true);
}

/** A pane's DOM is on screen: enable its viewport and join the tool group. */
export function attachPane(pane: PaneId, dom: PaneDom): void {
  const rt = viewerRuntime();
  const s = panes[pane];
  s.dom = dom;
  s.writer = new OverlayWriter(dom, rt.registry);
  s.writer.set('data-viewport-id', PANES[pane].viewportId);
  s.writer.set('data-render-path', rt.renderPath);
  s.writer.set('data-marker', 'none');
  s.writer.writeStack(s.entry);
  const { viewportId } = PANES[pane];
  engine().enableElement({
    viewportId,
    element: dom.element,
    type: Enums.ViewportType.STACK,
    defaultOptions: { background: [0, 0, 0] as Types.Point3 },
  });
  viewerToolGroup();
  addViewportToTools(viewportId);
  // Before Cornerstone's own IMAGE_RENDERED listeners (capture on the region): a pane that linking moves from
  // here is flagged for the next frame ahead of the annotation pass those listeners request (followSlice).
  const handler = (e: Event): void => {
    if (e.target === dom.element) onRendered(pane);
  };
  const onVoi = (e: Event): void => {
    const range = (e as CustomEvent<{ range?: Types.VOIRange }>).detail?.range;
    if (range && s.stackReady) s.voi = { lower: range.lower, upper: range.upper };
  };
  const onCamera = (e: Event): void => {
    s.writer?.cameraChanged((e as CustomEvent<{ camera?: Types.ICamera }>).detail?.camera?.parallelScale);
  };
  const events: Array<[string, (e: Event) => void]> = [
    [Enums.Events.VOI_MODIFIED, onVoi],
    [Enums.Events.CAMERA_MODIFIED, onCamera],
  ];
  for (const [name, fn] of events) dom.element.addEventListener(name, fn);
  dom.region.addEventListener(Enums.Events.IMAGE_RENDERED, handler, true);
  s.offRendered = () => {
    for (const [name, fn] of events) dom.element.removeEventListener(name, fn);
    dom.region.removeEventListener(Enums.Events.IMAGE_RENDERED, handler, true);
  };
  if (s.entry) void showStack(pane, s.entry.series.seriesInstanceUid, s.entry.stack.stackIndex);
}

/** A pane's DOM is going away: stop cine, leave the tool group, disable its viewport. */
export function detachPane(pane: PaneId): void {
  const s = panes[pane];
  if (!s.dom) return;
  toolUtils.cine.stopClip(s.dom.element);
  s.offRendered?.();
  s.offRendered = null;
  const { viewportId } = PANES[pane];
  removeViewportFromTools(viewportId);
  getRenderingEngine(RENDERING_ENGINE_ID)?.disableElement(viewportId);
  s.dom = null;
  s.writer = null;
  s.stackReady = false;
}

/** Resize the canvases to their elements (keeps zoom and pan). */
export function resizeViewports(): void {
  for (const p of PANE_IDS) panes[p].writer?.measure();
  getRenderingEngine(RENDERING_ENGINE_ID)?.resize(true, true);
}

/** The open study changed: register its stacks (pixels are fetched when a pane first shows one). */
export function setStudy(detail: StudyDetail | null): void {
  viewerRuntime().registry.setStudy(detail);
  TargetMarkerTool.target = null;
  annotation.state.removeAllAnnotations();
  for (const pane of PANE_IDS) {
    panes[pane].entry = null;
    panes[pane].stackReady = false;
    panes[pane].seq++;
    panes[pane].writer?.writeStack(null);
    const vp = stackViewport(pane);
    if (vp && vp.getImageIds().length > 0) void vp.setStack([], 0).catch(() => undefined);
    paneStatus.set(pane, detail ? { kind: 'empty', message: noSeriesMessage(detail, pane) } : { kind: 'none' });
  }
}

/** Why a pane has nothing to show: no series of its role, or its files could not be read now. */
function noSeriesMessage(detail: StudyDetail, pane: PaneId): string {
  const role = PANES[pane].role;
  const n = detail.problems.length;
  if (n === 0) return `This study has no ${role} series.`;
  return `No ${role} series could be read: ${n} file${n === 1 ? '' : 's'} of this study cannot be read now (${detail.problems[0].message}).`;
}

/** Show a stack of the open study in a pane, at `sliceIndex` (default: its middle slice). */
export async function showStack(pane: PaneId, seriesUid: string, stackIndex: number, sliceIndex?: number): Promise<void> {
  const rt = viewerRuntime();
  const entry = rt.registry.get(seriesUid, stackIndex);
  const s = panes[pane];
  if (!entry) return;
  const seq = ++s.seq;
  s.entry = entry;
  s.pendingSlice = null;
  s.stackReady = false;
  s.voi = null;
  s.writer?.writeStack(entry);
  for (const l of stackListeners) l(pane, entry);
  const n = entry.imageIds.length;
  const clamp = (k: number): number => Math.min(n - 1, Math.max(0, Math.round(k)));
  const stack = {
    seriesDescription: entry.series.seriesDescription || PANES[pane].role,
    sliceCount: n,
    letters: edgeLettersOf(entry.stack.geometry.direction[0], entry.stack.geometry.direction[1]),
    heading: paneHeading(pane, entry.stack.role, entry.stack.geometry.direction[0], entry.stack.geometry.direction[1]),
  };
  s.stackInfo = stack;
  paneStatus.set(pane, { kind: 'loading', message: `Loading ${stack.seriesDescription}...`, stack });
  try {
    const loaded = await rt.registry.pixels(entry);
    const vp = stackViewport(pane);
    if (seq !== s.seq || !vp) return;
    const k = clamp(s.pendingSlice ?? sliceIndex ?? (n - 1) / 2);
    s.pendingSlice = null;
    await vp.setStack(entry.imageIds, k);
    if (seq !== s.seq) return;
    s.stackReady = true;
    if (s.pendingSlice !== null) await vp.setImageIdIndex(clamp(s.pendingSlice));
    s.pendingSlice = null;
    vp.render();
    const failed = loaded.failed.size;
    paneStatus.set(pane, {
      kind: 'ready',
      message: failed ? `${failed} of ${n} slices could not be read and are shown black.` : '',
      stack,
    });
  } catch (e) {
    if (seq !== s.seq) return;
    paneStatus.set(pane, { kind: 'error', message: e instanceof Error ? e.message : String(e), stack });
  }
}

/** Move a pane to slice k (clamped); resolves when Cornerstone has the image. */
export async function goToSlice(pane: PaneId, k: number): Promise<void> {
  const vp = stackViewport(pane);
  const entry = panes[pane].entry;
  if (!vp || !entry) return;
  if (!panes[pane].stackReady) {
    panes[pane].pendingSlice = k;
    return;
  }
  const n = entry.imageIds.length;
  await vp.setImageIdIndex(Math.min(n - 1, Math.max(0, Math.round(k))));
}

/**
 * Move a pane to slice k for linked scrolling. When the stack's pixels are loaded the viewport is flagged for the
 * next frame at once: called from another pane's IMAGE_RENDERED, it renders in the frame after
 * that pane's and ahead of that frame's annotation pass, so its own annotations and the other panes' reference
 * lines are redrawn in that same pass (one frame per linked step instead of two).
 */
export function followSlice(pane: PaneId, k: number): void {
  const vp = stackViewport(pane);
  const entry = panes[pane].entry;
  if (!vp || !entry || !panes[pane].stackReady) {
    void goToSlice(pane, k);
    return;
  }
  const kk = Math.min(entry.imageIds.length - 1, Math.max(0, Math.round(k)));
  if (vp.getCurrentImageIdIndex() === kk) return;
  // Rejects only when the study closed meanwhile (imageLoader): nothing left to show.
  void vp.setImageIdIndex(kk).catch(() => undefined);
  // With the stack's pixels in memory the loader resolves in microtasks, before the next frame renders.
  if (viewerRuntime().registry.loadedPixels(entry)) getRenderingEngine(RENDERING_ENGINE_ID)?.renderViewport(vp.id);
}

/** Every pane (but `except`) to the slice nearest a patient point; returns the slice chosen per pane. */
export async function goToWorldPoint(pointLps: Vec3, except?: PaneId): Promise<Partial<Record<PaneId, number>>> {
  const out: Partial<Record<PaneId, number>> = {};
  await Promise.all(
    PANE_IDS.filter((p) => p !== except && panes[p].entry).map(async (p) => {
      const g = (panes[p].entry as RegisteredStack).stack.geometry;
      const { sliceIndex } = nearestSliceTo(g, pointLps);
      out[p] = sliceIndex;
      await goToSlice(p, sliceIndex);
    }),
  );
  return out;
}

/** Draw (or clear, with null) the target marker on every viewport near the point. */
export function setMarker(pointLps: Vec3 | null): void {
  TargetMarkerTool.target = pointLps ? { pointLps } : null;
  for (const p of PANE_IDS) stackViewport(p)?.render();
}

/** Listen to a pane's renders (after its overlay is written); returns the unsubscribe. */
export function onImageRendered(pane: PaneId, cb: (info: RenderedInfo) => void): () => void {
  panes[pane].listeners.add(cb);
  return () => panes[pane].listeners.delete(cb);
}

/** Listen to stack changes of every pane (series chooser, jump, study open). */
export function onStackShown(cb: (pane: PaneId, entry: RegisteredStack | null) => void): () => void {
  stackListeners.add(cb);
  return () => stackListeners.delete(cb);
}

/** Set a data attribute on a pane's region (for other features: data-reference-lines, ...). */
export function setPaneAttribute(pane: PaneId, name: string, value: string): void {
  panes[pane].writer?.set(name, value);
}

/** The level of the pane's current slice in its overlay and its data-slice-level attribute ('' for none). */
export function setPaneSliceLevel(pane: PaneId, text: string): void {
  panes[pane].writer?.writeSliceLevel(text);
}
