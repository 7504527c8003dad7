/**
 * What fills the peritoneal cavity between the planned bowel tubes (phantom v6): small-bowel loops packed
 * against each other (an implicit field of loops ~2-3 cm across, each with a 2-3 mm intermediate-signal wall
 * round collapsed, fluid or, rarely, gas content, a thin fat line between neighbours), and mesenteric fat with
 * its vessels only along the root of the mesentery (obliquely from left of L2 to the right iliac fossa, in
 * front of the great vessels) and in a few wider clefts. v5 filled all of it with fat. Plain TypeScript.
 */
import { noise2 as bilinearNoise, noiseCell as cellNoise } from './noiseField';
import { Tissue as TissueLabels } from './tissues';

const Tissue = TissueLabels;
const noise2 = bilinearNoise;
const noiseCell = cellNoise;

/** Per band: where the mesentery's root lies at the band's z, and the band's phases. */
export interface MesenteryBand {
  z: number;
  /** The study's phase of the loop field, and the band's of the mesenteric vessels (v5's). */
  ph: number;
  vesselPh: number;
  /** x (mm) of the root's centre at this z, its half width (mm), and y' in front of which it does not reach. */
  rootX: number;
  rootHalfMm: number;
  rootFrontY: number;
}

/** Mesenteric fat with its thin vessels (v5's mesentery, now only at the root and in clefts). */
export function mesenteryFat(x: number, y: number, ph: number): number {
  // Thin vessels along the zero contours of a smooth field, broken into runs (not drawn lines through all the
  // fat); the nearest cell rules out most cells before the bilinear value is worked out.
  if (noiseCell(x * 0.3, y * 0.3, ph + 7) <= -0.2 || Math.abs(noiseCell(x * 0.45, y * 0.45, ph)) > 0.7) {
    return Tissue.Fat;
  }
  const n = noise2(x * 0.45, y * 0.45, ph);
  return n > -0.02 && n < 0.02 ? Tissue.Vessel : Tissue.Fat;
}

/** Scale (per mm) of the loop field: loops ~2-3 cm across. */
const LOOP_SCALE = 0.14;
/** |field| under which a cell is the fat between two loops, and (plus) the width of the walls, in field units. */
const FAT_LINE = 0.025;
const WALL = 0.1;

/**
 * Label of a cavity cell no tube takes: the root's fat and vessels, else packed loops (wall, then content).
 * The loop field drifts slowly with z, so loops run on through the bands (continuous on sagittal slices).
 */
export function cavityFill(m: MesenteryBand, x: number, y: number): number {
  const z = m.z;
  const ph = m.ph;
  // The root: a band of fat round the superior mesenteric vessels, wavy edges.
  const dr = Math.abs(x - m.rootX) / m.rootHalfMm + 0.25 * noiseCell(0.08 * x, 0.08 * y, ph + 3.3);
  if (dr < 1 && y > m.rootFrontY) return mesenteryFat(x, y, m.vesselPh);
  // Two fields drifting apart with z: the loops change shape from band to band, not only move.
  const u = LOOP_SCALE * (x + 0.3 * z);
  const v = LOOP_SCALE * (y - 0.2 * z);
  const n =
    0.72 *
    (noise2(u, v, ph + 5.7) + noise2(LOOP_SCALE * (x - 0.25 * z), LOOP_SCALE * (y + 0.3 * z), ph + 6.9));
  const an = n < 0 ? -n : n;
  // Fat between loops: a thin line, wider near the root and in a few clefts (worked out only near a line).
  if (an < 8 * FAT_LINE + WALL) {
    const cleft = noiseCell(0.04 * x, 0.04 * y + 0.01 * z, ph + 8.8);
    const fatLine = FAT_LINE * (1 + (dr < 2 ? 2 * (2 - dr) : 0) + (cleft > 1.5 ? 3 : 0));
    if (an < fatLine) return an < fatLine * 0.5 ? Tissue.Fat : Tissue.FatPlane;
    if (an < fatLine + WALL) return Tissue.Viscera;
  }
  // Content of the loop: fluid in some, collapsed mucosa (feathery folds) in most, gas rarely (at the front).
  const kind = noiseCell(0.06 * (x - 0.2 * z), 0.06 * (y + 0.2 * z), ph + (n > 0 ? 1.1 : 2.2));
  if (kind > 0.7) {
    if (kind > 2.1 && y < m.rootFrontY - 40) return Tissue.BowelGas;
    return kind < 0.85 ? Tissue.Viscera : Tissue.BowelFluid;
  }
  return Math.abs(noiseCell(0.5 * x, 0.5 * y, ph + 4.4 + 0.01 * z)) < 0.12
    ? Tissue.BowelFluid
    : Tissue.Viscera;
}
