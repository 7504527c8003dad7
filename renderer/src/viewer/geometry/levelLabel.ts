/**
 * The spinal level of an axial slice from the analysis' level points (measured where they are: the
 * localizer's points lie in the spinal canal at each disc): "L4/L5 disc" within a few mm of a
 * disc, else "between L4/L5 and L5/S1" (or above/below the labelled levels). Renderer code: only main/shared.
 */
import type { StackGeometry } from '../../../../main/shared/apiWorkspace';
import type { LevelPoint } from '../../../../main/shared/findings';
import { LEVELS, levelDisplay, type Level } from '../../../../main/shared/targets';
import { dot, scale, add, sub, type Vec3 } from '../../../../main/shared/vec3';
import { meanSliceSpacingMm, stackNormalLps } from './stackFrame';

/**
 * About half a lumbar disc's height (mm): a slice whose plane is within this plus half the slice spacing
 * of a level point cuts that disc, so it reads "at" the disc.
 */
export const DISC_HALF_HEIGHT_MM = 4;

export type SliceLevel =
  | { kind: 'disc'; level: Level; distanceMm: number; text: string }
  | { kind: 'between'; upper: Level; lower: Level; text: string }
  | { kind: 'above' | 'below'; level: Level; text: string }
  | { kind: 'none'; text: string };

/** One point per level (the mean of that level's points over every series), in cranial-to-caudal order. */
export function levelCentresLps(points: readonly LevelPoint[]): Array<{ level: Level; positionLps: Vec3 }> {
  const out: Array<{ level: Level; positionLps: Vec3 }> = [];
  for (const level of LEVELS) {
    const mine = points.filter((p) => p.level === level);
    if (mine.length === 0) continue;
    const sum = mine.reduce<Vec3>((acc, p) => add(acc, p.positionLps), [0, 0, 0]);
    out.push({ level, positionLps: scale(sum, 1 / mine.length) });
  }
  return out;
}

/** Level of slice k of an axial stack from the signed distances of the level points from its plane. */
export function sliceLevelOf(
  g: StackGeometry,
  k: number,
  points: readonly LevelPoint[],
  toleranceMm = DISC_HALF_HEIGHT_MM + meanSliceSpacingMm(g) / 2,
): SliceLevel {
  const centres = levelCentresLps(points);
  if (centres.length === 0) return { kind: 'none', text: '' };
  const n = stackNormalLps(g);
  const plane = g.slicePositionsLps[k];
  const dist = centres.map((c) => dot(sub(c.positionLps, plane), n));
  let nearest = 0;
  dist.forEach((d, i) => {
    if (Math.abs(d) < Math.abs(dist[nearest])) nearest = i;
  });
  if (Math.abs(dist[nearest]) <= toleranceMm) {
    const level = centres[nearest].level;
    return { kind: 'disc', level, distanceMm: dist[nearest], text: `${levelDisplay(level)} disc` };
  }
  for (let i = 0; i + 1 < centres.length; i++) {
    if (Math.sign(dist[i]) !== Math.sign(dist[i + 1])) {
      const upper = centres[i].level;
      const lower = centres[i + 1].level;
      return {
        kind: 'between',
        upper,
        lower,
        text: `between ${levelDisplay(upper)} and ${levelDisplay(lower)}`,
      };
    }
  }
  // All level points on one side: the slice is cranial of the first or caudal of the last.
  const first = centres[0];
  const last = centres[centres.length - 1];
  const cranialSign = Math.sign(dot(sub(first.positionLps, last.positionLps), n)) || 1;
  const sliceIsCranial = Math.sign(-dist[0]) === cranialSign;
  return sliceIsCranial
    ? { kind: 'above', level: first.level, text: `above ${levelDisplay(first.level)}` }
    : { kind: 'below', level: last.level, text: `below ${levelDisplay(last.level)}` };
}
