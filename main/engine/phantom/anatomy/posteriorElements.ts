/**
 * Posterior elements: pedicles, laminae, spinous and transverse processes of each vertebra, the
 * sacral alae and dorsal plate; the facet joints (the articular pillar's SAP and IAP) are in facetPillar.ts. Outlines
 * are rounded (waisted pedicles, laminae with a convex outer surface, spinous processes with rounded corners).
 * Plain TypeScript; never imports electron or render code.
 */
import type { Rng } from '../../rng';
import type { SideName } from './levelPlan';
import { SIDE_SIGN } from './levelPlan';
import { boxOfLocal, smooth01, type LocalFrame } from './geometry';
import { spanFirst as firstOf, spanLast as lastOf, type GridRow, type Primitive } from './primitive';
import { bone as boneOf, ellipsoid, rod, rowH as rowHOf, rowW as rowWOf } from './shapes';
import type { VertebraLayout } from './spineLayout';
import { Tissue as TissueLabels } from './tissues';

/** Local aliases: module-namespace getters (as emitted by esbuild/tsx) are slow in per-voxel loops. */
const Tissue = TissueLabels;
const spanFirst = firstOf;
const spanLast = lastOf;
const bone = boneOf;
const rowH = rowHOf;
const rowW = rowWOf;

const TRANSVERSE_MM: Record<string, number> = {
  T10: 8,
  T11: 7,
  T12: 6,
  L1: 14,
  L2: 19,
  L3: 24,
  L4: 20,
  L5: 16,
};

/** How much taller (mm, half-height) a lumbar spinous process is behind its base than v4's plate. */
const SPINOUS_TALL_MM = 2.6;

/**
 * Sagittal shape of a spinous process (v6): caudal slope of its axis (mm of h per mm of w), half-height at the
 * base and the growth behind it. Lower thoracic processes are broad plates angled caudally and shingled (T10
 * steepest, T12 nearly lumbar); lumbar ones broad quadrilaterals, nearly horizontal.
 */
const SPINOUS_SHAPE: Record<string, { slope: number; half0: number; tall: number }> = {
  T10: { slope: -0.85, half0: 6, tall: 1.2 },
  T11: { slope: -0.6, half0: 6.4, tall: 1.6 },
  T12: { slope: -0.42, half0: 7.4, tall: 2 },
};
const LUMBAR_SPINOUS = { slope: -0.25, half0: 8.6, tall: SPINOUS_TALL_MM - 0.4 };

/** Axial section of a spinous process (v6): extra half-thickness (fraction) where the laminae join it, and the length (mm) over which it rounds to a tip. */
const SPINOUS_FLARE = 0.8;
const SPINOUS_TIP_MM = 6;

/** Length (mm) over which the squared-off posterior end of a spinous process rounds its corners. */
const SPINOUS_CORNER_MM = 3.2;

/**
 * Spinous process: a plate in (w, h) sloping caudally, its sagittal outline a quadrilateral (v6: straight upper
 * and lower borders, a broad squared-off posterior end with rounded corners, not v5's sausage with a
 * semicircular tip), thinning backwards and thickening again at its bulbous end; its cross-section across u is
 * lens-shaped (rounded superior and inferior edges).
 */
