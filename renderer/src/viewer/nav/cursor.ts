/**
 * The 3D cursor: a patient point (from a shift-click) moves every other pane to the slice nearest it,
 * switching to another stack of the same kind when the point lies outside the stack shown, and marks it.
 */
import type { Vec3 } from '../../../../main/shared/vec3';
import { canLink } from '../geometry/linkedScroll';
import { nearestSliceTo } from '../geometry/stackFrame';
import { PANE_IDS, type PaneId } from '../panes';
import { viewerApi } from '../viewerApi';
import { viewerRuntime } from '../viewerController';

export interface CursorMove {
  pane: PaneId;
  seriesInstanceUid: string;
  stackIndex: number;
  sliceIndex: number;
}

/** Where a pane should go for a point: its own stack, or a parallel stack of the same role holding the point. */
export function cursorTargetOf(pane: PaneId, pointLps: Vec3): CursorMove | null {
  const shown = viewerApi.getPaneStack(pane);
  if (!shown) return null;
  const own = nearestSliceTo(shown.geometry, pointLps);
  const move = {
    pane,
    seriesInstanceUid: shown.seriesInstanceUid,
    stackIndex: shown.stackIndex,
    sliceIndex: own.sliceIndex,
  };
  if (!own.outside) return move;
  let best: CursorMove | null = null;
  let bestMm = Number.POSITIVE_INFINITY;
  for (const entry of viewerRuntime().registry.all()) {
    const g = entry.stack.geometry;
    if (entry.stack.role !== shown.role || !canLink(g, shown.geometry)) continue;
    const hit = nearestSliceTo(g, pointLps);
    if (hit.outside || Math.abs(hit.distanceMm) >= bestMm) continue;
    bestMm = Math.abs(hit.distanceMm);
    best = {
      pane,
      seriesInstanceUid: entry.series.seriesInstanceUid,
      stackIndex: entry.stack.stackIndex,
      sliceIndex: hit.sliceIndex,
    };
  }
  return best ?? move;
}

/** Move every pane but `from` to the point and draw the marker there; the moves made. */
export async function moveCursorTo(pointLps: Vec3, from: PaneId | null): Promise<CursorMove[]> {
  const moves = PANE_IDS.filter((p) => p !== from)
    .map((p) => cursorTargetOf(p, pointLps))
    .filter((m): m is CursorMove => m !== null);
  await Promise.all(
    moves.map(async (m) => {
      const shown = viewerApi.getPaneStack(m.pane);
      if (shown && shown.seriesInstanceUid === m.seriesInstanceUid && shown.stackIndex === m.stackIndex) {
        await viewerApi.goToSlice(m.pane, m.sliceIndex);
      } else {
        await viewerApi.showStack(m.pane, m.seriesInstanceUid, m.stackIndex, m.sliceIndex);
      }
    }),
  );
  viewerApi.setMarker(pointLps);
  return moves;
}
