/**
 * Spinal canal primitives along the canal path: epidural fat (bony canal), the dural sac with CSF,
 * the cord/conus and the cauda equina roots (dorsal in a supine patient), and the ligamentum flavum.
 * Plain TypeScript; never imports electron or render code.
 */
import type { Rng } from '../rng';
import type { CanalNode } from './canalPath';
import { boxOfLocal, emptyBox, growBox, lerp, type Box } from './geometry';
import type { DiscPlan } from './levelPlan';
import { KEEP, type Primitive } from './primitive';
import { Tissue } from './tissues';

const ROOT_RADIUS_MM = 1.05;
const SEAM_MM = 0.6;

/** Normalised (p lateral, q posterior) positions of the cauda equina roots, most central first. */
export function caudaPositions(rng: Rng, count: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let k = 0; k < count; k++) {
    const ring = k % 3 === 2 ? 0.42 : 0.7;
    const side = k % 2 === 0 ? 1 : -1;
    const spread = Math.floor(k / 2) / Math.ceil(count / 2);
    const ang = (Math.PI / 2) * (1 - spread * 0.95) + rng.uniform(-0.08, 0.08);
    out.push([side * ring * Math.cos(ang) + rng.uniform(-0.04, 0.04), ring * Math.sin(ang) * 0.95 + 0.05]);
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

/** Epidural fat filling the bony canal (painted before bones, discs and the sac). */
export function canalFatSegment(n0: CanalNode, n1: CanalNode): Primitive {
  const s = segment(n0, n1);
  return {
    name: 'canal fat',
    box: segBox(s, true),
    sample(x: number, y: number, z: number): number {
      const t = ((y - n0.y) * s.dy + (z - n0.z) * s.dz) / s.len2;
      if (t < -s.tol || t > 1 + s.tol) return KEEP;
      const tc = t < 0 ? 0 : t > 1 ? 1 : t;
      const w =
        (y - n0.y - tc * s.dy) * lerp(n0.wy, n1.wy, tc) + (z - n0.z - tc * s.dz) * lerp(n0.wz, n1.wz, tc);
      const a = lerp(n0.fatA, n1.fatA, tc);
      const b = lerp(n0.fatB, n1.fatB, tc);
      const wc = w - lerp(n0.fatC, n1.fatC, tc);
      return (x * x) / (a * a) + (wc * wc) / (b * b) <= 1 ? Tissue.Fat : KEEP;
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
    sample(x: number, y: number, z: number): number {
      const t = ((y - n0.y) * s.dy + (z - n0.z) * s.dz) / s.len2;
      if (t < -s.tol || t > 1 + s.tol) return KEEP;
      const tc = t < 0 ? 0 : t > 1 ? 1 : t;
      const a = lerp(n0.sacA, n1.sacA, tc);
      const b = lerp(n0.sacB, n1.sacB, tc);
      if (a < 0.3 || b < 0.3) return KEEP;
      const w =
        (y - n0.y - tc * s.dy) * lerp(n0.wy, n1.wy, tc) + (z - n0.z - tc * s.dz) * lerp(n0.wz, n1.wz, tc);
      const p = x / a;
      const q = w / b;
      if (p * p + q * q > 1) return KEEP;
      const arc = n0.arcMm + tc * len;
      if (arc < conusTipArcMm) {
        const taper = Math.min(1, Math.sqrt((conusTipArcMm - arc) / 25));
        const cp = p / (0.5 * taper + 0.04);
        const cq = (q - 0.08) / (0.58 * taper + 0.04);
        return cp * cp + cq * cq <= 1 ? Tissue.Neural : Tissue.Csf;
      }
      const count = n0.roots;
      for (let k = 0; k < count && k < cauda.length; k++) {
        const du = (p - cauda[k][0]) * a;
        const dw = (q - cauda[k][1]) * b;
        if (du * du + dw * dw <= ROOT_RADIUS_MM * ROOT_RADIUS_MM) return Tissue.Neural;
      }
      return Tissue.Csf;
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
  return {
    name: `flavum ${plan.disc.name}`,
    box: boxOfLocal(f, -uMax, uMax, sac.cMm - 2, sac.cMm + reach + 2, -hHalf - 6, hHalf + 9),
    sample(x: number, y: number, z: number): number {
      const dy = y - f.oy;
      const dz = z - f.oz;
      const w = dy * f.wy + dz * f.wz - sac.cMm;
      const h = dy * f.hy + dz * f.hz;
      if (h < -hHalf - 5 || h > hHalf + 8 || w < -0.3 * sac.bMm) return KEEP;
      const t = x > 0 ? flavum.left : flavum.right;
      const ai = sac.aMm + flavum.gapMm;
      const bi = sac.bMm + flavum.gapMm;
      const inner = (x * x) / (ai * ai) + (w * w) / (bi * bi);
      if (inner <= 1) return KEEP;
      const ao = ai + t;
      const bo = bi + t;
      return (x * x) / (ao * ao) + (w * w) / (bo * bo) <= 1 ? Tissue.Flavum : KEEP;
    },
  };
}
