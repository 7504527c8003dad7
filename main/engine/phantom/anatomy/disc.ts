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

/** Posterolateral corner rounding (v6): from |u| = CORNER_FROM * half-width, up to CORNER_MM / (1 - CORNER_FROM)^2 mm forward. */
const CORNER_FROM = 0.55;
const CORNER_MM = 40;
/**
 * Kidney-shaped outline (v6): the posterior margin of a disc is hollowed, up to KIDNEY_MM forward at the midline
 * (Gaussian over KIDNEY_SIGMA of the half-width), the hollow fading (quadratically) as the central bulge grows to
 * KIDNEY_FADE_MM above its 0.8 mm floor (canal severity 0.4): a normal disc is concave behind, a bulging one (grade 1
 * and worse) convex as before, so canal grading is unchanged.
 */
const KIDNEY_MM = 3.4;
const KIDNEY_SIGMA = 0.25;
const KIDNEY_FADE_MM = 3.2;
/** Nucleus centre (v6): posterior of the disc centre by this fraction of its anteroposterior semi-axis. */
const NUCLEUS_BACK = 0.2;
/** Outer rim thickness wanders by this fraction with the zone field, about RIM_MEAN of v5's (v6: no ring of constant width). */
const RIM_WANDER = 0.4;
const RIM_MEAN = 0.8;

/** Thickness (mm) of the black outer annulus (Sharpey fibres at the rim) of a healthy disc; + 0.6 mm fully degenerated. */
const OUTER_RIM_MM = 1.7;
/** Thickness (mm) of the darker middle annulus just inside the outer rim. */
const ANNULUS_MID_MM = 1.8;
/**
 * Zones of the disc by the squared normalised nucleus radius nr: core (< 0.56, radius 0.75), nucleus edge (< 1),
 * transition (< 1.56, radius 1.25), inner annulus (< 2.56, radius 1.6), middle annulus beyond; then the outer
 * rim by distance to the margin. Each zone a step darker, so after the point-spread function the nucleus's
 * signal fades into the annulus instead of ending at a drawn outline.
 */
const ZONE_NR = [0.5625, 1, 1.5625, 2.56] as const;
const ZONE_JITTER = 0.16;
const ZONE_DITHER = 0.07;
/** Raw nr beyond which the jittered nr is past the last boundary anyway. */
const ZONE_NR_FAR = ZONE_NR[3] / (1 - ZONE_JITTER - ZONE_DITHER);

/**
 * Labels of the five zones (core outward) for a degeneration 0..1 (Pfirrmann-like): I-II a bright core fading
 * through the nucleus edge, a grey transition and the grey-dark inner annulus; III a grey core; IV a dark grey
 * disc without a nucleus/annulus distinction; V black throughout.
 */
