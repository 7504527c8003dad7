/**
 * Generic bone and soft-tissue shapes in a local frame: rods (capsules with tapering radius), extruded
 * 2D capsules (laminae), elliptic rods (pedicles) and ellipsoids, with a cortical shell for bone.
 * Plain TypeScript; never imports electron or render code.
 */
import { boxOfLocal, type LocalFrame } from './geometry';
import { KEEP, type Primitive } from './primitive';
import { Tissue } from './tissues';

export const CORTEX_MM = 1.1;
type P3 = readonly [number, number, number];

/** Label of a bone voxel at depth `depthMm` below its surface. */
function bone(depthMm: number): number {
  return depthMm < CORTEX_MM ? Tissue.Cortex : Tissue.Marrow;
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
    sample(x: number, y: number, z: number): number {
      const dy = y - f.oy;
      const dz = z - f.oz;
      const u = x - f.ox - p0[0];
      const w = dy * f.wy + dz * f.wz - p0[1];
      const h = dy * f.hy + dz * f.hz - p0[2];
      let t = (u * du + w * dw + h * dh) / len2;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const eu = u - t * du;
      const ew = w - t * dw;
      const eh = h - t * dh;
      const r = r0 + (r1 - r0) * t;
      const d2 = eu * eu + ew * ew + eh * eh;
      if (d2 > r * r) return KEEP;
      return label ?? bone(r - Math.sqrt(d2));
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
    sample(x: number, y: number, z: number): number {
      const dy = y - f.oy;
      const dz = z - f.oz;
      const h = dy * f.hy + dz * f.hz;
      if (h < h0 || h > h1) return KEEP;
      const u = x - f.ox - u0;
      const w = dy * f.wy + dz * f.wz - w0;
      let t = (u * du + w * dw) / len2;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const eu = u - t * du;
      const ew = w - t * dw;
      const d2 = eu * eu + ew * ew;
      if (d2 > r * r) return KEEP;
      return bone(Math.min(r - Math.sqrt(d2), h - h0, h1 - h));
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
  return {
    name,
    box: boxOfLocal(f, uc - su, uc + su, w0, w1, hc - sh, hc + sh),
    sample(x: number, y: number, z: number): number {
      const dy = y - f.oy;
      const dz = z - f.oz;
      const w = dy * f.wy + dz * f.wz;
      if (w < w0 || w > w1) return KEEP;
      const u = (x - f.ox - uc) / su;
      const h = (dy * f.hy + dz * f.hz - hc) / sh;
      const r2 = u * u + h * h;
      if (r2 > 1) return KEEP;
      return bone((1 - Math.sqrt(r2)) * Math.min(su, sh));
    },
  };
}

/** Bone ellipsoid at c (u, w, h) with semi-axes s; `inner` may relabel interior points (joint lines). */
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
    sample(x: number, y: number, z: number): number {
      const dy = y - f.oy;
      const dz = z - f.oz;
      const u = x - f.ox - c[0];
      const w = dy * f.wy + dz * f.wz - c[1];
      const h = dy * f.hy + dz * f.hz - c[2];
      const r2 = (u * u) / (s[0] * s[0]) + (w * w) / (s[1] * s[1]) + (h * h) / (s[2] * s[2]);
      if (r2 > 1) return KEEP;
      const own = inner ? inner(u, w, h) : KEEP;
      if (own !== KEEP) return own;
      return label ?? bone((1 - Math.sqrt(r2)) * smin);
    },
  };
}
