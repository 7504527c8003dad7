/**
 * Per-study smooth 3D texture tile (32^3, periodic, zero mean, unit spread) that modulates tissue
 * signal: marrow trabeculae, muscle fibres, bowel contents. Plain TypeScript; never imports electron.
 */

export const TILE = 32;

function blurAxis(src: Float32Array, stride: number): Float32Array {
  const out = new Float32Array(src.length);
  const n = TILE;
  for (let i = 0; i < src.length; i++) {
    const pos = Math.floor(i / stride) % n;
    const base = i - pos * stride;
    const prev = base + ((pos + n - 1) % n) * stride;
    const next = base + ((pos + 1) % n) * stride;
    out[i] = 0.25 * src[prev] + 0.5 * src[i] + 0.25 * src[next];
  }
  return out;
}

/** Deterministic tile from a 31-bit seed; index as x + 32 * (y + 32 * z) with coordinates & 31. */
export function textureTile(seed: number): Float32Array {
  let state = (seed ^ 0x5bd1e995) >>> 0 || 1;
  let tile: Float32Array = new Float32Array(TILE * TILE * TILE);
  for (let i = 0; i < tile.length; i++) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    tile[i] = state / 4294967296 - 0.5;
  }
  for (let pass = 0; pass < 2; pass++) {
    tile = blurAxis(tile, 1);
    tile = blurAxis(tile, TILE);
    tile = blurAxis(tile, TILE * TILE);
  }
  let sum2 = 0;
  for (let i = 0; i < tile.length; i++) sum2 += tile[i] * tile[i];
  const scale = 1 / Math.sqrt(sum2 / tile.length);
  for (let i = 0; i < tile.length; i++) tile[i] *= scale;
  return tile;
}
