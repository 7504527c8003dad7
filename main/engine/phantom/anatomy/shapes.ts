/**
 * Generic bone and soft-tissue shapes in a local frame: rods (capsules with tapering radius) and ellipsoids,
 * with a cortical shell for bone (laminae and pedicles have their own shapes in posteriorElements.ts).
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

/** Cortical shell of the posterior elements and other bone shapes (a thin dark rim, about one voxel). */
export const CORTEX_MM = 1.0;
type P3 = readonly [number, number, number];

/**
 * Label of a bone voxel at depth `depthMm` below its surface, painted over `prev`: the shell is cortex, except
 * over marrow an earlier bone shape painted. Parts of one bone (body, pedicle, lamina, processes) then merge into
 * one marrow space with cortex only on the outside, instead of each part keeping its own outline.
 */
export function bone(depthMm: number, prev: number): number {
  return depthMm < CORTEX_MM && prev !== Tissue.Marrow ? Tissue.Cortex : Tissue.Marrow;
}

/** Local w of a row in frame f. */
export function rowW(f: LocalFrame, row: GridRow): number {
  return (row.y - f.oy) * f.wy + (row.z - f.oz) * f.wz;
}

/** Local h of a row in frame f. */
export function rowH(f: LocalFrame, row: GridRow): number {
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
        row.labels[row.base + i] = label ?? bone(r - Math.sqrt(d2), row.labels[row.base + i]);
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
  const i0 = 1 / (s[0] * s[0]);
  const i1s = 1 / (s[1] * s[1]);
  const i2s = 1 / (s[2] * s[2]);
  return {
    name,
    box: boxOfLocal(f, c[0] - s[0], c[0] + s[0], c[1] - s[1], c[1] + s[1], c[2] - s[2], c[2] + s[2]),
    paintRow(row: GridRow): void {
      const w = rowW(f, row) - c[1];
      const h = rowH(f, row) - c[2];
      const rest = w * w * i1s + h * h * i2s;
      if (rest >= 1) return;
      const restGrad = w * w * i1s * i1s + h * h * i2s * i2s;
      const xr = s[0] * Math.sqrt(1 - rest);
      const i1 = spanLast(row, f.ox + c[0] + xr);
      for (let i = spanFirst(row, f.ox + c[0] - xr); i <= i1; i++) {
        const u = row.x0 + i * row.dx - f.ox - c[0];
        const own = inner ? inner(u, w, h) : KEEP;
        if (own !== KEEP) row.labels[row.base + i] = own;
        else if (label !== null) row.labels[row.base + i] = label;
        else {
          // Depth below the surface: first-order distance (1 - q) / |grad q| (exact on the surface, good over
          // the cortex's millimetre), so the shell is as thin along the long axes as along the short one (v4's
          // (1 - sqrt q) * smin drew it s / smin times thicker there: dark rings round the facets).
          const q = u * u * i0 + rest;
          const g = 2 * Math.sqrt(u * u * i0 * i0 + restGrad);
          const depth = g > 1e-9 ? (1 - q) / g : smin;
          row.labels[row.base + i] = bone(depth < smin ? depth : smin, row.labels[row.base + i]);
        }
      }
    },
  };
}
