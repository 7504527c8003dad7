/**
 * Neural foramina and spinal nerve roots: the fat-filled inverted teardrop between the pedicles (fat
 * lost with narrowing, the rest taken by disc and capsule), each root's path from the sac through the
 * lateral recess and out of the foramen below its pedicle, and the dorsal root ganglion.
 * Plain TypeScript; never imports electron or render code.
 */
import { boxOfLocal, frameAt, toBody } from './geometry';
import type { DiscPlan, ForamenPlan, SideName } from './levelPlan';
import { SIDE_SIGN } from './levelPlan';
import {
  fillSpan as fillSpanOf,
  spanFirst as firstOf,
  spanLast as lastOf,
  type GridRow,
  type Primitive,
} from './primitive';
import { ellipsoid, rod } from './shapes';
import type { VertebraLayout } from './spineLayout';
import { Tissue as TissueLabels } from './tissues';

/** Local aliases: module-namespace getters (as emitted by esbuild/tsx) are slow in per-voxel loops. */
const Tissue = TissueLabels;
const fillSpan = fillSpanOf;
const spanFirst = firstOf;
const spanLast = lastOf;

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

/** How much the foramen's (w, h) outline grows from the pedicle to its lateral exit (v6: a funnel, not a slab). */
const FUNNEL = 0.65;

/**
 * Foramen contents on one side: fat where it remains, disc (front) or capsule and flavum (back) where narrowed.
 * v6: lateral to the pedicle the outline widens toward the exit (scaled about the root's circle by up to
 * 1 + FUNNEL), and its lateral end is ragged where the foraminal fat runs into the paravertebral fat, so on an
 * axial slice it is a funnel of fat round the root, not a straight bar; medial to the pedicle (and on the
 * parasagittal slice through it, where the NFN point lies) it is v5's teardrop.
 */
export function foramenPrimitive(plan: DiscPlan, side: SideName): Primitive {
  const f = plan.disc.frame;
  const fp: ForamenPlan = plan.foramen[side];
  const s = SIDE_SIGN[side];
  const uLo = Math.min(s * fp.uInMm, s * fp.uOutMm);
  const uHi = Math.max(s * fp.uInMm, s * fp.uOutMm);
  const r = fp.top.r;
  const grow = FUNNEL * (fp.top.w - fp.bottom.w + r + fp.top.h - fp.bottom.h);
  const uPed = fp.uMm;
  const span = Math.max(1, fp.uOutMm - uPed);
  return {
    name: `foramen ${plan.disc.name} ${side}`,
    box: boxOfLocal(
      f,
      uLo,
      uHi,
      fp.bottom.w - r - grow,
      fp.top.w + r + grow,
      fp.bottom.h - r - grow,
      fp.top.h + r + grow,
    ),
    paintRow(row: GridRow): void {
      const dy = row.y - f.oy;
      const dz = row.z - f.oz;
      const w = dy * f.wy + dz * f.wz;
      const h = dy * f.hy + dz * f.hz;
      const x0 = f.ox + uLo;
      const x1 = f.ox + uHi;
      if (inTeardrop(w, h, fp.top, fp.bottom)) {
        let label: number = w < fp.top.w - 0.5 ? Tissue.Annulus : Tissue.Flavum;
        if (inTeardrop(w, h, fp.fatTop, fp.fatBottom)) label = Tissue.Fat;
        // Medial to the funnel (and the pedicle's section): v5's teardrop over the whole span.
        fillSpan(row, x0, x1, label);
      }
      // The funnel: lateral of the pedicle, the outline scaled about the root's circle; pixel by pixel in u.
      const ragged = 1.6 * Math.sin(w * 0.9 + h * 0.55) + 0.8 * Math.sin(h * 1.7 - w * 0.4);
      const uEnd = fp.uOutMm + ragged;
      const i0 = spanFirst(row, s > 0 ? f.ox + uPed : f.ox - uEnd);
      const i1 = spanLast(row, s > 0 ? f.ox + uEnd : f.ox - uPed);
      for (let i = i0; i <= i1; i++) {
        const au = s * (row.x0 + i * row.dx - f.ox);
        const t = (au - uPed) / span;
        const k = 1 + FUNNEL * (t < 1 ? t * t : 1);
        const ws = fp.top.w + (w - fp.top.w) / k;
        const hs = fp.top.h + (h - fp.top.h) / k;
        if (!inTeardrop(ws, hs, fp.top, fp.bottom)) continue;
        row.labels[row.base + i] = inTeardrop(ws, hs, fp.fatTop, fp.fatBottom)
          ? Tissue.Fat
          : ws < fp.top.w - 0.5
            ? Tissue.Annulus
            : Tissue.Flavum;
      }
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
