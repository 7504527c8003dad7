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

/** Bins of the histogram pass of {@link orderStatistics}. */
const HISTOGRAM_BINS = 4096;
/** Integer data spanning fewer values than this are counted per value instead. */
const INTEGER_SPAN = 65_536;

/**
 * Several order statistics (0-based ranks, each clamped into the array) of `a` without reordering it: one
 * pass finds min and max, one builds a histogram over [min, max] (a monotonic binning, so each rank falls
 * in a known bin), one gathers only the values of the bins holding a wanted rank, and a quickselect in
 * each finishes exactly. Integer data over fewer than 65,536 values are counted per value (exact, and no
 * gathering or selection). Same values as sorting; NaNs must be removed first. Empty input gives zeros.
 */
export function orderStatistics(a: ArrayLike<number>, ranks: readonly number[]): number[] {
  const n = a.length;
  if (n === 0) return ranks.map(() => 0);
  let min = a[0];
  let max = a[0];
  let integral = a[0] === Math.floor(a[0]);
  for (let i = 1; i < n; i++) {
    const v = a[i];
    if (v < min) min = v;
    else if (v > max) max = v;
    if (v !== Math.floor(v)) integral = false;
  }
  if (!(max > min)) return ranks.map(() => min);
  const clampRank = (r: number): number => Math.min(n - 1, Math.max(0, Math.floor(r)));
  if (integral && max - min < INTEGER_SPAN) {
    // Integer values (most MR pixels): one counter per value, so a rank's bin is its value; no selection.
    const perValue = new Int32Array(max - min + 1);
    for (let i = 0; i < n; i++) perValue[a[i] - min]++;
    return ranks.map((r) => {
      let rank = clampRank(r);
      let value = 0;
      while (rank >= perValue[value]) rank -= perValue[value++];
      return min + value;
    });
  }
  const scale = HISTOGRAM_BINS / (max - min);
  const last = HISTOGRAM_BINS - 1;
  // Bin of v: min(last, floor((v - min) * scale)), monotonic in v; written inline in both passes.
  const counts = new Int32Array(HISTOGRAM_BINS);
  for (let i = 0; i < n; i++) {
    const b = ((a[i] - min) * scale) | 0;
    counts[b > last ? last : b]++;
  }
  // Per wanted rank: its bin and its rank inside that bin.
  const wanted = ranks.map((r) => {
    let rank = clampRank(r);
    let bin = 0;
    while (rank >= counts[bin]) rank -= counts[bin++];
    return { bin, rank };
  });
  const slotOfBin = new Int32Array(HISTOGRAM_BINS).fill(-1);
  const slots: Float64Array[] = [];
  for (const w of wanted) {
    if (slotOfBin[w.bin] < 0) {
      slotOfBin[w.bin] = slots.length;
      slots.push(new Float64Array(counts[w.bin]));
    }
  }
  const filled = new Int32Array(slots.length);
  for (let i = 0; i < n; i++) {
    const b = ((a[i] - min) * scale) | 0;
    const s = slotOfBin[b > last ? last : b];
    if (s >= 0) slots[s][filled[s]++] = a[i];
  }
  return wanted.map(({ bin, rank }) => selectInPlace(slots[slotOfBin[bin]], rank));
}

/**
 * Linear-interpolated percentiles (numpy's default method) of `a` for each q in [0, 100], without
 * reordering `a`: the same values as sorting and interpolating, in linear time via {@link orderStatistics}.
 */
export function percentiles(a: ArrayLike<number>, qs: readonly number[]): number[] {
  const n = a.length;
  if (n === 0) return qs.map(() => 0);
  const positions = qs.map((q) => (Math.min(100, Math.max(0, q)) / 100) * (n - 1));
  const ranks = positions.flatMap((pos) => [Math.floor(pos), Math.min(n - 1, Math.floor(pos) + 1)]);
  const stats = orderStatistics(a, ranks);
  return positions.map((pos, i) => {
    const lo = Math.floor(pos);
    const vLo = stats[2 * i];
    if (lo + 1 >= n || pos === lo) return vLo;
    return vLo + (stats[2 * i + 1] - vLo) * (pos - lo);
  });
}
