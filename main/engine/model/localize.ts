/**
 * Stage 1 at inference: run the localizer over the sagittal stacks (coarse to fine) and decode the level
 * points (sagittal T2, else T1) and the left/right foramina (sagittal T1). Never imports electron.
 */
import type { Volume } from '../volume/types';
import {
  channelPeak,
  decodeForamina,
  decodeLevelPoints,
  LOCALIZER_PX,
  resampleSlice,
  tripletSlices,
  type DecodedPoint,
  type SlicePeaks,
} from './localizerInput';
import { runFloat, type ModelSessions } from './sessions';

export interface Localization {
  /** Per level (L1/L2..L5/S1) the level point, or null when not found. */
  levelPoints: Array<DecodedPoint | null>;
  /** Which role the level points come from; 'Sagittal T1' is the documented fallback. */
  levelSource: 'Sagittal T2/STIR' | 'Sagittal T1' | null;
  /** Per level the left and right foramen points from sagittal T1. */
  foramina: Array<{ left: DecodedPoint | null; right: DecodedPoint | null }>;
  notes: string[];
}

/** Slices per localizer batch (bounded memory: 0.8 MB per slice). */
const BATCH = 16;

/** 'every-slice' runs the localizer on all slices (the reference the coarse-to-fine search is tested against). */
export type LocalizerSearch = 'coarse-to-fine' | 'every-slice';

/** A slice to run: stack and slice index. */
interface SliceRef {
  volume: Volume;
  k: number;
}

/**
 * Runs the localizer on slices on demand and keeps their peaks: each source slice is resampled once
 * (neighbouring inputs share their slices) and slices of several stacks share one batch.
 */
class PeakCache {
  /** Per stack and slice, where its resampled plane was first written (a view into a batch input). */
  private readonly planes = new Map<Volume, Map<number, Float32Array>>();
  readonly peaks = new Map<Volume, Map<number, SlicePeaks>>();

  constructor(private readonly sessions: ModelSessions) {}

  has(volume: Volume, k: number): boolean {
    return this.peaks.get(volume)?.has(k) ?? false;
  }

  /** Peaks of the evaluated slices of a stack, in slice order. */
  of(volume: Volume | undefined): SlicePeaks[] {
    if (!volume) return [];
    return [...(this.peaks.get(volume)?.values() ?? [])].sort((x, y) => x.k - y.k);
  }

  /**
   * Write the resampled plane of source slice kk at input[offset]: resampled there the first time, copied
   * from where it was written before after that (planes are shared by neighbouring inputs and kept
   * across batches).
   */
  private putPlane(volume: Volume, kk: number, input: Float32Array, offset: number): void {
    let byK = this.planes.get(volume);
    if (!byK) this.planes.set(volume, (byK = new Map()));
    const done = byK.get(kk);
    if (done) {
      input.set(done, offset);
      return;
    }
    resampleSlice(volume, kk, input, offset);
    byK.set(kk, input.subarray(offset, offset + LOCALIZER_PX * LOCALIZER_PX));
  }

  /** Run the localizer on the slices not evaluated yet. */
  async run(refs: readonly SliceRef[]): Promise<void> {
    const todo = refs.filter(
      (r, i) => !this.has(r.volume, r.k) && refs.findIndex((o) => o.volume === r.volume && o.k === r.k) === i,
    );
    const plane = LOCALIZER_PX * LOCALIZER_PX;
    for (let b0 = 0; b0 < todo.length; b0 += BATCH) {
      const batch = todo.slice(b0, b0 + BATCH);
      const input = new Float32Array(batch.length * 3 * plane);
      batch.forEach(({ volume, k }, b) => {
        // The input of slice k exactly as localizerImage (prep) builds it, planes shared.
        tripletSlices(k, volume.geometry.dims[2]).forEach((kk, c) =>
          this.putPlane(volume, kk, input, (b * 3 + c) * plane),
        );
      });
      const { data, dims } = await runFloat(
        this.sessions.localizer,
        { image: { data: input, dims: [batch.length, 3, LOCALIZER_PX, LOCALIZER_PX] } },
        'heatmaps',
      );
      const [, channels, h, w] = dims;
      batch.forEach(({ volume, k }, b) => {
        const peaks = Array.from({ length: channels }, (_, c) => channelPeak(data, b, c, channels, h, w));
        let byK = this.peaks.get(volume);
        if (!byK) this.peaks.set(volume, (byK = new Map()));
        byK.set(k, { volume, k, peaks, heatmapPx: w });
      });
    }
  }
}

