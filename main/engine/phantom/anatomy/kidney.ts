/**
 * The kidneys of the trunk cross-sections: a bean-shaped section per side (cortex, medullary pyramids, renal
 * sinus fat holding the pelvis and the renal vein) in perirenal fat closed by a thin, broken Gerota fascia.
 * Plain TypeScript; never imports electron or render code.
 */
import { noise2 as bilinearNoise } from './noiseField';
import { Tissue as TissueLabels } from './tissues';
import type { TrunkPlan } from './trunkPlan';

/** Local aliases: module-namespace getters (as emitted by esbuild/tsx) are slow in per-cell loops. */
const Tissue = TissueLabels;
const noise2 = bilinearNoise;

/** What the kidney label needs of a cross-section: the study's plan and the section's body z (mm). */
export interface KidneySection {
  p: Pick<TrunkPlan, 'kidney' | 'septaPhase'>;
  z: number;
}

/** Renal pyramids around the kidney's core (7 per section), their bases against the cortex. */
const PYRAMIDS = 7;

/**
 * Kidney in perirenal fat (Gerota's fascia around it), or -1 where neither is. The section is a bean whose
 * hilum faces anteromedially: cortex under the capsule and as columns between the medullary pyramids; near
 * the hilum (mid-kidney) a renal sinus of fat holds the renal pelvis (urine), opening medially with the renal
 * vein in front of the pelvis. Coordinates: un toward the hilum side (un < 0 medial), vn across.
 */
export function kidneyLabel(c: KidneySection, x: number, y: number): number {
  const k = x > 0 ? c.p.kidney.left : c.p.kidney.right;
  const ez = (c.z - k.zc) / k.halfLenMm;
  if (ez * ez >= 1) return -1;
  const s = Math.sqrt(1 - ez * ez);
  const dx = (x - k.x) * Math.sign(k.x);
  const dy = y - k.y;
  // Long axis from posterolateral to anteromedial (turned ~30 degrees): u > 0 lateral and posterior.
  const u = 0.87 * dx + 0.5 * dy;
  const v = -0.5 * dx + 0.87 * dy;
  const a = 1.1 * k.semiX * s + 0.5;
  const b = 0.82 * k.semiY * s + 0.5;
  const un = u / a;
  const vn = v / b;
  const e0 = un * un + vn * vn;
  if (e0 >= 3) return -1;
  const ph = c.p.septaPhase[0] + 4;
  const e = e0 + 0.06 * noise2(0.12 * x, 0.12 * y, ph);
  if (e >= 1) {
    // Perirenal fat (more of it posterolaterally), closed by Gerota's fascia: a thin, uneven sub-voxel plane
    // (v6: a faint partial-volume line all round, its darker core seen in stretches; v5 drew a dotted line).
    const outer = 1.75 + 0.45 * un + 0.35 * noise2(0.05 * x, 0.05 * y, ph + 1);
    const gMm = ((e - outer) * a) / (2 * Math.sqrt(e));
    if (gMm > 0.8) return -1;
    if (gMm < -0.8) return Tissue.Fat;
    const vis = noise2(0.08 * x, 0.08 * y, ph + 2);
    if (gMm > -0.3 && gMm < 0.3 && vis > 0.3) return Tissue.Septum;
    return vis > -1.4 ? Tissue.FasciaPartial : Tissue.Fat;
  }
  // Renal sinus at mid-kidney: fat, with the pelvis (urine) and the renal vein in front of it.
  const h = 1 - (ez / 0.6) ** 2;
  if (h > 0) {
    const sv = 0.5 * Math.sqrt(h);
    const su = (un + 0.95) / 0.95;
    const sn = vn / sv;
    if (su * su + sn * sn < 1) {
      const pu = (un + 0.75) / 0.5;
      const pv = (vn - 0.06) / (0.45 * sv);
      if (pu * pu + pv * pv < 1) return Tissue.RenalPelvis;
      if (un < -0.55 && Math.abs(vn + 0.62 * sv) < 0.12) return Tissue.Vessel;
      return Tissue.Fat;
    }
  }
  const r = Math.sqrt(e);
  const rimMm = (1 - r) * b;
  if (rimMm < 3.5 + 1.5 * s) return Tissue.Kidney;
  // Pyramids: sectors about a point on the hilum side, wide at the base (outside), narrow at the papilla.
  const th = Math.atan2(vn, un + 0.5 * (h > 0 ? h : 0));
  const f = (th * (PYRAMIDS / 6.2832) + 10.25 + 0.15 * k.zc) % 1;
  const t = (r - 0.25) / 0.45;
  return Math.abs(f - 0.5) < 0.12 + 0.26 * (t < 0 ? 0 : t > 1 ? 1 : t) ? Tissue.KidneyMedulla : Tissue.Kidney;
}