function spinous(v: VertebraLayout, w0: number, lengthMm: number, halfThick: number): Primitive {
  const f = v.frame;
  const h0 = -v.heightMm * 0.12;
  const shape = v.kind === 'thoracic' ? (SPINOUS_SHAPE[v.name] ?? SPINOUS_SHAPE.T10) : LUMBAR_SPINOUS;
  const { slope, half0 } = shape;
  const hMid = h0 + (slope * lengthMm) / 2;
  const tallMm = shape.tall;
  const hSemi = half0 + tallMm + Math.abs(slope) * lengthMm * 0.6;
  const tipR = SPINOUS_CORNER_MM;
  const tw0 = halfThick * (0.8 + SPINOUS_FLARE);
  // The lower border drops a little more than the upper one toward the tip (the posterior end is the tallest
  // part of a lumbar process); thoracic processes taper to a blunter, narrower tip instead.
  const flare = v.kind === 'thoracic' ? -0.18 : 0.08;
  return {
    name: `spinous ${v.name}`,
    box: boxOfLocal(f, -tw0, tw0, w0 - 1, w0 + lengthMm, hMid - hSemi, hMid + hSemi),
    paintRow(row: GridRow): void {
      const dy = row.y - f.oy;
      const dz = row.z - f.oz;
      const w = dy * f.wy + dz * f.wz - w0;
      if (w < -1 || w > lengthMm) return;
      const h = dy * f.hy + dz * f.hz - (h0 + slope * w);
      const wt = w / lengthMm;
      // Squared-off end: the half-height follows a superellipse (exponent 4) over the last tipR mm.
      const tipT = (w - (lengthMm - tipR)) / tipR;
      const t4 = tipT > 0 ? tipT * tipT * tipT * tipT : 0;
      // Taller behind the laminar junction: + tall from 4 mm behind it on (none at its base, next to the canal).
      const tall = tallMm * smooth01((w - 4) / 6);
      const base = half0 * (1 - 0.08 * wt) + tall;
      const below = base * (1 + flare * wt);
      const half = (h < 0 ? below : base) * (t4 > 0 ? Math.sqrt(Math.sqrt(1 - t4)) : 1);
      const ah = Math.abs(h);
      if (ah >= half) return;
      // v6, across u (the axial section): flared where the laminae join it, tapering backwards and rounding to a
      // tip over the last SPINOUS_TIP_MM (v5: a rod of even width, thicker again at a squared end).
      const fromTip = lengthMm - w;
      const point = fromTip < SPINOUS_TIP_MM ? Math.sqrt(fromTip > 0 ? fromTip / SPINOUS_TIP_MM : 0) : 1;
      const thick = halfThick * (0.8 + SPINOUS_FLARE * Math.exp(-(w > 0 ? w : 0) / 6) - 0.12 * wt) * point;
      const hn = ah / half;
      const tw = thick * Math.sqrt(1 - hn * hn * hn * hn);
      const i1 = spanLast(row, f.ox + tw);
      const edge = Math.min(half - ah, lengthMm - w, w + 1);
      for (let i = spanFirst(row, f.ox - tw); i <= i1; i++) {
        const depth = Math.min(edge, tw - Math.abs(row.x0 + i * row.dx - f.ox));
        row.labels[row.base + i] = bone(depth, row.labels[row.base + i]);
      }
    },
  };
}

/** Soft tissue of the trunk map (muscle, marbled muscle, septa) that the interspinous ligament replaces. */
function isBackSoft(l: number): boolean {
  return l === Tissue.Muscle || l === Tissue.MuscleMarbled || l === Tissue.Septum;
}

/**
 * Interspinous and supraspinous ligaments of a lumbar vertebra: a dark midline sheet (|u| < 2.8 mm) filling the space
 * half a segment above and below its spinous process, from 2 mm behind the laminar junction back to the tip (no
 * longer the trunk map's muscle and septum); behind the tip a
 * thin dark supraspinous cord (3 mm, |u| < 3.5 mm) joining the tips. Both replace only the trunk map's muscle and
 * septa (the cord behind the tips also subcutaneous fat), never bone, canal or anything a primitive painted.
 */
function interspinous(v: VertebraLayout, w0: number, lengthMm: number): Primitive {
  const f = v.frame;
  const h0 = -v.heightMm * 0.12;
  const slope = -0.25;
  const pitch = v.heightMm + 9;
  const half = pitch / 2;
  const wA = w0 + 2;
  const wTip = w0 + lengthMm;
  const cordMm = 3;
  return {
    name: `interspinous ${v.name}`,
    box: boxOfLocal(f, -3.5, 3.5, wA, wTip + cordMm, h0 - half + slope * (wTip + cordMm - w0), h0 + half),
    paintRow(row: GridRow): void {
      const w = rowW(f, row);
      if (w < wA || w > wTip + cordMm) return;
      const h = rowH(f, row) - (h0 + slope * (w - w0));
      if (h < -half || h > half) return;
      const cord = w > wTip - 1;
      // v6: the sheet narrows backwards (2.8 mm half-width at the laminae, 1.7 at the tip) and the supraspinous cord
      // is a rounded bundle (half-width up to 2.6 mm), not v5's straight-sided strip ending in a square block.
      const cw = (w - wTip - 1) / 2;
      const ur = cord
        ? 2.6 * Math.sqrt(cw * cw < 1 ? 1 - cw * cw : 0) + 0.4
        : 2.8 - (1.1 * (w - wA)) / (wTip - wA);
      // Fatty streaks between the ligament's fibres (v6), which run obliquely up and back: a wavy stripe
      // pattern broken up along its length: looser grey fibres (flavum-like) round thin fat streaks, a quarter of
      // the sheet grey and a few per cent fat (none in the supraspinous cord); v5's sheet was uniformly black.
      const phase = (h - 0.55 * (w - wA)) * 1.6 + 1.8 * Math.sin(w * 0.37 + h * 0.23);
      const streak = cord ? 0 : Math.sin(phase) * (0.6 + 0.4 * Math.sin(w * 0.71 - h * 0.5));
      const label = streak > 0.86 ? Tissue.Fat : streak > 0.45 ? Tissue.Flavum : Tissue.Ligament;
      const i1 = spanLast(row, f.ox + ur);
      for (let i = spanFirst(row, f.ox - ur); i <= i1; i++) {
        const l = row.labels[row.base + i];
        if (isBackSoft(l) || (cord && w > wTip && l === Tissue.Fat)) row.labels[row.base + i] = label;
      }
    },
  };
}