/** Every slice of a stack, or every other one (k = 0, 2, 4, ...) for the coarse pass. */
function slicesOf(volume: Volume | undefined, step: 1 | 2): SliceRef[] {
  if (!volume) return [];
  const out: SliceRef[] = [];
  for (let k = 0; k < volume.geometry.dims[2]; k += step) out.push({ volume, k });
  return out;
}

/** The unevaluated neighbours k-1 and k+1 of each point's slice. */
function neighbours(cache: PeakCache, points: ReadonlyArray<DecodedPoint | null>): SliceRef[] {
  const out: SliceRef[] = [];
  for (const p of points) {
    if (!p) continue;
    for (const k of [p.k - 1, p.k + 1]) {
      if (k >= 0 && k < p.volume.geometry.dims[2] && !cache.has(p.volume, k))
        out.push({ volume: p.volume, k });
    }
  }
  return out;
}

/**
 * Localize a study from its largest sagittal T2 and T1 stacks (either may be undefined). Level points
 * come from T2; without T2 they fall back to T1 (channels 0-4 on T1 slices) and a note says so.
 *
 * Coarse to fine: the localizer first runs on every other slice of both stacks, then on the unevaluated
 * neighbours of each current best slice (per level; per level and side for the foramina) until every
 * best slice is a local maximum over its evaluated neighbours. A stack where any level (or, with a
 * midline, any foramen) has no peak above MIN_PEAK after the coarse pass is run on every slice, so a
 * weak or missing structure is searched as thoroughly as a full pass would.
 */
export async function localize(
  sessions: ModelSessions,
  sagT2: Volume | undefined,
  sagT1: Volume | undefined,
  search: LocalizerSearch = 'coarse-to-fine',
): Promise<Localization> {
  const notes: string[] = [];
  const cache = new PeakCache(sessions);
  const levelVolume = sagT2 ?? sagT1;
  const decode = (): {
    levelPoints: Array<DecodedPoint | null>;
    foramina: Localization['foramina'];
  } => {
    const levelPoints = levelVolume
      ? decodeLevelPoints(cache.of(levelVolume))
      : [null, null, null, null, null];
    const midline = levelPoints.map((p) => (p ? p.positionLps[0] : null));
    return { levelPoints, foramina: decodeForamina(cache.of(sagT1), midline) };
  };
  const step = search === 'every-slice' ? 1 : 2;
  await cache.run([...slicesOf(sagT2, step), ...slicesOf(sagT1, step)]);
  let d = decode();
  const full: SliceRef[] = [];
  if (levelVolume && d.levelPoints.some((p) => p === null)) full.push(...slicesOf(levelVolume, 1));
  const midlineKnown = d.levelPoints.some((p) => p !== null);
  if (sagT1 && midlineKnown && d.foramina.some((f, l) => d.levelPoints[l] && (!f.left || !f.right)))
    full.push(...slicesOf(sagT1, 1));
  if (full.length > 0) {
    await cache.run(full);
    d = decode();
  }
  for (let round = 0; round < 8; round++) {
    const want = [
      ...neighbours(cache, d.levelPoints),
      ...neighbours(
        cache,
        d.foramina.flatMap((f) => [f.left, f.right]),
      ),
    ];
    if (want.length === 0) break;
    await cache.run(want);
    d = decode();
  }
  let levelSource: Localization['levelSource'] = null;
  if (sagT2) levelSource = 'Sagittal T2/STIR';
  else if (sagT1) {
    levelSource = 'Sagittal T1';
    notes.push(
      'No sagittal T2/STIR series: level points were located on sagittal T1 instead (less reliable).',
    );
  }
  return { levelPoints: d.levelPoints, levelSource, foramina: d.foramina, notes };
}
