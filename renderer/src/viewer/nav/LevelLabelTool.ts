/**
 * Display-only Cornerstone tool for the analysis' level points: labels L1/L2..L5/S1 on sagittal images
 * (each level's point projected onto the slice on screen, the text set off anteriorly), and on axial
 * images the level of the slice on screen ("L4/L5 disc", "between L4/L5 and L5/S1") in the overlay.
 */
import type { Types } from '@cornerstonejs/core';
import type { Types as ToolTypes } from '@cornerstonejs/tools';
import { planeOf } from '../../../../main/shared/sliceGeometry';
import { levelDisplay } from '../../../../main/shared/targets';
import { add, dot, scale, sub, type Vec3 } from '../../../../main/shared/vec3';
import { DisplayOnlyTool, svgLine, svgText } from '../displayTool';
import { levelCentresLps, sliceLevelOf } from '../geometry/levelLabel';
import { lpsToIjk, stackNormalLps } from '../geometry/stackFrame';
import type { StackGeometry } from '../../../../main/shared/apiWorkspace';
import { navState } from './navState';
import { viewportSlice, type PaneSlice } from './paneGeometry';

const UID = 'spinegrade-level-labels';
const COLOR = 'rgb(253, 230, 138)';
const TICK_STYLE = { stroke: COLOR, 'stroke-width': '1.5' } as const;
/**
 * Anterior offsets (mm) of the tick and the text from the level point. The localizer's level points sit in
 * the spinal canal at each disc (as RSNA's canal coordinates do), about 20 mm behind the disc centre, so
 * the label lands in front of the vertebral column, clear of the disc and the canal.
 */
const TICK_FROM_MM = 44;
const TICK_TO_MM = 52;
const TEXT_AT_MM = 54;
/** About the width of 'L4/L5' at 12 px. */
const LABEL_WIDTH_PX = 38;

export interface LevelLabelsDrawn {
  /** Sagittal level labels drawn. */
  labels: number;
  /** Level text of an axial slice ('' when not axial or no level points). */
  sliceLevel: string;
}

function planeOfStack(g: StackGeometry): ReturnType<typeof planeOf> {
  const [u, v] = g.direction;
  return planeOf({
    positionLps: g.originLps,
    rowDirection: u,
    columnDirection: v,
    pixelSpacingMm: [g.spacingMm[1], g.spacingMm[0]],
  });
}

function insideImage(g: StackGeometry, p: Vec3): boolean {
  const [i, j] = lpsToIjk(g, p);
  return i >= -0.5 && j >= -0.5 && i <= g.dims[0] - 0.5 && j <= g.dims[1] - 0.5;
}

export class LevelLabelDisplayTool extends DisplayOnlyTool<LevelLabelsDrawn> {
  static override toolName = 'SpineGradeLevelLabels';
  static onDrawn: (viewportId: string, drawn: LevelLabelsDrawn) => void = () => undefined;

  protected draw(viewport: Types.IEnabledElement['viewport'], svg: ToolTypes.SVGDrawingHelper): LevelLabelsDrawn {
    const here = viewportSlice(viewport.id);
    const points = navState().levelPoints;
    const drawn: LevelLabelsDrawn = { labels: 0, sliceLevel: '' };
    if (!here || points.length === 0) return drawn;
    const plane = planeOfStack(here.geometry);
    if (plane === 'sagittal') drawn.labels = drawSagittalLabels(viewport, svg, here);
    // The axial slice's level is written into the pane's DOM overlay (top right, under the position), where it
    // flows with the other corner texts instead of sitting at a fixed spot a long patient name can reach.
    if (plane === 'axial') drawn.sliceLevel = sliceLevelOf(here.geometry, here.sliceIndex, points).text;
    return drawn;
  }

  protected drawn(viewportId: string, drawn: LevelLabelsDrawn): boolean {
    LevelLabelDisplayTool.onDrawn(viewportId, drawn);
    return drawn.labels > 0; // the axial level text is DOM overlay, not SVG
  }
}

function drawSagittalLabels(
  viewport: Types.IEnabledElement['viewport'],
  svg: ToolTypes.SVGDrawingHelper,
  here: PaneSlice,
): number {
  const g = here.geometry;
  const n = stackNormalLps(g);
  const plane = g.slicePositionsLps[here.sliceIndex];
  const anterior: Vec3 = [0, -1, 0];
  let count = 0;
  for (const { level, positionLps } of levelCentresLps(navState().levelPoints)) {
    const onSlice = sub(positionLps, scale(n, dot(sub(positionLps, plane), n)));
    if (!insideImage(g, onSlice)) continue;
    const canvas = (mm: number): Types.Point2 =>
      viewport.worldToCanvas([...add(onSlice, scale(anterior, mm))] as Types.Point3);
    svgLine(svg, UID, `tick-${level}`, canvas(TICK_FROM_MM), canvas(TICK_TO_MM), TICK_STYLE);
    const at = canvas(TEXT_AT_MM);
    // Text on the far side of the tick: ends at the tick when anterior is to the left (usual), else starts there.
    const x = at[0] < canvas(0)[0] ? at[0] - LABEL_WIDTH_PX : at[0] + 3;
    svgText(svg, UID, `label-${level}`, levelDisplay(level), [x, at[1] - 7], COLOR);
    count++;
  }
  return count;
}
