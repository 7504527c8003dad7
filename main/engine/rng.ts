/**
 * Seeded pseudo-random numbers (mulberry32 on a string-hashed seed) so every phantom and every training
 * batch is reproducible. Shared by the phantom generator and model prep, hence in main/engine itself.
 * Plain TypeScript; never imports electron.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  uniform(lo: number, hi: number): number;
  int(lo: number, hiInclusive: number): number;
  normal(mean?: number, sd?: number): number;
  pick<T>(items: readonly T[]): T;
  bool(p: number): boolean;
  /** An independent stream derived from this seed and a label (stable when other draws change). */
  fork(label: string): Rng;
}

function hashString(text: string): number {
  let h = 2166136261 >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h >>> 0;
}

/** Create a seeded generator; the same seed text always yields the same sequence. */
export function createRng(seed: string | number): Rng {
  const seedText = String(seed);
  let state = hashString(seedText) || 0x9e3779b9;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    normal: (mean = 0, sd = 1) => {
      const u1 = Math.max(next(), 1e-12);
      const u2 = next();
      return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    },
    pick: (items) => items[Math.floor(next() * items.length)],
    bool: (p) => next() < p,
    fork: (label) => createRng(`${seedText}/${label}`),
  };
  return rng;
}
