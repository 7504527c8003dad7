/**
 * The 3D cursor: a patient point (from a shift-click) moves every other pane to the slice nearest it,
 * switching to another stack of the same kind when the point lies outside the stack shown, and marks it.
 */
import type { Vec3 } from '../../../../main/shared/vec3';
import { stackForPoint } from '../geometry/stackChoice';
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
  const stacks = viewerRuntime()
    .registry.all()
    .map((e) => e.stack);
  const c = stackForPoint(shown, stacks, pointLps);
  return { pane, seriesInstanceUid: c.seriesInstanceUid, stackIndex: c.stackIndex, sliceIndex: c.sliceIndex };
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