export function discZoneLabels(deg: number): readonly number[] {
  if (deg > 0.85) return [Tissue.Annulus, Tissue.Annulus, Tissue.Annulus, Tissue.Annulus, Tissue.Annulus];
  if (deg > 0.62)
    return [
      Tissue.NucleusDegen,
      Tissue.NucleusDegen,
      Tissue.AnnulusMid,
      Tissue.AnnulusMid,
      Tissue.AnnulusMid,
    ];
  if (deg > 0.38)
    return [
      Tissue.NucleusMid,
      Tissue.NucleusMid,
      Tissue.InnerAnnulus,
      Tissue.InnerAnnulus,
      Tissue.AnnulusMid,
    ];
  return [Tissue.Nucleus, Tissue.NucleusFade, Tissue.NucleusMid, Tissue.InnerAnnulus, Tissue.AnnulusMid];
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
  const rudimentary = d.morphology === 'rudimentary' || (d.kind === 'sacral' && d.morphology !== 'formed');
  const deg = d.severity.degeneration;
  // Pfirrmann-like: bright (I), with an intranuclear cleft (II), grey (III), dark (IV), black and collapsed (V).
  const zones = discZoneLabels(deg);
  const cleft = deg > 0.12 && deg <= 0.38 ? 0.004 + 0.01 * deg : 0;
  const nucScale = 1 - 0.35 * deg;
  const na = plan.halfWidthMm * 0.6 * nucScale;
  const nb = plan.ellipseMm * 0.5 * nucScale;
  const ia2 = 1 / (a * a);
  const ia4 = ia2 * ia2;
  const rimMm = OUTER_RIM_MM + 0.6 * deg;
  const phase = (f.oz * 0.37) % (2 * Math.PI);
  const nBulge = Math.ceil((2 * a) / BULGE_STEP_MM) + 1;
  const kidneyT = Math.min(1, Math.max(0, (plan.bulge.centralMm - 0.8) / KIDNEY_FADE_MM));
  const kidneyMm = KIDNEY_MM * (1 - kidneyT * kidneyT);
  const kidneyS2 = 2 * (KIDNEY_SIGMA * a) * (KIDNEY_SIGMA * a);
  const bulge = Float32Array.from({ length: nBulge }, (_, k) => {
    const u = -a + k * BULGE_STEP_MM;
    return discBulgeMm(plan, u) - kidneyMm * Math.exp(-(u * u) / kidneyS2);
  });
  const nucW = 1 + NUCLEUS_BACK * nb;
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
      const wn = ((w - nucW) * (w - nucW)) / (nb * nb) + (hn * hn) / 0.7;
      const ib2 = 1 / (b * b);
      const wTerm = w * w * ib2 * ib2;
      const nearBack = w > plan.wPostMm - kidneyMm - rimMm * (RIM_MEAN + RIM_WANDER) - ANNULUS_MID_MM;
      // The wander field sin(0.55 u + pa) cos(0.42 u - pb) along the row, by rotating two unit vectors one voxel
      // at a time (no trigonometry per voxel).
      const u0 = row.x0 + i0 * row.dx - f.ox;
      const pa = 0.55 * u0 + 0.6 * w + 1.7 * hn + phase;
      const pb = 0.42 * u0 - 0.5 * w + 1.1 * hn - phase;
      let sa = Math.sin(pa);
      let ca = Math.cos(pa);
      let sb = Math.sin(pb);
      let cb = Math.cos(pb);
      const sda = Math.sin(0.55 * row.dx);
      const cda = Math.cos(0.55 * row.dx);
      const sdb = Math.sin(0.42 * row.dx);
      const cdb = Math.cos(0.42 * row.dx);
      // Inside this ellipse q2 < rimQ2 every point lies deeper than the rim and middle annulus (the distance to
      // an ellipse's outline is at least (1 - sqrt q) times its smaller semi-axis).
      const deep = 1 - (rimMm * (RIM_MEAN + RIM_WANDER) + ANNULUS_MID_MM) / (a < b ? a : b);
      const rimQ2 = deep > 0 ? deep * deep : 0;
      for (let i = i0; i <= i1; i++) {
        const u = row.x0 + i * row.dx - f.ox;
        const wander = sa * cb;
        const sa1 = sa * cda + ca * sda;
        ca = ca * cda - sa * sda;
        sa = sa1;
        const sb1 = sb * cdb + cb * sdb;
        cb = cb * cdb - sb * sdb;
        sb = sb1;
        let back = plan.wPostMm;
        if (nearBack) {
          const k = Math.round((u + a) / BULGE_STEP_MM);
          back += bulge[k < 0 ? 0 : k >= nBulge ? nBulge - 1 : k] * hp;
          // v6: the posterolateral corners round forward (the margin curves into the lateral wall, no square
          // corner under the foramen); the central and recess bulges (|u| < 0.55 a) are as before.
          const au = (u < 0 ? -u : u) / a - CORNER_FROM;
          if (au > 0) back -= CORNER_MM * au * au;
          if (w > back) continue;
        }
        const q2 = u * u * ia2 + wb;
        const conc = ENDPLATE_CONCAVITY_MM * Math.max(0, 1 - q2) + 0.4;
        if (aboveLow < -conc || belowUp < -conc) continue;
        let label: number = Tissue.Annulus;
        if (!rudimentary) {
          // Zone boundaries wander by up to +-ZONE_JITTER (a smooth field of ~7-11 mm wavelength, its own per
          // disc), so they are uneven lobulated contours, not concentric drawn ellipses; and by +-ZONE_DITHER per
          // voxel (a fixed hash of its index), so neighbouring zones interleave over about a voxel at each
          // boundary and the point-spread function blends the steps.
          // (Beyond the last boundary's reach, the outer zone whatever the wander: no trigonometry there.)
          const nr0 = (u * u) / (na * na) + wn;
          const nr =
            nr0 > ZONE_NR_FAR
              ? nr0
              : nr0 *
                (1 +
                  ZONE_JITTER * wander +
                  ZONE_DITHER * ((Math.imul(row.base + i, 0x9e3779b1) >>> 24) / 128 - 1));
          if (nr < ZONE_NR[0]) label = hn * hn < cleft ? Tissue.NucleusFade : zones[0];
          else {
            label =
              nr < ZONE_NR[1]
                ? hn * hn < cleft
                  ? Tissue.NucleusFade
                  : zones[1]
                : nr < ZONE_NR[2]
                  ? zones[2]
                  : nr < ZONE_NR[3]
                    ? zones[3]
                    : zones[4];
            // Distance to the disc's outer margin (first-order distance to the ellipse; behind, to the
            // bulging posterior margin): a thin black outer rim, the middle annulus just inside it.
            if (q2 < rimQ2 && !nearBack) {
              row.labels[row.base + i] = label;
              continue;
            }
            const g = Math.sqrt(u * u * ia4 + wTerm);
            let rim = g > 1e-9 ? (1 - q2) / (2 * g) : a;
            if (nearBack && back - w < rim) rim = back - w;
            const rimHere = rimMm * (RIM_MEAN + RIM_WANDER * wander);
            if (rim < rimHere) label = Tissue.Annulus;
            else if (rim < rimHere + ANNULUS_MID_MM && label !== Tissue.Annulus) label = Tissue.AnnulusMid;
          }
        }
        row.labels[row.base + i] = label;
      }
    },
  };
}
