/**
 * Intervertebral disc primitive: fills the space between the neighbouring endplates (concavities
 * included), annulus around a nucleus whose T2 signal and size fall with degeneration, with a bulge
 * that grows centrally (canal stenosis), posterolaterally (recess stenosis) and all round (degeneration).
 * Plain TypeScript; never imports electron or render code.
 */
import { boxOfLocal } from './geometry';
import type { DiscPlan } from './levelPlan';
import { KEEP, type Primitive } from './primitive';
import { Tissue } from './tissues';
import { above, ENDPLATE_CONCAVITY_MM } from './vertebra';

/** Posterior edge of the disc (w, mm) at lateral position u and height weight hp (1 at mid-height). */
export function discPosteriorEdge(plan: DiscPlan, u: number, hp: number): number {
  const b = plan.bulge;
  const dl = u - b.lateralUMm;
  const dr = u + b.lateralUMm;
  const bulge =
    b.uniformMm +
    b.centralMm * Math.exp(-(u * u) / 90) +
    b.left * Math.exp(-(dl * dl) / 25) +
    b.right * Math.exp(-(dr * dr) / 25);
  return plan.wPostMm + bulge * hp;
}

export function discPrimitive(plan: DiscPlan): Primitive {
  const d = plan.disc;
  const f = d.frame;
  const up = d.upper.lower;
  const lo = d.lower.upper;
  const maxBulge = plan.bulge.uniformMm + plan.bulge.centralMm + Math.max(plan.bulge.left, plan.bulge.right);
  const a = plan.halfWidthMm + plan.bulge.uniformMm;
  const bFront = plan.ellipseMm + plan.bulge.uniformMm;
  const bBack = plan.wPostMm + maxBulge + 3;
  const halfH = d.heightMm / 2 + 6;
  const rudimentary = d.kind === 'sacral';
  const deg = d.severity.degeneration;
  const nucleusLabel = deg > 0.62 ? Tissue.NucleusDegen : deg > 0.38 ? Tissue.NucleusMid : Tissue.Nucleus;
  const nucScale = 1 - 0.35 * deg;
  const na = plan.halfWidthMm * 0.55 * nucScale;
  const nb = plan.ellipseMm * 0.5 * nucScale;
  return {
    name: `disc ${d.name}`,
    box: boxOfLocal(f, -a, a, -bFront, bBack, -halfH, halfH),
    sample(x: number, y: number, z: number): number {
      const dy = y - f.oy;
      const dz = z - f.oz;
      const u = x - f.ox;
      const w = dy * f.wy + dz * f.wz;
      const aboveLow = above(lo, y, z);
      const belowUp = -above(up, y, z);
      const total = aboveLow + belowUp;
      if (total <= 0) return KEEP;
      const hn = (aboveLow - belowUp) / total;
      const hp = Math.max(0, 1 - hn * hn);
      const b = w < 0 ? bFront : bBack;
      const r2 = (u * u) / (a * a) + (w * w) / (b * b);
      if (r2 > 1) return KEEP;
      if (w > 0 && w > discPosteriorEdge(plan, u, hp)) return KEEP;
      const conc = ENDPLATE_CONCAVITY_MM * Math.max(0, 1 - r2) + 0.4;
      if (aboveLow < -conc || belowUp < -conc) return KEEP;
      if (rudimentary) return Tissue.Annulus;
      const nr = (u * u) / (na * na) + ((w - 1) * (w - 1)) / (nb * nb) + (hn * hn) / 0.6;
      if (nr > 1) return Tissue.Annulus;
      return nucleusLabel;
    },
  };
}
