/**
 * Vertebral body primitive: elliptic outline with a flat posterior wall and a slight waist, bounded by
 * its two (wedged) endplate planes with a central concavity; cortical rim around fatty marrow.
 * Plain TypeScript; never imports electron or render code.
 */
import { boxOfLocal } from './geometry';
import { KEEP, type Primitive } from './primitive';
import type { EndplatePlane, VertebraLayout } from './spineLayout';
import { Tissue } from './tissues';

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
  const box = boxOfLocal(f, -v.halfWidthMm, v.halfWidthMm, -v.ellipseMm, v.wPostMm, -halfH - 4, halfH + 4);
  return {
    name: `body ${v.name}`,
    box,
    sample(x: number, y: number, z: number): number {
      const dy = y - f.oy;
      const dz = z - f.oz;
      const u = x - f.ox;
      const w = dy * f.wy + dz * f.wz;
      if (w > v.wPostMm) return KEEP;
      const h = dy * f.hy + dz * f.hz;
      const hn = h / halfH;
      const waist = 1 - 0.05 * (1 - Math.min(1, hn * hn));
      const a = v.halfWidthMm * waist;
      const b = v.ellipseMm * waist;
      const r2 = (u * u) / (a * a) + (w * w) / (b * b);
      if (r2 > 1) return KEEP;
      const conc = ENDPLATE_CONCAVITY_MM * (1 - r2);
      const dTop = -above(v.upper, y, z);
      const dBot = above(v.lower, y, z);
      if (dTop < conc || dBot < conc) return KEEP;
      const ai = a - CORTEX_MM;
      const bi = b - CORTEX_MM;
      const inner = (u * u) / (ai * ai) + (w * w) / (bi * bi);
      if (inner > 1 || w > v.wPostMm - CORTEX_MM) return Tissue.Cortex;
      if (dTop < conc + ENDPLATE_MM || dBot < conc + ENDPLATE_MM) return Tissue.Cortex;
      return Tissue.Marrow;
    },
  };
}
