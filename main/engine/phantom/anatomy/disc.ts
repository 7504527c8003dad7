/**
 * Intervertebral disc primitive: fills the space between the neighbouring endplates (concavities
 * included), annulus around a nucleus whose T2 signal and size fall with degeneration, with a bulge
 * that grows centrally (canal stenosis), posterolaterally (recess stenosis) and all round (degeneration).
 * Plain TypeScript; never imports electron or render code.
 */
import { boxOfLocal } from './geometry';
import type { DiscPlan } from './levelPlan';
import { spanFirst as firstOf, spanLast as lastOf, type GridRow, type Primitive } from './primitive';
import { Tissue as TissueLabels } from './tissues';
import { above as aboveOf, ENDPLATE_CONCAVITY_MM as CONCAVITY_MM } from './vertebra';

/** Local aliases: module-namespace getters (as emitted by esbuild/tsx) are slow in per-voxel loops. */
const Tissue = TissueLabels;
const ENDPLATE_CONCAVITY_MM = CONCAVITY_MM;
const above = aboveOf;
const spanFirst = firstOf;
const spanLast = lastOf;

/** Posterior bulge (mm, at mid-height) of the disc at lateral position u. */
export function discBulgeMm(plan: DiscPlan, u: number): number {
  const b = plan.bulge;
  const dl = u - b.lateralUMm;
  const dr = u + b.lateralUMm;
  return (
    b.uniformMm +
    b.centralMm * Math.exp(-(u * u) / 90) +
    b.left * Math.exp(-(dl * dl) / 25) +
    b.right * Math.exp(-(dr * dr) / 25)
  );
}

const BULGE_STEP_MM = 0.2;

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
  const rudimentary = d.morphology === 'rudimentary' || (d.kind === 'sacral' && d.morphology !== 'formed');
  const deg = d.severity.degeneration;
  // Pfirrmann-like: bright (I), with an intranuclear cleft (II), grey (III), dark (IV), black and collapsed (V).
  const nucleusLabel =
    deg > 0.85
      ? Tissue.Annulus
      : deg > 0.62
        ? Tissue.NucleusDegen
        : deg > 0.38
          ? Tissue.NucleusMid
          : Tissue.Nucleus;
  const cleft = deg > 0.12 ? 0.004 + 0.01 * deg : 0;
  const nucScale = 1 - 0.35 * deg;
  const na = plan.halfWidthMm * 0.6 * nucScale;
  const nb = plan.ellipseMm * 0.5 * nucScale;
  const nBulge = Math.ceil((2 * a) / BULGE_STEP_MM) + 1;
  const bulge = Float32Array.from({ length: nBulge }, (_, k) => discBulgeMm(plan, -a + k * BULGE_STEP_MM));
  return {
    name: `disc ${d.name}`,
    box: boxOfLocal(f, -a, a, -bFront, bBack, -halfH, halfH),
    paintRow(row: GridRow): void {
      const dy = row.y - f.oy;
      const dz = row.z - f.oz;
      const w = dy * f.wy + dz * f.wz;
      const aboveLow = above(lo, row.y, row.z);
      const belowUp = -above(up, row.y, row.z);
      const total = aboveLow + belowUp;
      const margin = ENDPLATE_CONCAVITY_MM + 0.4;
      if (total <= 0 || aboveLow < -margin || belowUp < -margin) return;
      const hn = (aboveLow - belowUp) / total;
      const hp = Math.max(0, 1 - hn * hn);
      const b = w < 0 ? bFront : bBack;
      const wb = (w * w) / (b * b);
      if (wb >= 1) return;
      const xr = a * Math.sqrt(1 - wb);
      const i0 = spanFirst(row, f.ox - xr);
      const i1 = spanLast(row, f.ox + xr);
      const wn = ((w - 1) * (w - 1)) / (nb * nb) + (hn * hn) / 0.7;
      for (let i = i0; i <= i1; i++) {
        const u = row.x0 + i * row.dx - f.ox;
        if (w > plan.wPostMm) {
          const k = Math.round((u + a) / BULGE_STEP_MM);
          if (w > plan.wPostMm + bulge[k < 0 ? 0 : k >= nBulge ? nBulge - 1 : k] * hp) continue;
        }
        const conc = ENDPLATE_CONCAVITY_MM * Math.max(0, 1 - (u * u) / (a * a) - wb) + 0.4;
        if (aboveLow < -conc || belowUp < -conc) continue;
        let label: number = Tissue.Annulus;
        if (!rudimentary) {
          const nr = (u * u) / (na * na) + wn;
          if (nr <= 1) label = hn * hn < cleft ? Tissue.Annulus : nucleusLabel;
          else if (nr <= 1.45 && nucleusLabel === Tissue.Nucleus) label = Tissue.NucleusMid;
        }
        row.labels[row.base + i] = label;
      }
    },
  };
}
