/**
 * Display-only Cornerstone tool: on every viewport, the reference lines of the other panes' current slices
 * (where each of their planes cuts this image, from the engine's geometry), one colour per source pane.
 * Redrawn when a source renders (navController), so lines follow scrolling on the CPU and GPU paths.
 */
import type { Types } from '@cornerstonejs/core';
import type { Types as ToolTypes } from '@cornerstonejs/tools';
import { DisplayOnlyTool, svgLine } from '../displayTool';
import { referenceLineOn } from '../geometry/referenceLine';
import { PANE_IDS, type PaneId } from '../panes';
import { paneSlice, viewportSlice } from './paneGeometry';

const UID = 'spinegrade-reference-lines';
/** Line colour of each source pane (the same on every target). */
export const REFERENCE_LINE_COLORS: Readonly<Record<PaneId, string>> = {
  sagittalT2: 'rgb(56, 189, 248)',
  sagittalT1: 'rgb(74, 222, 128)',
  axialT2: 'rgb(244, 114, 182)',
};

export class ReferenceLinesDisplayTool extends DisplayOnlyTool<number> {
  static override toolName = 'SpineGradeReferenceLines';
  /** Called after each draw pass of a viewport with the number of lines drawn on it. */
  static onDrawn: (viewportId: string, count: number) => void = () => undefined;

  protected draw(viewport: Types.IEnabledElement['viewport'], svg: ToolTypes.SVGDrawingHelper): number {
    const target = viewportSlice(viewport.id);
    if (!target) return 0;
    let count = 0;
    for (const pane of PANE_IDS) {
      const source = pane === target.pane ? null : paneSlice(pane);
      const line = source && referenceLineOn(source.geometry, source.sliceIndex, target.geometry, target.sliceIndex);
      if (!line) continue;
      const a = viewport.worldToCanvas([...line.startLps] as Types.Point3);
      const b = viewport.worldToCanvas([...line.endLps] as Types.Point3);
      svgLine(svg, UID, pane, a, b, {
        stroke: REFERENCE_LINE_COLORS[pane],
        'stroke-width': '1',
        'stroke-dasharray': '6,3',
        'data-id': `reference-line-${pane}`,
      });
      count++;
    }
    return count;
  }

  protected drawn(viewportId: string, count: number): boolean {
    ReferenceLinesDisplayTool.onDrawn(viewportId, count);
    return count > 0;
  }
}
