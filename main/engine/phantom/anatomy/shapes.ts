/**
 * Generic bone and soft-tissue shapes in a local frame: rods (capsules with tapering radius), extruded
 * 2D capsules (laminae), elliptic rods (pedicles) and ellipsoids, with a cortical shell for bone.
 * Plain TypeScript; never imports electron or render code.
 */
import { boxOfLocal, type LocalFrame } from './geometry';
import {
  KEEP as KEEP_LABEL,
  spanFirst as firstOf,
  spanLast as lastOf,
  type GridRow,
  type Primitive,
} from './primitive';
import { Tissue as TissueLabels } from './tissues';

/** Local aliases: module-namespace getters (as emitted by esbuild/tsx) are slow in per-voxel loops. */
const Tissue = TissueLabels;
const KEEP = KEEP_LABEL;
const spanFirst = firstOf;
const spanLast = lastOf;

export const CORTEX_MM = 1.1;
type P3 = readonly [number, number, number];

/** Label of a bone voxel at depth `depthMm` below its surface. */
function bone(depthMm: number): number {
  return depthMm < CORTEX_MM ? Tissue.Cortex : Tissue.Marrow;
}

/** Local w of a row in frame f. */
function rowW(f: LocalFrame, row: GridRow): number {
  return (row.y - f.oy) * f.wy + (row.z - f.oz) * f.wz;
}

/** Local h of a row in frame f. */
function rowH(f: LocalFrame, row: GridRow): number {
  return (row.y - f.oy) * f.hy + (row.z - f.oz) * f.hz;
}

/** 3D capsule from p0 to p1 (local u, w, h) with radius r0 -> r1; `label` or bone when label is null. */
export function rod(
  name: string,
  f: LocalFrame,
  p0: P3,
  p1: P3,
  r0: number,
  r1: number,
  label: number | null,
): Primitive {
  const du = p1[0] - p0[0];
  const dw = p1[1] - p0[1];
  const dh = p1[2] - p0[2];
  const len2 = du * du + dw * dw + dh * dh;
  const a2 = dw * dw + dh * dh;
  const rm = Math.max(r0, r1);
  return {
    name,
    box: boxOfLocal(
      f,
      Math.min(p0[0], p1[0]) - rm,
      Math.max(p0[0], p1[0]) + rm,
      Math.min(p0[1], p1[1]) - rm,
      Math.max(p0[1], p1[1]) + rm,
      Math.min(p0[2], p1[2]) - rm,
      Math.max(p0[2], p1[2]) + rm,
    ),
    paintRow(row: GridRow): void {
      const w = rowW(f, row) - p0[1];
      const h = rowH(f, row) - p0[2];
      let ta = 0;
      let tb = 1;
      if (a2 > 1e-9) {
        const b = w * dw + h * dh;
        const disc = b * b - a2 * (w * w + h * h - rm * rm);
        if (disc < 0) return;
        const sq = Math.sqrt(disc);
        ta = Math.max(0, (b - sq) / a2);
        tb = Math.min(1, (b + sq) / a2);
        if (ta > tb) return;
      } else if (w * w + h * h > rm * rm) return;
      const ua = f.ox + p0[0] + Math.min(ta * du, tb * du) - rm;
      const ub = f.ox + p0[0] + Math.max(ta * du, tb * du) + rm;
      const i0 = spanFirst(row, ua);
      const i1 = spanLast(row, ub);
      const wh = w * dw + h * dh;
      const wh2 = w * w + h * h;
      for (let i = i0; i <= i1; i++) {
        const u = row.x0 + i * row.dx - f.ox - p0[0];
        let t = (u * du + wh) / len2;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const d2 = u * u + wh2 - 2 * t * (u * du + wh) + t * t * len2;
        const r = r0 + (r1 - r0) * t;
        if (d2 > r * r) continue;
        row.labels[row.base + i] = label ?? bone(r - Math.sqrt(d2));
      }
    },
  };
}

