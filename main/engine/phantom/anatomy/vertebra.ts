/**
 * Vertebral body primitive: elliptic outline with a flat posterior wall and a slight waist, bounded by
 * its two (wedged) endplate planes with a central concavity; cortical rim around fatty marrow.
 * Plain TypeScript; never imports electron or render code.
 */
import { boxOfLocal } from './geometry';
import { spanFirst as firstOf, spanLast as lastOf, type GridRow, type Primitive } from './primitive';
import type { EndplatePlane, VertebraLayout } from './spineLayout';
import { Tissue as TissueLabels } from './tissues';

/** Local aliases: module-namespace getters (as emitted by esbuild/tsx) are slow in per-voxel loops. */
const Tissue = TissueLabels;
const spanFirst = firstOf;
const spanLast = lastOf;

const CORTEX_MM = 1.3;
const ENDPLATE_MM = 1.0;
/** Depth of the endplate's central concavity (the disc fills it). */
export const ENDPLATE_CONCAVITY_MM = 1.2;

/** Signed distance of (y, z) above a plane along its normal. */
export function above(p: EndplatePlane, y: number, z: number): number {
  return (y - p.py) * p.ny + (z - p.pz) * p.nz;
}

export function vertebralBody(v: VertebraLayout): Primitive {
  const f = v.frame;
  const halfH = v.heightMm / 2;
  return {
    name: `body ${v.name}`,
    box: boxOfLocal(f, -v.halfWidthMm, v.halfWidthMm, -v.ellipseMm, v.wPostMm, -halfH - 4, halfH + 4),
    paintRow(row: GridRow): void {
      const dy = row.y - f.oy;
      const dz = row.z - f.oz;
      const w = dy * f.wy + dz * f.wz;
      if (w > v.wPostMm) return;
      const dTop = -above(v.upper, row.y, row.z);
      const dBot = above(v.lower, row.y, row.z);
      if (dTop < 0 || dBot < 0) return;
      const hn = (dy * f.hy + dz * f.hz) / halfH;
      const waist = 1 - 0.05 * (1 - Math.min(1, hn * hn));
      const a = v.halfWidthMm * waist;
      const b = v.ellipseMm * waist;
      const wb = (w * w) / (b * b);
      if (wb >= 1) return;
      const xr = a * Math.sqrt(1 - wb);
      const i0 = spanFirst(row, f.ox - xr);
      const i1 = spanLast(row, f.ox + xr);
      const ai = a - CORTEX_MM;
      const bi = b - CORTEX_MM;
      const wbi = (w * w) / (bi * bi);
      const rimW = w > v.wPostMm - CORTEX_MM;
      for (let i = i0; i <= i1; i++) {
        const u = row.x0 + i * row.dx - f.ox;
        const r2 = (u * u) / (a * a) + wb;
        const conc = ENDPLATE_CONCAVITY_MM * (1 - r2);
        if (dTop < conc || dBot < conc) continue;
        const inner = (u * u) / (ai * ai) + wbi;
        const cortex = inner > 1 || rimW || dTop < conc + ENDPLATE_MM || dBot < conc + ENDPLATE_MM;
        row.labels[row.base + i] = cortex ? Tissue.Cortex : Tissue.Marrow;
      }
    },
  };
}
