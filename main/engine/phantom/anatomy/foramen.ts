/**
 * Neural foramina and spinal nerve roots: the fat-filled inverted teardrop between the pedicles (fat
 * lost with narrowing, the rest taken by disc and capsule), each root's path from the sac through the
 * lateral recess and out of the foramen below its pedicle, and the dorsal root ganglion.
 * Plain TypeScript; never imports electron or render code.
 */
import { boxOfLocal, frameAt, toBody } from './geometry';
import type { DiscPlan, ForamenPlan, SideName } from './levelPlan';
import { SIDE_SIGN } from './levelPlan';
import { fillSpan as fillSpanOf, type GridRow, type Primitive } from './primitive';
import { ellipsoid, rod } from './shapes';
import type { VertebraLayout } from './spineLayout';
import { Tissue as TissueLabels } from './tissues';

/** Local aliases: module-namespace getters (as emitted by esbuild/tsx) are slow in per-voxel loops. */
const Tissue = TissueLabels;
const fillSpan = fillSpanOf;

type Circle = { w: number; h: number; r: number };

/** Inside the convex hull of two circles in (w, h) (a tapered 2D capsule)? */
function inTeardrop(w: number, h: number, top: Circle, bottom: Circle): boolean {
  const dw = bottom.w - top.w;
  const dh = bottom.h - top.h;
  const len2 = dw * dw + dh * dh;
  let t = len2 > 0 ? ((w - top.w) * dw + (h - top.h) * dh) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ew = w - top.w - t * dw;
  const eh = h - top.h - t * dh;
  const r = top.r + (bottom.r - top.r) * t;
  return ew * ew + eh * eh <= r * r;
}

/** Foramen contents on one side: fat where it remains, disc (front) or capsule (back) where narrowed. */
export function foramenPrimitive(plan: DiscPlan, side: SideName): Primitive {
  const f = plan.disc.frame;
  const fp: ForamenPlan = plan.foramen[side];
  const s = SIDE_SIGN[side];
  const uLo = Math.min(s * fp.uInMm, s * fp.uOutMm);
  const uHi = Math.max(s * fp.uInMm, s * fp.uOutMm);
  const r = fp.top.r;
  return {
    name: `foramen ${plan.disc.name} ${side}`,
    box: boxOfLocal(f, uLo, uHi, fp.bottom.w - r, fp.top.w + r, fp.bottom.h - r, fp.top.h + r),
    paintRow(row: GridRow): void {
      const dy = row.y - f.oy;
      const dz = row.z - f.oz;
      const w = dy * f.wy + dz * f.wz;
      const h = dy * f.hy + dz * f.hz;
      if (!inTeardrop(w, h, fp.top, fp.bottom)) return;
      let label: number = w < fp.top.w - 0.5 ? Tissue.Annulus : Tissue.Ligament;
      if (inTeardrop(w, h, fp.fatTop, fp.fatBottom)) label = Tissue.Fat;
      fillSpan(row, f.ox + uLo, f.ox + uHi, label);
    },
  };
}

/** Body-frame centre of the dorsal root ganglion in the foramen (the NFN annotation point). */
export function foramenPoint(plan: DiscPlan, side: SideName): [number, number, number] {
  const fp = plan.foramen[side];
  return toBody(plan.disc.frame, SIDE_SIGN[side] * fp.uMm, fp.top.w, fp.top.h);
}

/** Body-frame centre of the traversing root in the lateral recess at the disc (the SS point). */
export function recessPoint(plan: DiscPlan, side: SideName): [number, number, number] {
  const rp = plan.recess[side];
  return toBody(plan.disc.frame, SIDE_SIGN[side] * rp.uMm, rp.wMm, 0);
}

/**
 * One spinal nerve (root of vertebra `v`) on one side: from the sac above its recess disc `above`,
 * down through that recess, medial to its pedicle, out through the foramen of disc `below`.
 */
export function nerveRoot(
  v: VertebraLayout,
  above: DiscPlan,
  below: DiscPlan | null,
  side: SideName,
): Primitive[] {
  const s = SIDE_SIGN[side];
  const body = frameAt(0, 0, 0, 0);
  const rp = above.recess[side];
  const start = toBody(
    above.disc.frame,
    s * (above.sac.aMm - 1.2),
    above.sac.cMm,
    above.disc.heightMm / 2 + 5,
  );
  const recess = recessPoint(above, side);
  const ped = v.pedicle;
  const medial = toBody(v.frame, s * (ped.uMm - ped.halfWidthMm - 2.2), v.wPostMm + 3.2, ped.hMm - 2);
  const out: Primitive[] = [];
  const r = rp.rootRadiusMm;
  out.push(rod(`root ${v.name} ${side} a`, body, start, recess, 1.2, r, Tissue.Neural));
  out.push(rod(`root ${v.name} ${side} b`, body, recess, medial, r, 1.6, Tissue.Neural));
  if (!below) {
    const exit = toBody(v.frame, s * (ped.uMm + 4), v.wPostMm - 6, -v.heightMm / 2 + 2);
    out.push(rod(`root ${v.name} ${side} c`, body, medial, exit, 1.6, 2, Tissue.Neural));
    return out;
  }
  const fp = below.foramen[side];
  const drg = foramenPoint(below, side);
  const lateral = toBody(below.disc.frame, s * (fp.uOutMm + 12), fp.top.w - 9, fp.top.h - 10);
  const far = toBody(below.disc.frame, s * (fp.uOutMm + 30), fp.top.w - 16, fp.top.h - 30);
  out.push(rod(`root ${v.name} ${side} c`, body, medial, drg, 1.6, 2, Tissue.Neural));
  out.push(rod(`root ${v.name} ${side} d`, body, drg, lateral, 2, 2.4, Tissue.Neural));
  out.push(rod(`root ${v.name} ${side} e`, body, lateral, far, 2.4, 2.6, Tissue.Neural));
  out.push(
    ellipsoid(
      `drg ${v.name} ${side}`,
      below.disc.frame,
      [s * fp.uMm, fp.top.w, fp.top.h],
      fp.drgSemiMm,
      Tissue.Neural,
    ),
  );
  return out;
}
