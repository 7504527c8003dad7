/**
 * Per-study smooth 3D texture tiles (32^3 each, periodic, zero mean, unit spread) that modulate tissue
 * signal: fine (trabeculae), medium (fat lobules, marrow islands), coarse (bowel contents, organs, uneven
 * fat suppression) and fibre (long along body z: muscle fibres). Plain TypeScript; never imports electron.
 */
import { xorshiftUniformTable } from '../xorshift';

export const TILE = 32;
/** Elements of one tile; tile t starts at t * TILE_SIZE in the array textureTiles returns. */
export const TILE_SIZE = TILE * TILE * TILE;
export const Grain = { Fine: 0, Medium: 1, Coarse: 2, Fibre: 3 } as const;
export type Grain = (typeof Grain)[keyof typeof Grain];

/** Periodic box blur of radius r along one axis (stride 1, 32 or 1024), by running sums. */
function boxAxis(src: Float32Array, stride: number, r: number): Float32Array {
  const out = new Float32Array(src.length);
  const n = TILE;
  const k = 1 / (2 * r + 1);
  for (let i = 0; i < src.length; i++) {
    const pos = Math.floor(i / stride) % n;
    if (pos !== 0) continue;
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

/** Blur radii (x, y, z) per pass of each grain. */
const GRAIN_BLUR: readonly (readonly [number, number, number])[] = [
  [1, 1, 1],
  [2, 2, 2],
  [4, 4, 4],
  [1, 1, 6],
];

/** Deterministic tiles from a 31-bit seed: four tiles, index t * TILE_SIZE + x + 32 * (y + 32 * z) (& 31). */
export function textureTiles(seed: number): Float32Array {
  const all = new Float32Array(4 * TILE_SIZE);
  GRAIN_BLUR.forEach((radii, t) => {
    let tile = whiteNoise(seed + 7919 * t);
    for (let pass = 0; pass < 2; pass++) {
      tile = boxAxis(tile, 1, radii[0]);
      tile = boxAxis(tile, TILE, radii[1]);
      tile = boxAxis(tile, TILE * TILE, radii[2]);
    }
    all.set(normalise(tile), t * TILE_SIZE);
  });
  return all;
}
