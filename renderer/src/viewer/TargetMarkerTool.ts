/**
 * Display-only Cornerstone tool drawing the jump target as an SVG ring with ticks at its patient point,
 * on each viewport whose current slice lies within a few mm of it. Reports per viewport whether it drew.
 * Renderer code: only main/shared.
 */
import { metaData, type Types } from '@cornerstonejs/core';
import type { Types as ToolTypes } from '@cornerstonejs/tools';
import { cross, dot, normalize, sub, type Vec3 } from '../../../main/shared/vec3';
import { DisplayOnlyTool, svgLine, svgNode } from './displayTool';

/** Ring radius and tick length in canvas (CSS) pixels. */
const RING_PX = 13;
const TICK_PX = 7;
const STYLE = { stroke: 'rgb(250, 204, 21)', 'stroke-width': '2' } as const;
const UID = 'spinegrade-target-marker';

export interface MarkerTarget {
  pointLps: Vec3;
}

/** Signed distance (mm) of a point from the plane of the viewport's current image, null without one. */
export function distanceToCurrentSliceMm(
  viewport: { getCurrentImageId?: () => string | undefined },
  pointLps: Vec3,
): number | null {
  const imageId = viewport.getCurrentImageId?.();
  if (!imageId) return null;
  const plane = metaData.get('imagePlaneModule', imageId) as
    | { imagePositionPatient: number[]; rowCosines: number[]; columnCosines: number[] }
    | undefined;
  if (!plane?.imagePositionPatient) return null;
  const ipp = plane.imagePositionPatient as unknown as Vec3;
  const n = normalize(cross(plane.rowCosines as unknown as Vec3, plane.columnCosines as unknown as Vec3));
  return dot(sub(pointLps, ipp), n);
}

export class TargetMarkerTool extends DisplayOnlyTool<boolean> {
  static override toolName = 'SpineGradeTargetMarker';
  /** The point to mark (null: no marker). Set through setMarkerTarget. */
  static target: MarkerTarget | null = null;
  /** Largest distance (mm) from the current slice at which a viewport still shows the marker. */
  static toleranceMm: (viewportId: string) => number = () => 3;
  /** Called after each draw pass of a viewport with whether the marker is on it. */
  static onDrawn: (viewportId: string, shown: boolean) => void = () => undefined;

  protected draw(viewport: Types.IEnabledElement['viewport'], svg: ToolTypes.SVGDrawingHelper): boolean {
    const target = TargetMarkerTool.target;
    if (!target) return false;
    const d = distanceToCurrentSliceMm(viewport, target.pointLps);
    if (d === null || Math.abs(d) > TargetMarkerTool.toleranceMm(viewport.id)) return false;
    drawMarker(svg, viewport.worldToCanvas([...target.pointLps] as Types.Point3));
    return true;
  }

  protected drawn(viewportId: string, shown: boolean): boolean {
    TargetMarkerTool.onDrawn(viewportId, shown);
    return shown;
  }
}

function drawMarker(svg: ToolTypes.SVGDrawingHelper, c: Types.Point2): void {
  svgNode(svg, { uid: UID, kind: 'circle', id: 'ring' }, { cx: c[0], cy: c[1] }, { ...STYLE, r: RING_PX, fill: 'transparent' });
  const r0 = RING_PX + 2;
  const r1 = RING_PX + 2 + TICK_PX;
  const ticks: Array<[string, Types.Point2, Types.Point2]> = [
    ['n', [c[0], c[1] - r0], [c[0], c[1] - r1]],
    ['s', [c[0], c[1] + r0], [c[0], c[1] + r1]],
    ['w', [c[0] - r0, c[1]], [c[0] - r1, c[1]]],
    ['e', [c[0] + r0, c[1]], [c[0] + r1, c[1]]],
  ];
  for (const [id, a, b] of ticks) svgLine(svg, UID, id, a, b, STYLE);
}
