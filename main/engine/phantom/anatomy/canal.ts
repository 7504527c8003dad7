/**
 * Spinal canal primitives along the canal path: epidural fat (bony canal), the dural sac with CSF,
 * the cord/conus and the cauda equina roots (dorsal in a supine patient), and the ligamentum flavum.
 * Plain TypeScript; never imports electron or render code.
 */
import type { Rng } from '../../rng';
import type { CanalNode } from './canalPath';
import { boxOfLocal, emptyBox, growBox, lerp as lerpOf, type Box } from './geometry';
import type { DiscPlan } from './levelPlan';
import { fillSpan as fillSpanOf, type GridRow, type Primitive } from './primitive';
import { Tissue as TissueLabels } from './tissues';

/** Local aliases: module-namespace getters (as emitted by esbuild/tsx) are slow in per-voxel loops. */
const Tissue = TissueLabels;
const lerp = lerpOf;
const fillSpan = fillSpanOf;

const ROOT_RADIUS_MM = 0.95;
const SEAM_MM = 0.6;

/** Normalised (p lateral, q posterior) positions of the cauda equina roots, most central first. */
export function caudaPositions(rng: Rng, count: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let k = 0; k < count; k++) {
    const ring = k % 3 === 2 ? 0.5 : 0.76;
    const side = k % 2 === 0 ? 1 : -1;
    const spread = (Math.floor(k / 2) + 0.5) / Math.ceil(count / 2);
    const ang = (Math.PI / 2) * (1 - spread * 0.92) + rng.uniform(-0.06, 0.06);
    out.push([side * ring * Math.cos(ang) + rng.uniform(-0.03, 0.03), ring * Math.sin(ang) * 0.92 + 0.04]);
  }
  return out;
}

interface Seg {
  n0: CanalNode;
  n1: CanalNode;
  dy: number;
  dz: number;
  len2: number;
  tol: number;
}

function segment(n0: CanalNode, n1: CanalNode): Seg {
  const dy = n1.y - n0.y;
  const dz = n1.z - n0.z;
  const len2 = dy * dy + dz * dz;
  return { n0, n1, dy, dz, len2, tol: SEAM_MM / Math.sqrt(len2) };
}

function segBox(s: Seg, useFat: boolean): Box {
  const box = emptyBox();
  for (const n of [s.n0, s.n1]) {
    const r = useFat ? Math.max(n.fatA, n.fatB + Math.abs(n.fatC)) : Math.max(n.sacA, n.sacB);
    growBox(box, [0, n.y, n.z], r + 1);
    box.min[0] = Math.min(box.min[0], -(useFat ? n.fatA : n.sacA) - 1);
    box.max[0] = Math.max(box.max[0], (useFat ? n.fatA : n.sacA) + 1);
  }
  return box;
}

/** The last {@link crossSection}: axial parameter (interpolation weight) and posterior offset w. */
const section = { tc: 0, w: 0 };

/** Cross-section of a segment at a row into {@link section}; false when the row misses the segment. */
function crossSection(s: Seg, y: number, z: number): boolean {
  const { n0, n1 } = s;
  const t = ((y - n0.y) * s.dy + (z - n0.z) * s.dz) / s.len2;
  if (t < -s.tol || t > 1 + s.tol) return false;
  const tc = t < 0 ? 0 : t > 1 ? 1 : t;
  section.tc = tc;
  section.w =
    (y - n0.y - tc * s.dy) * lerp(n0.wy, n1.wy, tc) + (z - n0.z - tc * s.dz) * lerp(n0.wz, n1.wz, tc);
  return true;
}

/** Epidural fat filling the bony canal (painted before bones, discs and the sac). */
export function canalFatSegment(n0: CanalNode, n1: CanalNode): Primitive {
  const s = segment(n0, n1);
  return {
    name: 'canal fat',
    box: segBox(s, true),
    paintRow(row: GridRow): void {
      if (!crossSection(s, row.y, row.z)) return;
      const cs = section;
      const a = lerp(n0.fatA, n1.fatA, cs.tc);
      const b = lerp(n0.fatB, n1.fatB, cs.tc);
      const wc = (cs.w - lerp(n0.fatC, n1.fatC, cs.tc)) / b;
      if (wc * wc >= 1) return;
      const xr = a * Math.sqrt(1 - wc * wc);
      fillSpan(row, -xr, xr, Tissue.Fat);
    },
  };
}

