/**
 * Quadratus lumborum of the trunk cross-sections (phantom v6): a flat muscle lateral to the psoas and in front of
 * the erector spinae, from the tips of the transverse processes to the flank, thickest medially and tapering
 * laterally to its aponeurosis (a rounded triangle / quadrilateral in section, not an oval); thicker at the
 * lower lumbar levels, gone below the iliac crest. Its back lies on the erector spinae with a thin fat plane
 * (the anterior layer of the thoracolumbar fascia) between them. Plain TypeScript; never imports electron.
 */
import { backBlockWidth, backFrontYb, type BackSection } from './backMuscles';
import { smooth01 as smoothRamp } from './geometry';
import { noise2 as bilinearNoise } from './noiseField';
import { psoasLateralMm, streak as fibreField } from './psoas';
import { Tissue as TissueLabels } from './tissues';

const Tissue = TissueLabels;
const noise2 = bilinearNoise;
const smooth01 = smoothRamp;
const streak = fibreField;

/** What the quadratus lumborum needs of a cross-section. */
export interface QuadratusSection {
  li: number;
  z: number;
  /** 0..1: presence of the muscle at this level (0 above T12 and below the iliac crest). */
  qlScale: number;
  /** Half width of the vertebral body at this z. */
  vHalf: number;
  /** y' of the plan's muscleBack (posterior body wall + 2 mm). */
  muscleBack: number;
  bulk: number;
  phase: number;
  /** The back muscles of the section: the muscle's back lies on their front. */
  back: BackSection;
}

/** Width (mm, medial to lateral edge) and greatest thickness (mm, front to back) of the muscle at a section. */
export function quadratusSize(c: QuadratusSection): { medialMm: number; widthMm: number; thickMm: number } {
  const lower = smooth01((c.li - 3.5) / 2.5);
  return {
    // Behind the psoas' lateral part (the transverse processes' tips) out toward the flank.
    medialMm: Math.max(c.vHalf + 14, psoasLateralMm(c.li, c.vHalf) - 16),
    widthMm: (24 + 10 * lower) * c.bulk,
    thickMm: c.qlScale * (10 + 7 * lower) * c.bulk,
  };
}

/**
 * Quadratus lumborum label at (x, y'), or -1: Muscle (striated), the fat plane on its back, or -1 outside.
 * s = 0 at its medial edge ... 1 at its lateral tip; its back runs a little further back laterally (along the
 * erector spinae's rounded lateral edge); its thickness T(s) rises fast medially and falls off toward the tip.
 */
export function quadratusLabel(c: QuadratusSection, x: number, y: number): number {
  if (c.qlScale <= 0.05) return -1;
  const ax = x < 0 ? -x : x;
  const { medialMm, widthMm, thickMm } = quadratusSize(c);
  const s = (ax - medialMm) / widthMm;
  if (s < -0.05 || s > 2.4) return -1;
  const ph = c.phase + (x < 0 ? 1.7 : 0);
  // On the erector spinae's front (a thin fat plane between), curving back beyond its lateral edge.
  const w = backBlockWidth(c.back);
  const beyond = ax > w ? 0.3 * (ax - w) : 0;
  const yBack =
    c.muscleBack +
    backFrontYb(c.back, ax, w) -
    1.2 +
    beyond +
    0.6 * Math.min(0, noise2(0.06 * ax, 0.02 * c.z, ph + 2.3));
  if (y > yBack + 1.2 || y < yBack - thickMm * 1.2 - 3) return -1;
  if (s > 1) {
    // Past its lateral edge: the aponeurosis of transversus abdominis (a faint sub-voxel line) to the flank wall.
    const da = y - (yBack - 1.5 - 2 * (s - 1));
    return da > -0.6 && da < 0.6 && thickMm >= 3 ? Tissue.FasciaPartial : -1;
  }
  const sc = s < 0 ? 0 : s;
  // Rounded medial end (0 -> 1 over the first 25 %), a slightly convex front tapering to ~45 %, a rounded tip.
  const rise = sc < 0.25 ? Math.sqrt(sc / 0.25) : 1;
  const tip = sc > 0.8 ? Math.sqrt(Math.max(0, 1 - ((sc - 0.8) / 0.2) ** 2)) : 1;
  const fall = (1 - 0.55 * sc * Math.sqrt(sc)) * (1 + 0.15 * Math.sin(Math.PI * sc)) * tip;
  const thick = thickMm * rise * fall * (1 + 0.08 * noise2(0.09 * ax, 0.03 * c.z, ph + 3.1));
  const yFront = yBack - thick;
  if (s < 0 || thickMm < 3 || thick < 1.5 || y < yFront) return -1;
  if (y > yBack) return Tissue.FatPlane;
  const n = streak(ax, y, 0.95, -0.3, ph + 4 + c.z * 0.004);
  return n > 2.1 ? Tissue.MuscleMarbled : Tissue.Muscle;
}
