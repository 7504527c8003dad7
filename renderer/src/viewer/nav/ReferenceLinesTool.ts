/**
 * Display-only Cornerstone tool: on every viewport, the reference lines of the other panes' current slices
 * (where each of their planes cuts this image, from the engine's geometry), one colour per source pane.
 * Redrawn when a source renders (navController), so lines follow scrolling on the CPU and GPU paths.
 */
import type { Types } from '@cornerstonejs/core';
import { AnnotationDisplayTool, drawing, type Types as ToolTypes } from '@cornerstonejs/tools';
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

export class ReferenceLinesDisplayTool extends AnnotationDisplayTool {
  static override toolName = 'SpineGradeReferenceLines';
  /** Called after each draw pass of a viewport with the number of lines drawn on it. */
  static onDrawn: (viewportId: string, count: number) => void = () => undefined;

  constructor(toolProps: ToolTypes.PublicToolProps = {}) {
    super(toolProps, { supportedInteractionTypes: [], configuration: {} });
  }

  override renderAnnotation = (
    enabledElement: Types.IEnabledElement,
    svgDrawingHelper: ToolTypes.SVGDrawingHelper,
  ): boolean => {
    const { viewport } = enabledElement;
    const target = viewportSlice(viewport.id);
    let count = 0;
    if (target) {
      for (const pane of PANE_IDS) {
        if (pane === target.pane) continue;
        const source = paneSlice(pane);
        if (!source) continue;
        const line = referenceLineOn(source.geometry, source.sliceIndex, target.geometry, target.sliceIndex);
        if (!line) continue;
        const a = viewport.worldToCanvas([...line.startLps] as Types.Point3);
        const b = viewport.worldToCanvas([...line.endLps] as Types.Point3);
        drawing.drawLine(
          svgDrawingHelper,
          UID,
          pane,
          a,
          b,
          {
            color: REFERENCE_LINE_COLORS[pane],
            width: 1,
            lineDash: '6,3',
          },
          `reference-line-${pane}`,
        );
        count++;
      }
    }
    ReferenceLinesDisplayTool.onDrawn(viewport.id, count);
    return count > 0;
  };
}
