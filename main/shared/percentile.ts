/**
 * Order statistics and percentiles in linear time (quickselect) instead of a full sort.
 * Pure TypeScript: imports nothing outside main/shared.
 */

type Mutable = Float32Array | Float64Array | number[];

/** Rearranges `a` so that a[k] is the k-th smallest value (0-based); returns it. NaNs must be removed first. */
export function selectInPlace(a: Mutable, k: number, from = 0, to = a.length - 1): number {
  if (k < from || k > to) throw new RangeError(`selectInPlace: k=${k} outside [${from}, ${to}]`);
  let lo = from;
  let hi = to;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three as pivot keeps sorted or constant input linear.
    const x = a[lo];
    const y = a[mid];
    const z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/** Smallest value of a[from..to]. */
function minOf(a: Mutable, from: number, to: number): number {
  let m = a[from];
  for (let i = from + 1; i <= to; i++) if (a[i] < m) m = a[i];
  return m;
}

/**
 * Linear-interpolated percentile (numpy's default method) of `a`, q in [0, 100]. Reorders `a` in place
 * (pass a copy to keep the original). Same value as sorting and interpolating, without the sort.
 */
export function percentileInPlace(a: Mutable, q: number): number {
  const n = a.length;
  if (n === 0) return 0;
  const pos = (Math.min(100, Math.max(0, q)) / 100) * (n - 1);
  const lo = Math.floor(pos);
  const vLo = selectInPlace(a, lo);
  if (lo + 1 >= n || pos === lo) return vLo;
  // After selection, the next order statistic is the minimum of the upper part.
  const vHi = minOf(a, lo + 1, n - 1);
  return vLo + (vHi - vLo) * (pos - lo);
}

/** k-th smallest (0-based) of a copy-free reorderable array; same as sorted[k]. */
export function orderStatisticInPlace(a: Mutable, k: number): number {
  return selectInPlace(a, Math.min(a.length - 1, Math.max(0, k)));
}
