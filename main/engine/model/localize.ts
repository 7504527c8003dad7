/**
 * Stage 1 at inference: run the localizer over every slice of the sagittal stacks and decode the level
 * points (sagittal T2, else T1) and the left/right foramina (sagittal T1). Never imports electron.
 */
import type { Volume } from '../volume/types';
import {
  channelPeak,
  decodeForamina,
  decodeLevelPoints,
  LOCALIZER_PX,
  localizerBatch,
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

/** Peaks of all 10 channels on every slice of a stack. */
export async function stackPeaks(sessions: ModelSessions, vol: Volume): Promise<SlicePeaks[]> {
  const slices = vol.geometry.dims[2];
  const out: SlicePeaks[] = [];
  for (let k0 = 0; k0 < slices; k0 += BATCH) {
    const count = Math.min(BATCH, slices - k0);
    const input = localizerBatch(vol, k0, count);
    const { data, dims } = await runFloat(
      sessions.localizer,
      { image: { data: input, dims: [count, 3, LOCALIZER_PX, LOCALIZER_PX] } },
      'heatmaps',
    );
    const [, channels, h, w] = dims;
    for (let b = 0; b < count; b++) {
      const peaks = Array.from({ length: channels }, (_, c) => channelPeak(data, b, c, channels, h, w));
      out.push({ volume: vol, k: k0 + b, peaks, heatmapPx: w });
    }
  }
  return out;
}

/**
 * Localize a study from its largest sagittal T2 and T1 stacks (either may be undefined). Level points
 * come from T2; without T2 they fall back to T1 (channels 0-4 on T1 slices) and a note says so.
 */
export async function localize(
  sessions: ModelSessions,
  sagT2: Volume | undefined,
  sagT1: Volume | undefined,
): Promise<Localization> {
  const notes: string[] = [];
  const t2Peaks = sagT2 ? await stackPeaks(sessions, sagT2) : [];
  const t1Peaks = sagT1 ? await stackPeaks(sessions, sagT1) : [];
  let levelSource: Localization['levelSource'] = null;
  let levelPoints: Array<DecodedPoint | null> = [null, null, null, null, null];
  if (sagT2) {
    levelPoints = decodeLevelPoints(t2Peaks);
    levelSource = 'Sagittal T2/STIR';
  } else if (sagT1) {
    levelPoints = decodeLevelPoints(t1Peaks);
    levelSource = 'Sagittal T1';
    notes.push(
      'No sagittal T2/STIR series: level points were located on sagittal T1 instead (less reliable).',
    );
  }
  const midline = levelPoints.map((p) => (p ? p.positionLps[0] : null));
  const foramina = decodeForamina(t1Peaks, midline);
  return { levelPoints, levelSource, foramina, notes };
}
