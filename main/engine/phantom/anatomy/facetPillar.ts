/**
 * Facet joint as part of the articular pillar (v6): the superior articular process (SAP, anterolateral, of the
 * vertebra below) rises from below, the inferior articular process (IAP, posteromedial, of the vertebra above)
 * descends from above, each a rhomboid tapering to its tip and running on into its vertebra's pedicle or
 * lamina (pars), with a thin curved joint space between them where they overlap. On a parasagittal slice the
 * pillar reads as a chain of rhomboid processes with thin joint lines, not v5's separate ovals; at the disc level
 * (|h| small) its axial section is v5's ellipse (su, sw), so the lateral recess narrows with grade as before.
 * Plain TypeScript; never imports electron or render code.
 */
import { boxOfLocal } from './geometry';
import type { DiscPlan, SideName } from './levelPlan';
import { SIDE_SIGN } from './levelPlan';
import { spanFirst as firstOf, spanLast as lastOf, type GridRow, type Primitive } from './primitive';
import { bone as boneOf, rowH as rowHOf, rowW as rowWOf } from './shapes';
import { Tissue as TissueLabels } from './tissues';

/** Local aliases: module-namespace getters (as emitted by esbuild/tsx) are slow in per-voxel loops. */
const Tissue = TissueLabels;
const spanFirst = firstOf;
const spanLast = lastOf;
const bone = boneOf;
const rowH = rowHOf;
const rowW = rowWOf;

/** Curvature (1/mm, half the inverse radius) of the facet joint line in the axial plane: radius ~12 mm. */
const JOINT_CURVATURE = 0.04;
/** Tilt of the joint line in the sagittal plane (mm of w per mm of h): its upper end a little anterior. */
const JOINT_TILT = -0.18;
/** Subchondral cortex each side of the joint space (v5 1.1 mm: a dark band, not a line, on parasagittal slices). */
const JOINT_CORTEX_MM = 0.6;
/** Each process's tip (fraction of the half-height sh beyond the centre) and where it starts to taper. */
const TIP = 0.95;
const TAPER_FROM = 0.25;
/** How far (fractions of sh) each process runs on past the centre toward its base (pedicle or pars). */
const BASE = 1.45;
/** The SAP's base leans anteriorly toward the pedicle, the IAP's posteriorly toward the lamina (mm per mm of h). */
const LEAN = 0.22;

/**
 * Axial elongation (v6): the SAP reaches ELONG of its semi-axis further laterally, the IAP further posteriorly, each
 * keeping its medial / anterior edge (the lateral recess), so the pair reads as two processes meeting at the joint
 * line (SAP anterolateral, IAP posteromedial) instead of one round "ear".
 */
const ELONG = 0.35;

/** Relative cross-section radius (1 at the centre's ellipse) of a process at height t (fraction of sh, tip +). */
function processRadius(t: number): number {
  if (t > TIP || t < -BASE) return 0;
  if (t > TAPER_FROM) return 1 - (0.68 * (t - TAPER_FROM)) / (TIP - TAPER_FROM);
  if (t < -BASE + 0.35) return 0.55 + (0.45 * (t + BASE)) / 0.35;
  return 1;
}

/** Facet joint on one side of a disc: the overlapping SAP and IAP of the articular pillar. */
export function facetJoint(plan: DiscPlan, side: SideName): Primitive {
  const fp = plan.facet[side];
  const f = plan.disc.frame;
  const s = SIDE_SIGN[side];
  const cosA = Math.cos(fp.jointAngleRad);
  const sinA = Math.sin(fp.jointAngleRad);
  const fluid = fp.fluidHalfMm * 0.75;
  const [su, sw, sh] = fp.semiMm;
  const uc = s * fp.uMm;
  const lean = LEAN * sh * BASE;
  const smin = Math.min(su, sw);
  return {
    name: `facet ${plan.disc.name} ${side}`,
    box: boxOfLocal(
      f,
      uc - su * (1 + 2 * ELONG),
      uc + su * (1 + 2 * ELONG),
      fp.wMm - sw - lean,
      fp.wMm + sw * (1 + 2 * ELONG) + lean,
      fp.hMm - sh * BASE,
      fp.hMm + sh * BASE,
    ),
    paintRow(row: GridRow): void {
      const h = rowH(f, row) - fp.hMm;
      const t = h / sh;
      if (t < -BASE || t > BASE) return;
      const w = rowW(f, row) - fp.wMm;
      // SAP: tip up (t), base down leaning anteriorly; IAP: tip down (-t), base up leaning posteriorly.
      const rS = processRadius(t);
      const rI = processRadius(-t);
      const wS = w - (t < 0 ? LEAN * h : 0);
      const wI = w - (t > 0 ? LEAN * h : 0) - ELONG * sw;
      const swI = sw * (1 + ELONG);
      const suS = su * (1 + ELONG);
      const qS = rS > 0 ? (wS * wS) / (sw * sw * rS * rS) : 2;
      const qI = rI > 0 ? (wI * wI) / (swI * swI * rI * rI) : 2;
      if (qS >= 1 && qI >= 1) return;
      const i0 = spanFirst(row, f.ox + uc - su * (1 + 2 * ELONG));
      const i1 = spanLast(row, f.ox + uc + su * (1 + 2 * ELONG));
      for (let i = i0; i <= i1; i++) {
        const u = row.x0 + i * row.dx - f.ox - uc;
        const uS = u - s * ELONG * su;
        const uu = (u * u) / (su * su);
        const uuS = (uS * uS) / (suS * suS);
        // Which side of the (curved, tilted) joint line: d < 0 anterolateral (SAP), d > 0 posteromedial (IAP).
        const tj = sinA * (s * u) + cosA * w;
        const d = -cosA * (s * u) + sinA * (w + JOINT_TILT * h) + JOINT_CURVATURE * tj * tj;
        const inS = rS > 0 && uuS / (rS * rS) + qS < 1;
        const inI = rI > 0 && uu / (rI * rI) + qI < 1;
        const both = rS > 0 && rI > 0;
        let q: number;
        let r: number;
        if (both && (inS || inI)) {
          // Where both processes overlap, the joint line splits them: fluid, then each process's cortex.
          const ad = Math.abs(d);
          if (d < 0 ? !inS : !inI) continue;
          if (ad < fluid) {
            row.labels[row.base + i] = Tissue.FacetFluid;
            continue;
          }
          if (ad < fluid + JOINT_CORTEX_MM) {
            row.labels[row.base + i] = Tissue.Cortex;
            continue;
          }
          q = d < 0 ? uuS / (rS * rS) + qS : uu / (rI * rI) + qI;
          r = d < 0 ? rS : rI;
        } else if (inS) {
          q = uuS / (rS * rS) + qS;
          r = rS;
        } else if (inI) {
          q = uu / (rI * rI) + qI;
          r = rI;
        } else continue;
        const depth = (1 - Math.sqrt(q)) * smin * r;
        row.labels[row.base + i] = bone(depth, row.labels[row.base + i]);
      }
    },
  };
}