/** Dural sac: CSF, cord/conus above `conusTipArcMm`, cauda equina roots below it. */
export function duralSacSegment(
  n0: CanalNode,
  n1: CanalNode,
  cauda: ReadonlyArray<readonly [number, number]>,
  conusTipArcMm: number,
): Primitive {
  const s = segment(n0, n1);
  const len = Math.sqrt(s.len2);
  return {
    name: 'dural sac',
    box: segBox(s, false),
    paintRow(row: GridRow): void {
      if (!crossSection(s, row.y, row.z)) return;
      const cs = section;
      const a = lerp(n0.sacA, n1.sacA, cs.tc);
      const b = lerp(n0.sacB, n1.sacB, cs.tc);
      if (a < 0.3 || b < 0.3) return;
      const q = cs.w / b;
      if (q * q >= 1) return;
      const xr = a * Math.sqrt(1 - q * q);
      fillSpan(row, -xr, xr, Tissue.Csf);
      const arc = n0.arcMm + cs.tc * len;
      if (arc < conusTipArcMm) {
        const taper = Math.min(1, Math.sqrt((conusTipArcMm - arc) / 25));
        const cq = (q - 0.12) / (0.55 * taper + 0.04);
        if (cq * cq < 1) {
          const cr = a * (0.5 * taper + 0.04) * Math.sqrt(1 - cq * cq);
          fillSpan(row, -cr, cr, Tissue.Neural);
        }
        return;
      }
      const count = Math.min(n0.roots, cauda.length);
      for (let k = 0; k < count; k++) {
        const dw = (q - cauda[k][1]) * b;
        const r2 = ROOT_RADIUS_MM * ROOT_RADIUS_MM - dw * dw;
        if (r2 <= 0) continue;
        const cx = cauda[k][0] * a;
        const hw = Math.sqrt(r2);
        fillSpan(row, Math.max(-xr, cx - hw), Math.min(xr, cx + hw), Tissue.Neural);
      }
    },
  };
}

/** Ligamentum flavum at one disc: a band lining the posterior canal, thicker where hypertrophied. */
export function flavumPrimitive(plan: DiscPlan): Primitive {
  const f = plan.disc.frame;
  const { sac, flavum } = plan;
  const hHalf = plan.disc.heightMm / 2;
  const uMax = Math.min(plan.facet.left.uMm, plan.facet.right.uMm);
  const reach = sac.bMm + flavum.gapMm + Math.max(flavum.left, flavum.right) + 1;
  const ai = sac.aMm + flavum.gapMm;
  const bi = sac.bMm + flavum.gapMm;
  return {
    name: `flavum ${plan.disc.name}`,
    box: boxOfLocal(f, -uMax, uMax, sac.cMm - 2, sac.cMm + reach + 2, -hHalf - 6, hHalf + 9),
    paintRow(row: GridRow): void {
      const dy = row.y - f.oy;
      const dz = row.z - f.oz;
      const w = dy * f.wy + dz * f.wz - sac.cMm;
      const h = dy * f.hy + dz * f.hz;
      if (h < -hHalf - 5 || h > hHalf + 8 || w < -0.3 * sac.bMm) return;
      const wi = (w * w) / (bi * bi);
      const xi = wi < 1 ? ai * Math.sqrt(1 - wi) : 0;
      for (const [sign, t] of [
        [1, flavum.left],
        [-1, flavum.right],
      ] as const) {
        const bo = bi + t;
        const wo = (w * w) / (bo * bo);
        if (wo >= 1) continue;
        const xo = (ai + t) * Math.sqrt(1 - wo);
        if (xo <= xi) continue;
        if (sign > 0) fillSpan(row, xi, xo, Tissue.Flavum);
        else fillSpan(row, -xo, -xi, Tissue.Flavum);
      }
    },
  };
}