/**
 * Lamina: a plate in (u, w) from the pedicle (p0) to the base of the spinous process (p1), extruded over h0..h1.
 * Its canal (inner) surface is the straight capsule of radius r (so the canal is unchanged); its outer surface
 * bulges posterolaterally by up to `bulgeMm` at the middle (a curved, thicker lamina), the bulge fading over the
 * last 3 mm toward its upper and lower edges so these are rounded, not cut square.
 */
function lamina(
  name: string,
  f: LocalFrame,
  seg: readonly [number, number, number, number],
  r: number,
  bulgeMm: number,
  h0: number,
  h1: number,
): Primitive {
  const [u0, w0, u1, w1] = seg;
  const du = u1 - u0;
  const dw = w1 - w0;
  const len2 = du * du + dw * dw;
  const len = Math.sqrt(len2);
  // Unit normal of the chord pointing posteriorly (away from the canal).
  const flip = du > 0 ? -1 : 1;
  const nu = (flip * -dw) / len;
  const nw = (flip * du) / len;
  const out = r + bulgeMm;
  return {
    name,
    box: boxOfLocal(
      f,
      Math.min(u0, u1) - out,
      Math.max(u0, u1) + out,
      Math.min(w0, w1) - out,
      Math.max(w0, w1) + out,
      h0,
      h1,
    ),
    paintRow(row: GridRow): void {
      const h = rowH(f, row);
      if (h < h0 || h > h1) return;
      const w = rowW(f, row) - w0;
      const hDepth = Math.min(h - h0, h1 - h);
      const taper = hDepth < 3 ? hDepth / 3 : 1;
      for (let i = row.ix0; i <= row.ix1; i++) {
        const u = row.x0 + i * row.dx - f.ox - u0;
        const t = (u * du + w * dw) / len2;
        let depth: number;
        if (t < 0 || t > 1) {
          const tc = t < 0 ? 0 : 1;
          const eu = u - tc * du;
          const ew = w - tc * dw;
          const d2 = eu * eu + ew * ew;
          if (d2 > r * r) continue;
          depth = r - Math.sqrt(d2);
        } else {
          const n = u * nu + w * nw;
          const rOut = r + bulgeMm * 4 * t * (1 - t) * taper;
          if (n < -r || n > rOut) continue;
          depth = Math.min(n + r, rOut - n);
        }
        row.labels[row.base + i] = bone(Math.min(depth, hDepth), row.labels[row.base + i]);
      }
    },
  };
}

/**
 * Pedicle: an elliptic rod along w (cross-section (su, sh) in (u, h)) whose lateral wall is waisted (up to
 * 18 % narrower at mid-length) and flares into the body and the lamina; the medial wall (the canal's) is
 * straight as before. v6: its lower edge is waisted by 26 % and its upper by 10 % (the vertebral notches).
 */
