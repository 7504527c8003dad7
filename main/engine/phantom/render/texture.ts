/**
 * Per-study smooth 3D texture tiles (32^3 each, periodic, zero mean, unit spread) that modulate tissue
 * signal: fine (gentle trabecular mottling), medium (fat lobules, nuclei), coarse (bowel contents, organs,
 * uneven fat suppression, the slow drift of fat), fibre (long along body z: muscle striation) and marrow
 * (low-frequency heterogeneity with sparse fatty islands). Plain TypeScript; never imports electron.
 */
import { xorshiftUniformTable } from '../xorshift';

export const TILE = 32;
/** Elements of one tile; tile t starts at t * TILE_SIZE in the array textureTiles returns. */
export const TILE_SIZE = TILE * TILE * TILE;
export const Grain = { Fine: 0, Medium: 1, Coarse: 2, Fibre: 3, Marrow: 4 } as const;
export type Grain = (typeof Grain)[keyof typeof Grain];
export const GRAIN_COUNT = 5;

/** Periodic box blur of radius r along one axis (stride 1, 32 or 1024), by running sums. */
function boxAxis(src: Float32Array, stride: number, r: number): Float32Array {
  if (r === 0) return src;
  const out = new Float32Array(src.length);
  const n = TILE;
  const k = 1 / (2 * r + 1);
  // Each line along the axis starts at base + o (its first element, position 0 along the axis).
  for (let base = 0; base < src.length; base += stride * n)
    for (let o = 0; o < stride; o++) {
      const i = base + o;
      let sum = 0;
      for (let d = -r; d <= r; d++) sum += src[i + (((d % n) + n) % n) * stride];
      for (let p = 0; p < n; p++) {
        out[i + p * stride] = sum * k;
        sum += src[i + ((p + r + 1) % n) * stride] - src[i + ((((p - r) % n) + n) % n) * stride];
      }
    }
  return out;
}

function normalise(tile: Float32Array): Float32Array {
  let mean = 0;
  for (let i = 0; i < tile.length; i++) mean += tile[i];
  mean /= tile.length;
  let sum2 = 0;
  for (let i = 0; i < tile.length; i++) sum2 += (tile[i] - mean) ** 2;
  const scale = 1 / Math.sqrt(sum2 / tile.length);
  for (let i = 0; i < tile.length; i++) tile[i] = (tile[i] - mean) * scale;
  return tile;
}

function whiteNoise(seed: number): Float32Array {
  return xorshiftUniformTable(TILE_SIZE, (seed ^ 0x5bd1e995) >>> 0 || 1);
}

/** White noise of `seed` box-blurred twice with radii (x, y, z) (a smooth, nearly Gaussian kernel), normalised. */
function smoothField(seed: number, radii: readonly [number, number, number]): Float32Array {
  let tile = whiteNoise(seed);
  for (let pass = 0; pass < 2; pass++) {
    tile = boxAxis(tile, 1, radii[0]);
    tile = boxAxis(tile, TILE, radii[1]);
    tile = boxAxis(tile, TILE * TILE, radii[2]);
  }
  return normalise(tile);
}

/**
 * Blur radii (x, y, z, in 0.8 mm voxels) of the plain grains. Two passes of a box of radius r give a kernel of
 * standard deviation sqrt(2 r (r + 1) / 3) voxels: fine ~0.9 mm (gentle mottling once the slab is averaged),
 * medium ~1.6 mm, coarse ~2.9 mm; fibre ~0.9 mm across and ~4.9 mm along z (striation along the fibres).
 */
const GRAIN_BLUR: readonly (readonly [number, number, number])[] = [
  [1, 1, 1],
  [2, 2, 2],
  [4, 4, 4],
  [1, 1, 7],
];

/**
 * Marrow: mostly low-frequency heterogeneity (patches of ~3-10 mm), a few brighter fatty islands (the top
 * ~10 % of a coarse field, up to about 1 cm) and a faint fine component (trabecular grain is far below the
 * voxel, so it only shows as gentle mottling). Positive = fattier (brighter on T1 and FSE T2).
 */
function marrowTile(seed: number): Float32Array {
  const patches = smoothField(seed + 101, [3, 3, 3]);
  const coarse = smoothField(seed + 202, [5, 5, 4]);
  const islandField = smoothField(seed + 303, [3, 3, 3]);
  const fine = smoothField(seed + 404, [1, 1, 1]);
  const t = new Float32Array(TILE_SIZE);
  for (let i = 0; i < TILE_SIZE; i++) {
    const island = islandField[i] > 1.25 ? islandField[i] - 1.25 : 0;
    t[i] = 0.5 * patches[i] + 0.5 * coarse[i] + 1.4 * island + 0.2 * fine[i];
  }
  return normalise(t);
}

/** Deterministic tiles from a 31-bit seed: GRAIN_COUNT tiles, index t * TILE_SIZE + x + 32 * (y + 32 * z) (& 31). */
export function textureTiles(seed: number): Float32Array {
  const all = new Float32Array(GRAIN_COUNT * TILE_SIZE);
  GRAIN_BLUR.forEach((radii, t) => all.set(smoothField(seed + 7919 * t, radii), t * TILE_SIZE));
  all.set(marrowTile(seed + 7919 * Grain.Marrow), Grain.Marrow * TILE_SIZE);
  return all;
}
