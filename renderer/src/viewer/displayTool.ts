/**
 * The base of the viewer's display-only Cornerstone tools (target marker, reference lines, level labels) and
 * the SVG nodes they draw: reused across renders, each attribute written only when its value changed.
 * Renderer code: only main/shared besides Cornerstone.
 */
import type { Types } from '@cornerstonejs/core';
import { AnnotationDisplayTool, type Types as ToolTypes } from '@cornerstonejs/tools';

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * A tool that only draws (no interaction, no annotation state): subclasses implement `draw` for one
 * viewport and `drawn` to report what they drew; Cornerstone calls renderAnnotation on each annotation pass.
 */
export abstract class DisplayOnlyTool<Drawn> extends AnnotationDisplayTool {
  constructor(toolProps: ToolTypes.PublicToolProps = {}) {
    super(toolProps, { supportedInteractionTypes: [], configuration: {} });
  }

  /** Draw on one viewport's SVG layer; returns what was drawn. */
  protected abstract draw(viewport: Types.IEnabledElement['viewport'], svg: ToolTypes.SVGDrawingHelper): Drawn;

  /** Report a draw pass of a viewport (data attributes for tests and the overlay); true when anything is on it. */
  protected abstract drawn(viewportId: string, result: Drawn): boolean;

  override renderAnnotation(enabledElement: Types.IEnabledElement, svg: ToolTypes.SVGDrawingHelper): boolean {
    const { viewport } = enabledElement;
    return this.drawn(viewport.id, this.draw(viewport, svg));
  }
}

/** Attribute values of one SVG node (numbers are written with 0.1 px precision). */
export type SvgAttributes = Readonly<Record<string, string | number>>;

const text = (v: string | number): string => (typeof v === 'number' ? v.toFixed(1) : v);

/**
 * The SVG node `<uid>::<kind>::<id>` of this annotation pass: created (with `once`, the attributes that never
 * change) on first use, then touched so Cornerstone keeps it; `attrs` are written only where they changed.
 */
export function svgNode(
  svg: ToolTypes.SVGDrawingHelper,
  key: { uid: string; kind: 'line' | 'circle' | 'text'; id: string },
  attrs: SvgAttributes,
  once: SvgAttributes = {},
): SVGElement {
  const hash = `${key.uid}::${key.kind}::${key.id}`;
  let node: SVGElement | undefined = svg.getSvgNode(hash);
  if (node) svg.setNodeTouched(hash);
  else {
    node = document.createElementNS(SVG_NS, key.kind);
    node.setAttribute('data-annotation-uid', key.uid);
    for (const [name, value] of Object.entries(once)) node.setAttribute(name, text(value));
    svg.appendNode(node, hash);
  }
  for (const [name, value] of Object.entries(attrs)) {
    const v = text(value);
    if (node.getAttribute(name) !== v) node.setAttribute(name, v);
  }
  return node;
}

/** A line from a to b (canvas px); `style` holds the stroke attributes, set once. */
export function svgLine(
  svg: ToolTypes.SVGDrawingHelper,
  uid: string,
  id: string,
  a: Types.Point2,
  b: Types.Point2,
  style: SvgAttributes,
): void {
  if (![a[0], a[1], b[0], b[1]].every(Number.isFinite)) return;
  svgNode(svg, { uid, kind: 'line', id }, { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, { fill: 'none', ...style });
}

/** Text at a canvas point in Cornerstone's annotation look (font, hanging first line, drop shadow). */
export function svgText(svg: ToolTypes.SVGDrawingHelper, uid: string, id: string, value: string, at: Types.Point2, color: string): void {
  const node = svgNode(svg, { uid, kind: 'text', id }, { x: at[0], y: at[1] }, {
    fill: color,
    'font-family': 'Helvetica, Arial, sans-serif',
    'font-size': '12px',
    dy: '1.2em',
    'pointer-events': 'none',
    style: `user-select: none; pointer-events: none; filter:url(#shadow-${svg.svgLayerElement.id});`,
  });
  if (node.textContent !== value) node.textContent = value;
}
