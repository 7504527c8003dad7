/**
 * Vertebral body primitive: a kidney-shaped axial outline (elliptic front, rounded posterolateral corners, a
 * posterior wall concave in the middle) with a slight waist, bounded by its two (wedged) endplate planes with a
 * central concavity and rounded rims; a thin cortical shell around fatty marrow.
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

/**
 * Cortical shell of the body (side walls and endplates alike): real cortex is a thin dark rim (~0.5-1 mm); 0.9 mm
 * is about one voxel of the 0.8 mm label grid, the thinnest shell it draws without gaps.
 */
export const BODY_CORTEX_MM = 0.9;
/** Depth of the posterior wall's concavity at mid-height (mm) and its half-width as a fraction of the body's. */
const POSTERIOR_CONCAVITY_MM = 1.6;
const POSTERIOR_CONCAVE_HALF_WIDTH = 0.55;
/** Radius of the rounded posterolateral corners (axial) and of the endplate rims (sagittal, coronal). */
const POSTEROLATERAL_CORNER_MM = 2;
const ENDPLATE_CORNER_MM = 1.6;
/** Depth beyond which a voxel is marrow whatever the rounding: the larger corner radius plus the cortex. */
const DEEP_MM = POSTEROLATERAL_CORNER_MM + BODY_CORTEX_MM + 0.1;
/**
 * Basivertebral vein: a channel from the middle of the posterior wall into the body at mid-height (through a
 * gap in the cortex), 6.5 mm deep, 4.8 mm tall and 4.4 mm wide at the wall, narrowing anteriorly to 55 %.
 */
const BV_DEPTH_MM = 6.5;
const BV_HALF_H_MM = 2.4;
const BV_HALF_U_MM = 2.2;
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

/**
 * Signed distance (mm, < 0 inside) of the intersection of two shapes with signed distances e and p, its edge
 * rounded with radius r (the usual rounded-intersection formula: exact where both distances are exact).
 */
export function roundedIntersection(e: number, p: number, r: number): number {
  const ex = e + r > 0 ? e + r : 0;
  const px = p + r > 0 ? p + r : 0;
  const m = (e > p ? e : p) + r;
  return (m < 0 ? m : 0) + Math.sqrt(ex * ex + px * px) - r;
}

/**
 * Approximate signed distance (mm) of (u, w) to the ellipse u^2/a^2 + w^2/b^2 = 1 given q^2 (first-order:
 * (q - 1) / |grad q|, exact on the outline, good within a few mm of it).
 */
function ellipseDistance(u: number, w: number, a: number, b: number, q2: number): number {
  const q = Math.sqrt(q2);
  const g = Math.sqrt((u * u) / (a * a * a * a) + (w * w) / (b * b * b * b));
  return g > 1e-9 ? ((q - 1) * q) / g : -Math.min(a, b);
}

/**
 * The body's outline in an axial section: kidney/bean shaped: the elliptic anterior and lateral walls, a
 * posterior wall that is flat laterally and concave in the middle (the basivertebral vein enters there), and
 * posterolateral corners rounded. Signed distance (mm) at (u, w) for semi-axes (a, b) and the wall at wPost.
 */
function axialOutline(u: number, w: number, a: number, b: number, wPost: number, concMm: number): number {
  const q2 = (u * u) / (a * a) + (w * w) / (b * b);
  const e = ellipseDistance(u, w, a, b, q2);
  const uc = POSTERIOR_CONCAVE_HALF_WIDTH * a;
  const t = 1 - (u * u) / (uc * uc);
  const p = w - (wPost - (t > 0 ? concMm * t * t : 0));
  return roundedIntersection(e, p, POSTEROLATERAL_CORNER_MM);
}

export function vertebralBody(v: VertebraLayout): Primitive {
  const f = v.frame;
  const halfH = v.heightMm / 2;
  const fd = v.findings;
  const grow = fd ? Math.max(fd.upper.osteophyteMm, fd.lower.osteophyteMm) : 0;
  const wPost = v.wPostMm;
  return {
    name: `body ${v.name}`,
    box: boxOfLocal(
      f,
      -v.halfWidthMm - grow,
      v.halfWidthMm + grow,
      -v.ellipseMm - grow,
      wPost,
      -halfH - 4,
      halfH + 4,
    ),
    paintRow(row: GridRow): void {
      const dy = row.y - f.oy;
      const dz = row.z - f.oz;
      const w = dy * f.wy + dz * f.wz;
      if (w > wPost) return;
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
      // The posterior concavity is deepest at mid-height and fades toward the endplates (ring apophyses).
      const concMm = POSTERIOR_CONCAVITY_MM * (1 - hn * hn * hn * hn);
      // Deep inside (every distance beyond the rounding radii plus the cortex): marrow without the outline's
      // distances. The ellipse scaled by q lies (1 - q) * min(a, b) or more inside the outline.
      const deepQ = 1 - DEEP_MM / Math.min(a, b);
      const deepR2 = deepQ > 0 ? deepQ * deepQ : -1;
      const rowDeep = w < wPost - concMm - DEEP_MM;
      const h = dy * f.hy + dz * f.hz;
      // Depth in front of the posterior wall's deepest point; rows through the basivertebral channel.
      const dv = wPost - concMm - w;
      const taper = 1 - (0.45 * dv) / BV_DEPTH_MM;
      const veinU =
        v.kind !== 'sacral' && dv > -0.2 && dv < BV_DEPTH_MM && h * h < (BV_HALF_H_MM * taper) ** 2
          ? BV_HALF_U_MM * taper
          : 0;
      for (let i = i0; i <= i1; i++) {
        const u = row.x0 + i * row.dx - f.ox;
        const r2 = (u * u) / (a * a) + wb;
        const conc = ENDPLATE_CONCAVITY_MM * (1 - r2);
        if (dTop < conc || dBot < conc) continue;
        if (u < veinU && u > -veinU) {
          row.labels[row.base + i] = Tissue.BasivertebralVein;
          continue;
        }
        const dEnd = (dTop < dBot ? dTop : dBot) - conc;
        if (rowDeep && r2 < deepR2 && dEnd > DEEP_MM) {
          row.labels[row.base + i] = fd ? marrowLabel(fd, u, w, h, dTop - conc, dBot - conc) : Tissue.Marrow;
          continue;
        }
        const outline = axialOutline(u, w, a, b, wPost, concMm);
        const d = roundedIntersection(outline, -dEnd, ENDPLATE_CORNER_MM);
        if (d >= 0) {
          // Behind the concave posterior wall: epidural fat and the anterior venous plexus, not bone.
          if (w > wPost - concMm && outline > 0 && u * u < (POSTERIOR_CONCAVE_HALF_WIDTH * a) ** 2) {
            row.labels[row.base + i] = Tissue.Fat;
          }
          continue;
        }
        row.labels[row.base + i] =
          d > -BODY_CORTEX_MM
            ? Tissue.Cortex
            : fd
              ? marrowLabel(fd, u, w, h, dTop - conc, dBot - conc)
              : Tissue.Marrow;
      }
    },
  };
}
