/**
 * Vertebral body primitive: elliptic outline with a flat posterior wall and a slight waist, bounded by
 * its two (wedged) endplate planes with a central concavity; cortical rim around fatty marrow.
 * Plain TypeScript; never imports electron or render code.
 */
import { boxOfLocal } from './geometry';
import { spanFirst as firstOf, spanLast as lastOf, type GridRow, type Primitive } from './primitive';
import type { EndplateFinding, MarrowFindings } from './marrowFindings';
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

/** Schmorl node or Modic band at depth d below one endplate, or -1. */
function endplateLabel(ep: EndplateFinding, u: number, w: number, d: number): number {
  const sn = ep.schmorl;
  if (sn) {
    const r2 = (u - sn.u) ** 2 + (w - sn.w) ** 2 + d * d;
    if (r2 < sn.r * sn.r) return r2 > (sn.r - 1) ** 2 ? Tissue.Cortex : Tissue.NucleusDegen;
  }
  if (ep.modic && d < ep.modic.depthMm * (1 - (0.3 * Math.abs(u)) / 20)) {
    return ep.modic.type === 1 ? Tissue.Modic1 : Tissue.Modic2;
  }
  return -1;
}

/** Marrow label at (u, w) with depths below the upper / lower endplates: Modic bands, Schmorl nodes, haemangioma. */
function marrowLabel(
  fd: MarrowFindings,
  u: number,
  w: number,
  h: number,
  dTop: number,
  dBot: number,
): number {
  const hm = fd.haemangioma;
  if (hm && (u - hm.u) ** 2 + (w - hm.w) ** 2 + (h - hm.h) ** 2 < hm.r * hm.r) return Tissue.Haemangioma;
  const up = endplateLabel(fd.upper, u, w, dTop);
  if (up >= 0) return up;
  const lo = endplateLabel(fd.lower, u, w, dBot);
  if (lo >= 0) return lo;
  return Tissue.Marrow;
}

/** Osteophyte growth factor of the outline at normalised height hn (rim lips at both endplates). */
function osteophyteGrow(fd: MarrowFindings | undefined, hn: number, halfWidthMm: number): number {
  if (!fd) return 1;
  const t = (Math.abs(hn) - 0.7) / 0.3;
  if (t <= 0) return 1;
  const mm = hn > 0 ? fd.upper.osteophyteMm : fd.lower.osteophyteMm;
  return 1 + (mm * t * t) / halfWidthMm;
}

export function vertebralBody(v: VertebraLayout): Primitive {
  const f = v.frame;
  const halfH = v.heightMm / 2;
  const fd = v.findings;
  const grow = fd ? Math.max(fd.upper.osteophyteMm, fd.lower.osteophyteMm) : 0;
  return {
    name: `body ${v.name}`,
    box: boxOfLocal(
      f,
      -v.halfWidthMm - grow,
      v.halfWidthMm + grow,
      -v.ellipseMm - grow,
      v.wPostMm,
      -halfH - 4,
      halfH + 4,
    ),
    paintRow(row: GridRow): void {
      const dy = row.y - f.oy;
      const dz = row.z - f.oz;
      const w = dy * f.wy + dz * f.wz;
      if (w > v.wPostMm) return;
      const dTop = -above(v.upper, row.y, row.z);
      const dBot = above(v.lower, row.y, row.z);
      if (dTop < 0 || dBot < 0) return;
      const hn = (dy * f.hy + dz * f.hz) / halfH;
      const waist = (1 - 0.05 * (1 - Math.min(1, hn * hn))) * osteophyteGrow(fd, hn, v.halfWidthMm);
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
        row.labels[row.base + i] = cortex
          ? Tissue.Cortex
          : fd
            ? marrowLabel(fd, u, w, dy * f.hy + dz * f.hz, dTop - conc, dBot - conc)
            : Tissue.Marrow;
      }
    },
  };
}
