/**
 * Fixed tables of uniform deviates from a 32-bit xorshift stream (shifts 13, 17, 5), for the generator's
 * dither, noise tiles and noise fields. Plain TypeScript.
 */

/** `length` values in [-0.5, 0.5) from the xorshift32 stream started at `seed` (a non-zero uint32). */
export function xorshiftUniformTable(length: number, seed: number): Float32Array {
  const t = new Float32Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    t[i] = (state >>> 0) / 4294967296 - 0.5;
  }
  return t;
}
