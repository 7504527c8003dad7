/**
 * Localizer training rows of one study (models/README.md "Localizer"): sagittal slices near the annotated
 * points plus a few negatives, with per-channel heatmap targets and the channel mask. Never imports electron.
 */
import { LEVELS } from '../../shared/targets';
import type { Vec3 } from '../../shared/vec3';
import type { Rng } from '../rng';
import type { Volume } from '../volume/types';
import { COVERAGE_TOLERANCE_SPACINGS } from './crossReference';
import { HEATMAP_PX, localizerImage, sourceToHeatmap } from './localizerInput';
import type { LoadedStudy, StudyPoints } from './studyPoints';
import { lpsToSliceIj, nearestSlice } from './volumeGeometry';

export interface LocalizerRow {
  /** [3, 256, 256] */
  image: Float32Array;
  /** [10, 3]: (x_hm, y_hm, weight) per channel. */
  targets: Float32Array;
  /** [10] */
  channelMask: Float32Array;
  meta: {
    study_id: string;
    series_id: string;
    slice_index: number;
    role: 'Sagittal T1' | 'Sagittal T2/STIR';
  };
}

/** A point projected into a stack: its nearest slice and pixel there. */
interface Projected {
  k: number;
  i: number;
  j: number;
}

function project(vol: Volume, p: Vec3 | undefined): Projected | undefined {
  if (!p) return undefined;
  const { k, distanceMm } = nearestSlice(vol, p);
  if (Math.abs(distanceMm) > COVERAGE_TOLERANCE_SPACINGS * vol.geometry.spacingMm[2]) return undefined;
  const { i, j } = lpsToSliceIj(vol, k, p);
  return { k, i, j };
}

function weightAt(k: number, p: Projected): number {
  const d = Math.abs(k - p.k);
  return d === 0 ? 1 : d === 1 ? 0.5 : 0;
}

/** Per channel 0..9 the candidate points (level channels: one; foramen channels: left and right). */
function channelPoints(vol: Volume, role: LocalizerRow['meta']['role'], points: StudyPoints): Projected[][] {
  return Array.from({ length: 10 }, (_, c) => {
    const level = LEVELS[c % 5];
    if (role === 'Sagittal T2/STIR' && c < 5) {
      return [project(vol, points.spinal_canal_stenosis?.[level]?.positionLps)].filter(
        (p): p is Projected => !!p,
      );
    }
    if (role === 'Sagittal T1' && c >= 5) {
      return [
        project(vol, points.left_neural_foraminal_narrowing?.[level]?.positionLps),
        project(vol, points.right_neural_foraminal_narrowing?.[level]?.positionLps),
      ].filter((p): p is Projected => !!p);
    }
    return [];
  });
}

function rowTargets(
  vol: Volume,
  k: number,
  cands: Projected[][],
  trained: boolean[],
): { targets: Float32Array; mask: Float32Array } {
  const targets = new Float32Array(30);
  const mask = new Float32Array(10);
  cands.forEach((list, c) => {
    // A channel without an annotation on this stack is masked: absent is not the same as "no point here".
    if (list.length === 0) return;
    mask[c] = trained[c] ? 1 : 0;
    const best = list.reduce((a, b) => (Math.abs(b.k - k) < Math.abs(a.k - k) ? b : a));
    const hm = sourceToHeatmap(vol, best.i, best.j, HEATMAP_PX);
    targets[c * 3] = hm.x;
    targets[c * 3 + 1] = hm.y;
    targets[c * 3 + 2] = weightAt(k, best);
  });
  return { targets, mask };
}

/**
 * Rows of one sagittal stack: slices within +-2 of any annotated point (weights 1 / 0.5 / 0) and
 * `negatives` other slices drawn at random. Level channels are trained on T2 rows, foramen channels on T1.
 */
export function localizerRows(
  study: LoadedStudy,
  points: StudyPoints,
  negatives: number,
  rng: Rng,
  emit: (row: LocalizerRow) => void,
): void {
  for (const series of study.series) {
    if (series.role !== 'Sagittal T2/STIR' && series.role !== 'Sagittal T1') continue;
    const role = series.role;
    for (const vol of series.stacks) {
      const cands = channelPoints(vol, role, points);
      const slices = vol.geometry.dims[2];
      const chosen = new Set<number>();
      for (const list of cands)
        for (const p of list)
          for (let d = -2; d <= 2; d++) if (p.k + d >= 0 && p.k + d < slices) chosen.add(p.k + d);
      if (chosen.size === 0) continue; // nothing annotated on this stack
      const others = Array.from({ length: slices }, (_, k) => k).filter((k) => !chosen.has(k));
      for (let n = 0; n < negatives && others.length > 0; n++)
        chosen.add(others.splice(rng.int(0, others.length - 1), 1)[0]);
      const trained = cands.map((_, c) => (role === 'Sagittal T2/STIR' ? c < 5 : c >= 5));
      for (const k of [...chosen].sort((a, b) => a - b)) {
        const { targets, mask } = rowTargets(vol, k, cands, trained);
        emit({
          image: localizerImage(vol, k),
          targets,
          channelMask: mask,
          meta: { study_id: study.studyId, series_id: series.seriesId, slice_index: k, role },
        });
      }
    }
  }
}
