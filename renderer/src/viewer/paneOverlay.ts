/**
 * The overlay and data attributes of one pane, written straight into the DOM on every Cornerstone render
 * (no React render per slice): slice k+1/N and position, W/L, failed slice, scale bar, scroll thumb.
 * Renderer code: only main/shared.
 */
import { utilities, type Types } from '@cornerstonejs/core';
import { add, scale } from '../../../main/shared/vec3';
import type { RegisteredStack, StackRegistry } from './stackRegistry';
import { slicePositionMm } from './geometry';

/** The elements a pane renders once and the controller writes into. */
export interface OverlayRefs {
  slice: HTMLElement;
  position: HTMLElement;
  /** The level of an axial slice ("L4/L5 disc", "between L4/L5 and L5/S1"), under the position. */
  level: HTMLElement;
  voi: HTMLElement;
  failed: HTMLElement;
  scaleBar: HTMLElement;
  scaleLabel: HTMLElement;
  scrollThumb: HTMLElement;
  /** role="scrollbar" element (aria-valuenow follows the slice). */
  scrollTrack: HTMLElement;
}

export interface PaneDom {
  /** The role="region" element carrying the data attributes. */
  region: HTMLElement;
  /** The Cornerstone element (data-cornerstone-element). */
  element: HTMLDivElement;
  refs: OverlayRefs;
}

/** Scale bar lengths tried (mm), largest that fits in a quarter of the pane's width wins. */
const SCALE_STEPS_MM = [5, 10, 20, 50, 100, 200];

/** "<width>,<center>" with whole numbers above 10, else 3 significant digits. */
export function formatVoi(width: number, center: number): string {
  const f = (x: number): string => (Math.abs(x) >= 10 ? String(Math.round(x)) : String(Number(x.toPrecision(3))));
  return `${f(width)},${f(center)}`;
}

/** Writes a pane's texts and attributes, touching the DOM only where a value changed. */
export class OverlayWriter {
  private last = new Map<string, string>();
  /** The element's width (CSS px), read only on resize: reading it per frame forces a layout. */
  private elementWidthPx = -1;
  /** The scale bar follows zoom and size only: recomputed after a camera zoom, resize or new stack. */
  private scaleDirty = true;
  private lastParallelScale = NaN;

  constructor(
    private readonly dom: PaneDom,
    private readonly registry: StackRegistry,
  ) {}

  private text(el: HTMLElement, key: string, value: string): void {
    if (this.last.get(key) === value) return;
    this.last.set(key, value);
    el.textContent = value;
  }

  private attr(name: string, value: string): void {
    if (this.last.get(name) === value) return;
    this.last.set(name, value);
    this.dom.region.setAttribute(name, value);
  }

  private style(el: HTMLElement, key: string, prop: 'width' | 'top' | 'height', value: string): void {
    if (this.last.get(key) === value) return;
    this.last.set(key, value);
    el.style[prop] = value;
  }

  /** Attributes that change only when a stack is shown. */
  writeStack(entry: RegisteredStack | null): void {
    this.scaleDirty = true;
    this.attr('data-series-uid', entry?.series.seriesInstanceUid ?? '');
    this.attr('data-stack-index', entry ? String(entry.stack.stackIndex) : '');
    this.attr('data-slice-count', entry ? String(entry.imageIds.length) : '0');
    if (!entry) {
      this.attr('data-slice-index', '');
      this.attr('data-voi', '');
    }
  }

  /** Everything that follows the current slice, VOI and camera (called on IMAGE_RENDERED). */
  writeRendered(vp: Types.IStackViewport, entry: RegisteredStack): void {
    const k = vp.getCurrentImageIdIndex();
    const n = entry.imageIds.length;
    const { refs } = this.dom;
    this.attr('data-slice-index', String(k));
    this.text(refs.slice, 'slice', `Im ${k + 1}/${n}`);
    this.text(refs.position, 'pos', `Pos ${slicePositionMm(entry.stack.geometry, k).toFixed(1)} mm`);
    const range = vp.getProperties().voiRange;
    if (range) {
      const { windowWidth, windowCenter } = utilities.windowLevel.toWindowLevel(range.lower, range.upper);
      const voi = formatVoi(windowWidth, windowCenter);
      this.attr('data-voi', voi);
      const [w, c] = voi.split(',');
      this.text(refs.voi, 'voi', `W ${w}  L ${c}`);
    }
    const failed = this.registry.loadedPixels(entry)?.failed.get(k);
    const failedText = failed ? `Slice ${k + 1} could not be read: ${failed}` : '';
    if (this.last.get('failed') !== failedText) refs.failed.title = failedText;
    this.text(refs.failed, 'failed', failedText);
    this.style(refs.scrollThumb, 'thumb', 'top', `${n > 1 ? (k / (n - 1)) * 100 : 0}%`);
    if (this.last.get('aria-valuenow') !== String(k + 1)) {
      this.last.set('aria-valuenow', String(k + 1));
      refs.scrollTrack.setAttribute('aria-valuenow', String(k + 1));
      refs.scrollTrack.setAttribute('aria-valuetext', `Image ${k + 1} of ${n}`);
    }
    if (this.scaleDirty) {
      this.scaleDirty = false;
      this.writeScaleBar(vp, entry);
    }
  }

  /** A camera change: the scale bar is redone only when the zoom (parallel scale) changed. */
  cameraChanged(parallelScale: number | undefined): void {
    if (parallelScale === this.lastParallelScale) return;
    this.lastParallelScale = parallelScale ?? NaN;
    this.scaleDirty = true;
  }

  private writeScaleBar(vp: Types.IStackViewport, entry: RegisteredStack): void {
    const g = entry.stack.geometry;
    const p0 = g.slicePositionsLps[0];
    const a = vp.worldToCanvas([...p0] as Types.Point3);
    const b = vp.worldToCanvas([...add(p0, scale(g.direction[0], 10))] as Types.Point3);
    const pxPerMm = Math.hypot(b[0] - a[0], b[1] - a[1]) / 10;
    const maxPx = this.widthPx() * 0.25;
    if (!(pxPerMm > 0) || !(maxPx > 0)) return;
    const mm = [...SCALE_STEPS_MM].reverse().find((s) => s * pxPerMm <= maxPx) ?? SCALE_STEPS_MM[0];
    this.style(this.dom.refs.scaleBar, 'scale', 'width', `${(mm * pxPerMm).toFixed(1)}px`);
    this.text(this.dom.refs.scaleLabel, 'scaleLabel', `${mm} mm`);
  }

  /** Set an attribute the controller owns outright (data-marker, data-render-path, ...). */
  set(name: string, value: string): void {
    this.attr(name, value);
  }

  /** The slice's level text (drawn by the level-label tool's pass) and its data-slice-level attribute. */
  writeSliceLevel(text: string): void {
    this.attr('data-slice-level', text);
    this.text(this.dom.refs.level, 'level', text);
  }

  /** Re-read the element's size (call from a ResizeObserver, when layout is fresh). */
  measure(): void {
    this.elementWidthPx = this.dom.element.clientWidth;
    this.scaleDirty = true;
  }

  private widthPx(): number {
    if (this.elementWidthPx < 0) this.measure();
    return this.elementWidthPx;
  }

  /** Forget cached values (after the region element was re-created). */
  reset(): void {
    this.last.clear();
  }
}