/** Bone plate: a 2D capsule in (u, w) from (u0, w0) to (u1, w1), radius r, extruded over h0..h1. */
export function plate(
  name: string,
  f: LocalFrame,
  seg: readonly [number, number, number, number],
  r: number,
  h0: number,
  h1: number,
): Primitive {
  const [u0, w0, u1, w1] = seg;
  const du = u1 - u0;
  const dw = w1 - w0;
  const len2 = du * du + dw * dw;
  return {
    name,
    box: boxOfLocal(
      f,
      Math.min(u0, u1) - r,
      Math.max(u0, u1) + r,
      Math.min(w0, w1) - r,
      Math.max(w0, w1) + r,
      h0,
      h1,
    ),
    paintRow(row: GridRow): void {
      const h = rowH(f, row);
      if (h < h0 || h > h1) return;
      const w = rowW(f, row) - w0;
      const hDepth = Math.min(h - h0, h1 - h);
      for (let i = row.ix0; i <= row.ix1; i++) {
        const u = row.x0 + i * row.dx - f.ox - u0;
        let t = (u * du + w * dw) / len2;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const eu = u - t * du;
        const ew = w - t * dw;
        const d2 = eu * eu + ew * ew;
        if (d2 > r * r) continue;
        row.labels[row.base + i] = bone(Math.min(r - Math.sqrt(d2), hDepth));
      }
    },
  };
}

/** Elliptic bone rod along w (a pedicle): centre (u, h), semi-axes (su, sh), from w0 to w1. */
export function ellipticRod(
  name: string,
  f: LocalFrame,
  uc: number,
  hc: number,
  su: number,
  sh: number,
  w0: number,
  w1: number,
): Primitive {
  const smin = Math.min(su, sh);
  return {
    name,
    box: boxOfLocal(f, uc - su, uc + su, w0, w1, hc - sh, hc + sh),
    paintRow(row: GridRow): void {
      const w = rowW(f, row);
      if (w < w0 || w > w1) return;
      const h = (rowH(f, row) - hc) / sh;
      if (h * h >= 1) return;
      const xr = su * Math.sqrt(1 - h * h);
      const i1 = spanLast(row, f.ox + uc + xr);
      for (let i = spanFirst(row, f.ox + uc - xr); i <= i1; i++) {
        const u = (row.x0 + i * row.dx - f.ox - uc) / su;
        row.labels[row.base + i] = bone((1 - Math.sqrt(u * u + h * h)) * smin);
      }
    },
  };
}

/** Ellipsoid at c (u, w, h) with semi-axes s: `label`, or bone; `inner` may relabel points (joint lines). */
export function ellipsoid(
  name: string,
  f: LocalFrame,
  c: P3,
  s: P3,
  label: number | null,
  inner?: (u: number, w: number, h: number) => number,
): Primitive {
  const smin = Math.min(s[0], s[1], s[2]);
  return {
    name,
    box: boxOfLocal(f, c[0] - s[0], c[0] + s[0], c[1] - s[1], c[1] + s[1], c[2] - s[2], c[2] + s[2]),
    paintRow(row: GridRow): void {
      const w = rowW(f, row) - c[1];
      const h = rowH(f, row) - c[2];
      const rest = (w * w) / (s[1] * s[1]) + (h * h) / (s[2] * s[2]);
      if (rest >= 1) return;
      const xr = s[0] * Math.sqrt(1 - rest);
      const i1 = spanLast(row, f.ox + c[0] + xr);
      for (let i = spanFirst(row, f.ox + c[0] - xr); i <= i1; i++) {
        const u = row.x0 + i * row.dx - f.ox - c[0];
        const own = inner ? inner(u, w, h) : KEEP;
        if (own !== KEEP) row.labels[row.base + i] = own;
        else row.labels[row.base + i] = label ?? bone((1 - Math.sqrt((u * u) / (s[0] * s[0]) + rest)) * smin);
      }
    },
  };
}
