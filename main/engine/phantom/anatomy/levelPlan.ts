/**
 * Per-disc plan of the canal, recesses, foramina and facets in the disc frame (u lateral, w posterior,
 * h superior, mm), derived from the narrowing amounts: the one place where grades become millimetres.
 * Plain TypeScript; never imports electron or render code.
 */
import type { DiscLayout } from './spineLayout';

export type SideName = 'left' | 'right';
/** Body +x is patient left, so the left side has positive u. */
export const SIDE_SIGN: Record<SideName, 1 | -1> = { left: 1, right: -1 };

export interface FacetPlan {
  /** Centre (|u|, w, h) on this side; u is unsigned. */
  uMm: number;
  wMm: number;
  hMm: number;
  semiMm: readonly [number, number, number];
  /** Angle of the joint line to the sagittal plane (rad); larger at L5/S1. */
  jointAngleRad: number;
  fluidHalfMm: number;
}

export interface ForamenPlan {
  /** Lateral centre |u| and extent [uIn, uOut] of the foramen. */
  uMm: number;
  uInMm: number;
  uOutMm: number;
  /** Upper circle (root, DRG) and lower tip of the inverted teardrop, in (w, h). */
  top: { w: number; h: number; r: number };
  bottom: { w: number; h: number; r: number };
  /** Fat left after narrowing: the same teardrop, shrunk. */
  fatTop: { w: number; h: number; r: number };
  fatBottom: { w: number; h: number; r: number };
  /** Dorsal root ganglion semi-axes (u, w, h), flattened when severe. */
  drgSemiMm: readonly [number, number, number];
}

export interface RecessPlan {
  /** Traversing root centre (|u|, w) at the disc mid-plane and its radius. */
  uMm: number;
  wMm: number;
  rootRadiusMm: number;
}

export interface DiscPlan {
  disc: DiscLayout;
  wPostMm: number;
  halfWidthMm: number;
  ellipseMm: number;
  bulge: { centralMm: number; uniformMm: number; left: number; right: number; lateralUMm: number };
  /** Dural sac at the disc mid-plane: half width, half AP, centre w. */
  sac: { aMm: number; bMm: number; cMm: number };
  /** Uncompressed sac of this level (what the neighbouring vertebrae have). */
  sacNormal: { aMm: number; bMm: number; cMm: number };
  canalFat: { aMm: number; bMm: number; cMm: number };
  flavum: { left: number; right: number; gapMm: number };
  facet: Record<SideName, FacetPlan>;
  recess: Record<SideName, RecessPlan>;
  foramen: Record<SideName, ForamenPlan>;
}

const JOINT_ANGLE_DEG: Record<string, number> = { l1_l2: 25, l2_l3: 30, l3_l4: 38, l4_l5: 46, l5_s1: 55 };

function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

function foramenPlan(d: DiscLayout, wPost: number, amount: number): ForamenPlan {
  const up = d.upper;
  const pedBottom = up.pedicle.hMm - up.pedicle.halfHeightMm + up.heightMm / 2;
  const rTop = 4.5;
  const top = { w: wPost + 4.4, h: d.heightMm / 2 + pedBottom - rTop - 0.4, r: rTop };
  const bottom = { w: wPost + 2.4, h: -d.heightMm / 2 - 0.6, r: 1.7 };
  const rootR = 2.4;
  const lossAround = clamp01((amount - 0.22) / 0.7);
  const lossBelow = clamp01(amount * 1.5);
  const fatR = lerp(rTop, rootR + 0.2, lossAround);
  const fatTop = { w: top.w, h: top.h, r: fatR };
  const fatBottom = {
    w: lerp(bottom.w, top.w, lossBelow),
    h: lerp(bottom.h, top.h, lossBelow),
    r: lerp(bottom.r, fatR, lossBelow),
  };
  const deform = clamp01((amount - 0.6) / 0.4);
  return {
    uMm: up.pedicle.uMm,
    uInMm: up.canalHalfWidthMm - 1,
    uOutMm: up.pedicle.uMm + up.pedicle.halfWidthMm + 4,
    top,
    bottom,
    fatTop,
    fatBottom,
    drgSemiMm: [4.5, 2.6 * (1 - 0.5 * deform), 2.8 * (1 + 0.25 * deform)],
  };
}

/** Plan one disc level. */
export function planDisc(d: DiscLayout): DiscPlan {
  const { upper, lower, severity: sev } = d;
  const wPostMm = (upper.wPostMm + lower.wPostMm) / 2;
  const canalAp = (upper.canalApMm + lower.canalApMm) / 2;
  const a0 = Math.min(upper.canalHalfWidthMm, lower.canalHalfWidthMm) - 1.3;
  const b0 = canalAp / 2 - 1.2;
  const ac = sev.canal;
  const centralMm = 0.8 + 8 * ac;
  const front = wPostMm + centralMm + 0.6;
  const back = wPostMm + 1 + 2 * b0 - 4 * ac;
  const bMm = Math.max(1.8, (back - front) / 2);
  const sac = { aMm: a0 * (1 - 0.22 * ac), bMm, cMm: front + bMm };
  const sacNormal = { aMm: a0, bMm: b0, cMm: wPostMm + 1 + b0 };
  const side = (
    s: SideName,
  ): { facet: FacetPlan; recess: RecessPlan; foramen: ForamenPlan; bulge: number } => {
    const as = sev.recess[s];
    const grow = 1 + 0.25 * Math.max(as, 0.6 * sev.degeneration);
    const bulge = 0.5 + 2.5 * as;
    const rootR = 1.5 * (1 - 0.45 * as);
    const facet: FacetPlan = {
      uMm: a0 + 6.5 - 2.2 * as,
      wMm: wPostMm + Math.max(canalAp * 0.72, 13) - 3 * as,
      hMm: 1,
      semiMm: [5.5 * grow, 6.2 * grow, 10 * grow],
      jointAngleRad: ((d.level ? JOINT_ANGLE_DEG[d.level] : 22) * Math.PI) / 180,
      fluidHalfMm: 0.5 + 0.7 * sev.degeneration,
    };
    const recess: RecessPlan = {
      uMm: sac.aMm + 2.4 - 1.3 * as,
      wMm: wPostMm + bulge + rootR + 0.3,
      rootRadiusMm: rootR,
    };
    return { facet, recess, foramen: foramenPlan(d, wPostMm, sev.foramen[s]), bulge };
  };
  const L = side('left');
  const R = side('right');
  return {
    disc: d,
    wPostMm,
    halfWidthMm: ((upper.halfWidthMm + lower.halfWidthMm) / 2) * 1.02,
    ellipseMm: (upper.ellipseMm + lower.ellipseMm) / 2,
    bulge: {
      centralMm,
      uniformMm: 0.4 + 1.2 * sev.degeneration,
      left: L.bulge,
      right: R.bulge,
      lateralUMm: a0 + 2,
    },
    sac,
    sacNormal,
    canalFat: {
      aMm: Math.max(upper.canalHalfWidthMm, lower.canalHalfWidthMm) + 3.5,
      bMm: canalAp / 2 + 1,
      cMm: wPostMm + canalAp / 2,
    },
    flavum: {
      left: 2.6 + 3.5 * Math.max(ac, sev.recess.left * 0.8),
      right: 2.6 + 3.5 * Math.max(ac, sev.recess.right * 0.8),
      gapMm: 0.3 + 1.4 * (1 - ac),
    },
    facet: { left: L.facet, right: R.facet },
    recess: { left: L.recess, right: R.recess },
    foramen: { left: L.foramen, right: R.foramen },
  };
}
