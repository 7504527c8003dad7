/**
 * The length measurements of the open study (Cornerstone LengthTool annotations, mm from PixelSpacing):
 * listed for the measurement strip, deletable. Renderer code: only main/shared.
 */
import { eventTarget } from '@cornerstonejs/core';
import { annotation, Enums as ToolEnums, LengthTool, utilities as toolUtils } from '@cornerstonejs/tools';
import { PANES, PANE_IDS } from './panes';
import { viewerRuntime } from './viewerController';

export interface LengthMeasurement {
  annotationUid: string;
  lengthMm: number;
  /** Where it was drawn, e.g. "Sagittal T2 im 8". */
  where: string;
}

interface LengthData {
  cachedStats?: Record<string, { length?: number; unit?: string }>;
}

/** Every finished length of the open study, in drawing order. */
export function listLengths(): LengthMeasurement[] {
  const reg = viewerRuntime().registry;
  return annotation.state
    .getAllAnnotations()
    .filter((a) => a.metadata?.toolName === LengthTool.toolName && a.annotationUID)
    .flatMap((a) => {
      const stats = Object.values((a.data as LengthData).cachedStats ?? {})[0];
      if (!stats || typeof stats.length !== 'number' || !Number.isFinite(stats.length)) return [];
      const imageId = a.metadata?.referencedImageId;
      const ref = imageId ? reg.resolve(imageId) : undefined;
      const role = ref?.entry.series.role;
      const pane = PANE_IDS.find((p) => PANES[p].role === role);
      const where = ref ? `${pane ? PANES[pane].title : ref.entry.series.seriesDescription} im ${ref.k + 1}` : '';
      return [{ annotationUid: a.annotationUID as string, lengthMm: stats.length, where }];
    });
}

/** Delete a length and redraw the viewports. */
export function deleteLength(annotationUid: string): void {
  annotation.state.removeAnnotation(annotationUid);
  toolUtils.triggerAnnotationRenderForViewportIds(PANE_IDS.map((p) => PANES[p].viewportId));
  notify();
}

const listeners = new Set<() => void>();
function notify(): void {
  for (const l of listeners) l();
}

let wired = false;
/** Listen to added, changed and removed lengths; returns the unsubscribe. */
export function onLengthsChanged(cb: () => void): () => void {
  if (!wired) {
    const E = ToolEnums.Events;
    for (const ev of [E.ANNOTATION_COMPLETED, E.ANNOTATION_MODIFIED, E.ANNOTATION_REMOVED]) {
      eventTarget.addEventListener(ev, notify);
    }
    wired = true;
  }
  listeners.add(cb);
  return () => listeners.delete(cb);
}
