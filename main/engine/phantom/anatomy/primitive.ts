/**
 * The shape primitive the rasteriser paints in order: a body-frame bounding box and a row painter.
 * Every frame's lateral axis is body +x, so most shapes reduce to spans along x per (y, z) row.
 * Plain TypeScript; never imports electron or render code.
 */
import type { Box } from './geometry';

/** One row of the label grid: voxels ix0..ix1 at x = x0 + ix * dx, fixed y and z (body mm). */
/** Returned by label callbacks that leave a voxel as it is. */
export const KEEP = -1;

export interface GridRow {
  labels: Uint8Array;
  /** Index of voxel ix = 0 of this row in `labels`. */
  base: number;
  ix0: number;
  ix1: number;
  x0: number;
  dx: number;
  y: number;
  z: number;
}

export interface Primitive {
  /** For debugging and profiling. */
  readonly name: string;
  /** Only rows crossing this body-frame box are offered to {@link Primitive.paintRow}. */
  readonly box: Box;
  /** Paint this primitive's tissue labels over the row (later primitives overwrite earlier ones). */
  paintRow(row: GridRow): void;
}

/** First voxel index of the row with x >= xa mm (clamped to the row; the span is empty past spanLast). */
export function spanFirst(row: GridRow, xa: number): number {
  return Math.max(row.ix0, Math.ceil((xa - row.x0) / row.dx));
}

/** Last voxel index of the row with x <= xb mm (clamped to the row). */
export function spanLast(row: GridRow, xb: number): number {
  return Math.min(row.ix1, Math.floor((xb - row.x0) / row.dx));
}

/** Paint `label` over the voxels of the row whose x lies in [xa, xb]. */
export function fillSpan(row: GridRow, xa: number, xb: number, label: number): void {
  const i0 = spanFirst(row, xa);
  const i1 = spanLast(row, xb);
  if (i0 <= i1) row.labels.fill(label, row.base + i0, row.base + i1 + 1);
}
