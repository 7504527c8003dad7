/**
 * Which map rows of each trunk band a slice's sample planes can read (for the bowel painting, the costly part
 * of a band: softTissue.ts paints a band's bowel only in the rows asked for). An oblique axial plane crosses a
 * band in a strip a few mm deep, not across the band's whole depth. Plain TypeScript; never imports electron.
 */
import type { BackgroundMap, BowelRows } from '../anatomy/softTissue';
import type { LabelGrid } from './labelGrid';

/** The planes as the renderer samples them (grid voxel coordinates; renderSlice.ts SamplePlanes). */
export interface PlaneLattice {
  /** Grid coordinates of pixel (0, 0) of plane s: origins[3 * s + axis]. */
  origins: Float64Array;
  /** The stratum of plane s along the slice normal, in grid voxels: strata[3 * s + axis]. */
  strata: Float64Array;
  colStep: readonly number[];
  rowStep: readonly number[];
  cols: number;
  rows: number;
  k: number;
}

/** Where the grid is (the renderer reads the map in body mm from grid coordinates). */
export type GridPlace = Pick<LabelGrid, 'x0' | 'y0' | 'z0' | 'voxelMm'>;

/**
 * Lattice step (pixels) of the planes' points the row ranges are worked out from; the margins cover the rest
 * (a coarse lattice: working the ranges out must cost far less than the painting it saves).
 */
const STEP = 32;

/**
 * Per band b0..b1, the map rows the renderer can read at sample points of the planes: a lattice of the points
 * of the first and last planes every STEP pixels, each widened by a lattice step, the pixel dither (half a voxel
 * plus the stratum's half depth) and one band of slab dither, and the curve's change over that z. A superset,
 * never less (the planes between lie between the first and the last).
 */
export function sampledBowelRows(
  bg: BackgroundMap,
  g: GridPlace,
  p: PlaneLattice,
  b0: number,
  b1: number,
): BowelRows {
  const n = Math.max(0, b1 - b0 + 1);
  const lo = new Int32Array(n).fill(bg.rows);
  const hi = new Int32Array(n).fill(-1);
  const v = g.voxelMm;
  const last = bg.curveY.length - 1;
  const reach = [0, 1, 2].map((a) => STEP * (Math.abs(p.colStep[a]) + Math.abs(p.rowStep[a])) + 2);
  const cs: number[] = [];
  for (let c = 0; c < p.cols; c += STEP) cs.push(c);
  cs.push(p.cols - 1);
  const rs: number[] = [];
  for (let r = 0; r < p.rows; r += STEP) rs.push(r);
  rs.push(p.rows - 1);
  // The first and last planes (the others lie between them), each widened by half a stratum.
  for (const s of p.k > 1 ? [0, p.k - 1] : [0]) {
    const jy = reach[1] + 0.5 * Math.abs(p.strata[3 * s + 1]);
    const jz = reach[2] + 0.5 * Math.abs(p.strata[3 * s + 2]);
    for (const c of cs)
      for (const r of rs) {
        // Body mm of the point (the voxel centre convention of accumulatePlanes: grid coordinate + 0.5 - 0.5).
        const gy = p.origins[3 * s + 1] + c * p.colStep[1] + r * p.rowStep[1];
        const gz = p.origins[3 * s + 2] + c * p.colStep[2] + r * p.rowStep[2];
        const zLo = g.z0 + (gz - jz) * v;
        const zHi = g.z0 + (gz + jz) * v;
        const yLo = g.y0 + (gy - jy) * v;
        const yHi = g.y0 + (gy + jy) * v;
        let cMin = Infinity;
        let cMax = -Infinity;
        const k0 = Math.max(0, Math.floor(zLo - bg.curveZ0) - 1);
        const k1 = Math.min(last, Math.ceil(zHi - bg.curveZ0) + 1);
        for (let k = k0; k <= k1; k++) {
          cMin = Math.min(cMin, bg.curveY[k]);
          cMax = Math.max(cMax, bg.curveY[k]);
        }
        const rowLo = Math.floor(yLo - cMax - bg.y0) - 1;
        const rowHi = Math.ceil(yHi - cMin - bg.y0) + 1;
        const bLo = Math.floor((zLo - bg.bandZ0) / bg.bandMm) - 1;
        const bHi = Math.floor((zHi - bg.bandZ0) / bg.bandMm) + 1;
        for (let b = bLo; b <= bHi; b++) {
          // The renderer reads the first or last band beyond the map's ends.
          const i = Math.min(bg.bands - 1, Math.max(0, b)) - b0;
          if (i < 0 || i >= n) continue;
          lo[i] = Math.min(lo[i], rowLo);
          hi[i] = Math.max(hi[i], rowHi);
        }
      }
  }
  for (let i = 0; i < n; i++) {
    lo[i] = Math.max(0, lo[i]);
    hi[i] = Math.min(bg.rows - 1, hi[i]);
  }
  return { b0, lo, hi };
}
