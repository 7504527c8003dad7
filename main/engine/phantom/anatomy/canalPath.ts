/**
 * The spinal canal's centre line (through the dural sac's centre) from T10 to S4, with the sac,
 * epidural-fat and cauda-equina parameters at each node; pinched at stenotic discs.
 * Plain TypeScript; never imports electron or render code.
 */
import { lerp } from './geometry';
import type { DiscPlan } from './levelPlan';
import type { SpineLayout, VertebraLayout, VertebraName } from './spineLayout';

export interface CanalNode {
  y: number;
  z: number;
  /** Posterior cross-section axis (0, wy, wz). */
  wy: number;
  wz: number;
  sacA: number;
  sacB: number;
  /** Epidural fat ellipse (bony canal), centre offset along w from the node. */
  fatA: number;
  fatB: number;
  fatC: number;
  /** Number of cauda equina roots in the sac here. */
  roots: number;
  /** Arc length from the first node, mm. */
  arcMm: number;
}

const ROOTS: Partial<Record<VertebraName, number>> = { L1: 20, L2: 20, L3: 18, L4: 16, L5: 13, S1: 9, S2: 4 };

function vertebraNode(v: VertebraLayout): CanalNode {
  const f = v.frame;
  const sacral = v.kind === 'sacral' && v.name !== 'S1';
  const b0 = v.canalApMm / 2 - 1.2;
  const c = v.wPostMm + 1 + b0;
  const sacEnd = v.name === 'S2' ? 0.35 : sacral ? 0 : 1;
  return {
    y: f.oy + c * f.wy,
    z: f.oz + c * f.wz,
    wy: f.wy,
    wz: f.wz,
    sacA: (v.canalHalfWidthMm - 1.3) * sacEnd,
    sacB: b0 * sacEnd,
    fatA: v.canalHalfWidthMm + 0.5,
    fatB: v.canalApMm / 2 + 0.5,
    fatC: v.wPostMm + v.canalApMm / 2 - c,
    roots: ROOTS[v.name] ?? 0,
    arcMm: 0,
  };
}

function discNode(p: DiscPlan, sac: DiscPlan['sac'], roots: number): CanalNode {
  const f = p.disc.frame;
  return {
    y: f.oy + sac.cMm * f.wy,
    z: f.oz + sac.cMm * f.wz,
    wy: f.wy,
    wz: f.wz,
    sacA: sac.aMm,
    sacB: sac.bMm,
    fatA: p.canalFat.aMm,
    fatB: p.canalFat.bMm,
    fatC: p.canalFat.cMm - sac.cMm,
    roots,
    arcMm: 0,
  };
}

function blend(a: CanalNode, b: CanalNode, t: number): CanalNode {
  const out = { ...a };
  for (const k of ['y', 'z', 'wy', 'wz', 'sacA', 'sacB', 'fatA', 'fatB', 'fatC'] as const)
    out[k] = lerp(a[k], b[k], t);
  return out;
}

/** Nodes cranial -> caudal: vertebra, shoulder, disc, shoulder, vertebra, ... */
export function buildCanalPath(layout: SpineLayout, plans: DiscPlan[]): CanalNode[] {
  const nodes: CanalNode[] = [];
  const vs = layout.vertebrae;
  for (let i = 0; i < vs.length; i++) {
    const vNode = vertebraNode(vs[i]);
    nodes.push(vNode);
    const plan = plans[i];
    if (!plan || i === vs.length - 1) continue;
    const next = vertebraNode(vs[i + 1]);
    const disc = discNode(plan, plan.sac, vNode.roots);
    const normal = discNode(plan, plan.sacNormal, vNode.roots);
    if (next.sacA === 0) {
      disc.sacA = 0;
      disc.sacB = 0;
      normal.sacA = 0;
      normal.sacB = 0;
    }
    const reach = plan.disc.heightMm / 2 + 4;
    const dUp = Math.hypot(vNode.y - disc.y, vNode.z - disc.z);
    const dDown = Math.hypot(next.y - disc.y, next.z - disc.z);
    const tUp = Math.min(0.8, reach / dUp);
    const tDown = Math.min(0.8, reach / dDown);
    const shoulderUp = blend(normal, vNode, tUp);
    const shoulderDown = blend(normal, next, tDown);
    nodes.push(shoulderUp, disc, shoulderDown);
  }
  for (let i = 1; i < nodes.length; i++) {
    nodes[i].arcMm =
      nodes[i - 1].arcMm + Math.hypot(nodes[i].y - nodes[i - 1].y, nodes[i].z - nodes[i - 1].z);
  }
  return nodes;
}
