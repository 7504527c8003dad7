/**
 * Whether a study the analysis was asked to grade is a lumbar spine MRI at all (issue 9, section 5): the
 * geometry of its stacks (a sagittal plane from (0020,0037)) and of the levels the localiser finds (a
 * descending column of discs) decides, not English keywords. Plain TypeScript; never imports electron.
 */
import type { Finding } from '../../shared/findings';
import type { Vec3 } from '../../shared/vec3';
import { MIN_SAGITTAL_SLICES } from '../analysis/chooseSeries';
import type { Volume } from '../volume/types';

/** A stack is sagittal when its slice normal n = u x v lies within 45 degrees of patient x (LPS). */
export function isSagittalStack(vol: Volume): boolean {
  return Math.abs(vol.geometry.direction[2][0]) >= Math.SQRT1_2;
}

function planeName(vol: Volume): string {
  const n = vol.geometry.direction[2].map(Math.abs);
  return n[0] >= Math.max(n[1], n[2]) ? 'sagittal' : n[1] >= n[2] ? 'coronal' : 'axial';
}

/** `"description" (plane, role, N slices, field of view W x H mm)` per series, for the messages. */
export function describeSeries(volumes: readonly Volume[]): string {
  const seen = new Map<string, string>();
  for (const v of volumes) {
    const [cols, rows] = v.geometry.dims;
    const fov = `${Math.round(cols * v.geometry.spacingMm[0])} x ${Math.round(rows * v.geometry.spacingMm[1])} mm`;
    seen.set(
      v.seriesInstanceUid,
      `"${v.seriesDescription}" (${planeName(v)}, ${v.role}, ${v.geometry.dims[2]} slices, ${fov})`,
    );
  }
  return [...seen.values()].join(', ') || 'none';
}

/** A stack the localiser can read: sagittal by geometry, a sagittal T1 or T2/STIR role, enough decoded slices. */
function readableSagittal(v: Volume): boolean {
  const decoded = v.geometry.dims[2] - v.failedSliceIndices.length;
  return (
    isSagittalStack(v) &&
    (v.role === 'Sagittal T1' || v.role === 'Sagittal T2/STIR') &&
    decoded >= MIN_SAGITTAL_SLICES
  );
}

/**
 * Before grading, over every stack of the study: why it cannot be a lumbar spine MRI the model reads, or
 * undefined. Without a sagittal T1 or T2/STIR stack (plane from the geometry, whatever the descriptions say
 * and in whatever language) no disc level can be located, so nothing could be graded: an axial brain
 * FLAIR/EPI study ends here.
 */
export function notLumbarBeforeGrading(stacks: readonly Volume[]): string | undefined {
  if (stacks.some(readableSagittal)) return undefined;
  return (
    'this study has no sagittal T1 or T2/STIR series (plane from (0020,0037) Image Orientation), so no ' +
    `lumbar disc level can be located and no target graded; series found: ${describeSeries(stacks)}. ` +
    'SpineGrade reads lumbar spine MRI with sagittal T1 and T2/STIR series; nothing was stored.'
  );
}

/** A level point as the localiser found it: where, and its heatmap peak (0-1). */
export interface LevelCandidate {
  positionLps: Vec3;
  peak: number;
}

/**
 * What a lumbar column looks like to the localiser, in patient mm (LPS: +z is superior). Heatmap peaks
 * measured: spinegrade-phantom-v2 0.29-0.7 on 200 fresh phantoms (at least 3 of 5 levels above 0.25 in each
 * study), and 0.08-0.24 on blank, noise and head-like sagittal slabs, whose points also scatter or bunch up.
 * The floor is the v2 localiser's: v1 on v2 phantoms peaks at 0.20-0.25 in 1 study of 200, and v2 under
 * `evaluate --perturb 2` at 0.18-0.24 in the same study (1079642187 of seed 31337), each time on a column whose
 * five steps all fit. So a complete column counts with a lower floor: all five levels at completeColumnMinPeak
 * or more, each step fitting. Scattered peaks never line up five in a row (the head-like slab's, made
 * confident, line up two).
 */