function pedicle(
  name: string,
  f: LocalFrame,
  uc: number,
  hc: number,
  su: number,
  sh: number,
  wA: number,
  wB: number,
): Primitive {
  const side = uc >= 0 ? 1 : -1;
  return {
    name,
    box: boxOfLocal(f, uc - su, uc + su, wA, wB, hc - sh, hc + sh),
    paintRow(row: GridRow): void {
      const w = rowW(f, row);
      if (w < wA || w > wB) return;
      const s = Math.sin((Math.PI * (w - wA)) / (wB - wA));
      // Waisted in h too (v6): the superior and the deeper inferior vertebral notch, so the pedicle's lower edge
      // arches over the foramen (the keyhole's rounded head) instead of cutting it square.
      const hr = rowH(f, row) - hc;
      const h = hr / (sh * (1 - (hr < 0 ? 0.26 : 0.1) * s * s));
      if (h * h >= 1) return;
      const lat = su * (1 - 0.18 * s * s);
      const xr = Math.sqrt(1 - h * h);
      const xa = side > 0 ? f.ox + uc - su * xr : f.ox + uc - lat * xr;
      const xb = side > 0 ? f.ox + uc + lat * xr : f.ox + uc + su * xr;
      const i1 = spanLast(row, xb);
      const smin = Math.min(su, sh);
      for (let i = spanFirst(row, xa); i <= i1; i++) {
        const du = row.x0 + i * row.dx - f.ox - uc;
        const uu = du * side > 0 ? du / lat : du / su;
        row.labels[row.base + i] = bone((1 - Math.sqrt(uu * uu + h * h)) * smin, row.labels[row.base + i]);
      }
    },
  };
}

/** Pedicles, laminae, spinous and transverse processes of one vertebra (sacral segments: plate, alae). */
export function vertebraPosterior(rng: Rng, v: VertebraLayout): Primitive[] {
  const f = v.frame;
  const out: Primitive[] = [];
  const ped = v.pedicle;
  const wLamina = v.wPostMm + Math.max(v.canalApMm * 0.58, 12.5);
  const wBack = v.wPostMm + v.canalApMm + 2.5;
  const sacralLow = v.kind === 'sacral' && v.name !== 'S1';
  for (const side of ['left', 'right'] as SideName[]) {
    const s = SIDE_SIGN[side];
    if (!sacralLow) {
      out.push(
        pedicle(
          `pedicle ${v.name} ${side}`,
          f,
          s * ped.uMm,
          ped.hMm,
          ped.halfWidthMm,
          ped.halfHeightMm,
          v.wPostMm - 4,
          wLamina + 2,
        ),
      );
    }
    const lamH0 = -v.heightMm / 2 - (v.kind === 'lumbar' ? 4 : 2);
    const lamH1 = v.heightMm / 2 - 5;
    out.push(
      lamina(
        `lamina ${v.name} ${side}`,
        f,
        [s * ped.uMm, wLamina, s * 1, wBack],
        sacralLow ? 2.5 : 3.2,
        sacralLow ? 0.8 : 1.8,
        lamH0,
        lamH1,
      ),
    );
    const tp = (TRANSVERSE_MM[v.name] ?? 0) * (v.transverseScale ?? 1);
    if (tp) {
      const r = (v.name === 'L5' ? 5 : 3.4) * Math.sqrt(v.transverseScale ?? 1);
      out.push(
        rod(
          `transverse ${v.name} ${side}`,
          f,
          [s * (ped.uMm + 2), v.wPostMm + 7, ped.hMm],
          [s * (ped.uMm + 2 + tp), v.wPostMm + 5 + (v.kind === 'thoracic' ? 8 : 0), ped.hMm - 2],
          r,
          r * 0.8,
          null,
        ),
      );
    }
    if (v.name === 'S1') {
      out.push(
        ellipsoid(
          `ala ${side}`,
          f,
          [s * (v.halfWidthMm + 10), 2, -2],
          [22, v.ellipseMm * 0.85, v.heightMm * 0.55],
          null,
        ),
      );
    }
  }
  if (v.kind !== 'sacral') {
    const len = v.kind === 'thoracic' ? 26 : rng.uniform(28, 35);
    if (v.kind === 'lumbar') out.push(interspinous(v, wBack - 2, len));
    out.push(spinous(v, wBack - 2, len, v.kind === 'thoracic' ? 3.2 : 4));
  }
  return out;
}

/** The facet joints live with the articular pillar (facetPillar.ts); re-exported for the model's builder. */
export { facetJoint } from './facetPillar';