export const LUMBAR_COLUMN = {
  /** A level point counts when its heatmap peak reaches this. */
  minPeak: 0.25,
  /** Disc centre to the next disc centre, per level step: adult lumbar discs lie about 25-45 mm apart. */
  stepMm: [15, 65] as const,
  /** Sideways (patient x) drift per level step; a mild scoliosis drifts a few mm. */
  maxLateralStepMm: 12,
  /** The step must run mostly foot-wards: -dz >= this share of its length (lordosis tilts it). */
  minFootwardShare: 0.6,
  /** Confident level points that must line up for a study to be read as a lumbar spine. */
  minLevels: 3,
  /** Or: all five level points line up (each step fits) with every heatmap peak at least this. */
  completeColumnMinPeak: 0.15,
};

function stepFits(upper: LevelCandidate, lower: LevelCandidate, levelGap: number): boolean {
  const d = [0, 1, 2].map((a) => lower.positionLps[a] - upper.positionLps[a]);
  const length = Math.hypot(d[0], d[1], d[2]);
  const perLevel = length / levelGap;
  return (
    perLevel >= LUMBAR_COLUMN.stepMm[0] &&
    perLevel <= LUMBAR_COLUMN.stepMm[1] &&
    Math.abs(d[0]) <= LUMBAR_COLUMN.maxLateralStepMm * levelGap &&
    -d[2] >= LUMBAR_COLUMN.minFootwardShare * length
  );
}

/**
 * The most level points (L1/L2..L5/S1 order; null = not found) that form a lumbar column: each reaches
 * minPeak (default LUMBAR_COLUMN.minPeak) and each step to the next kept level fits (longest chain, dynamic
 * programming).
 */
export function lumbarColumnLength(
  points: ReadonlyArray<LevelCandidate | null>,
  minPeak: number = LUMBAR_COLUMN.minPeak,
): number {
  const best: number[] = points.map(() => 0);
  points.forEach((p, i) => {
    if (!p || p.peak < minPeak) return;
    best[i] = 1;
    for (let j = 0; j < i; j++) {
      const q = points[j];
      if (q && best[j] > 0 && stepFits(q, p, i - j)) best[i] = Math.max(best[i], best[j] + 1);
    }
  });
  return Math.max(0, ...best);
}

/**
 * Whether the level points show a lumbar column: at least LUMBAR_COLUMN.minLevels confident points
 * (peak >= minPeak) line up, or all five line up with every peak >= completeColumnMinPeak (a real column the
 * localiser is less sure of, e.g. under strong scanner-like intensity changes).
 */
export function showsLumbarColumn(points: ReadonlyArray<LevelCandidate | null>): boolean {
  return (
    lumbarColumnLength(points) >= LUMBAR_COLUMN.minLevels ||
    (points.length === 5 && lumbarColumnLength(points, LUMBAR_COLUMN.completeColumnMinPeak) === 5)
  );
}

/**
 * After localising and grading: why the result is refused, or undefined. Refused when no target is
 * assessable, or when the level points show no lumbar column (showsLumbarColumn; a localiser shown a brain,
 * noise or a blank slab still finds weak, scattered peaks).
 */
export function notLumbarAfterGrading(
  volumes: readonly Volume[],
  findings: readonly Finding[],
  levels: ReadonlyArray<LevelCandidate | null>,
): string | undefined {
  if (!findings.some((f) => f.assessable))
    return (
      'no lumbar disc level was found on the sagittal series, so not one of the 25 targets could be graded: ' +
      `this does not look like a lumbar spine study (series: ${describeSeries(volumes)}); nothing was stored.`
    );
  if (showsLumbarColumn(levels)) return undefined;
  const column = lumbarColumnLength(levels);
  const confident = levels.filter((p) => p && p.peak >= LUMBAR_COLUMN.minPeak).length;
  const found =
    confident < LUMBAR_COLUMN.minLevels
      ? `only ${confident} of the 5 disc levels were found with confidence (heatmap peak >= ${LUMBAR_COLUMN.minPeak})`
      : `${confident} of the 5 disc levels were found with confidence but only ${column} of them line up as lumbar ` +
        `discs (each ${LUMBAR_COLUMN.stepMm[0]}-${LUMBAR_COLUMN.stepMm[1]} mm below the one above, drifting at ` +
        `most ${LUMBAR_COLUMN.maxLateralStepMm} mm sideways)`;
  return (
    `the sagittal series show no lumbar column: ${found}; ${LUMBAR_COLUMN.minLevels} are needed (or all 5 in ` +
    `line with peaks >= ${LUMBAR_COLUMN.completeColumnMinPeak}). This does ` +
    `not look like a lumbar spine study (series: ${describeSeries(volumes)}); nothing was stored.`
  );
}
