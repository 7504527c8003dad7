/**
 * Classifier training rows of one study: per level the exact crops at the annotated points plus K jittered
 * copies (slice +-2, in-plane +-10 px of the source image), with the 5 labels. Never imports electron.
 */
import { CONDITIONS, LEVELS, type Level } from '../../shared/targets';
import { add, scale, type Vec3 } from '../../shared/vec3';
import type { Rng } from '../rng';
import type { Volume } from '../volume/types';
import { buildClassifierInput, type ClassifierInput, type LevelViews } from './classifierInput';
import type { CropSpec } from './crops';
import { nearestAxialSlice } from './crossReference';
import type { StudyLabels } from './metric';
import { levelPointLps, stacksOfRole, type LoadedStudy, type StudyPoints } from './studyPoints';
import { nearestSlice } from './volumeGeometry';

/** Jitter ranges of the contract: slices +-2, in-plane +-10 px. */
export const JITTER_SLICES = 2;
export const JITTER_PX = 10;

export interface ClassifierRow {
  input: ClassifierInput;
  /** [5]: class per condition, -1 where missing. */
  labels: BigInt64Array;
  meta: { study_id: string; level: Level; jitter: number };
}

interface Shift {
  dk: number;
  di: number;
  dj: number;
}

function shiftOf(rng: Rng | undefined): Shift {
  if (!rng) return { dk: 0, di: 0, dj: 0 };
  return {
    dk: rng.int(-JITTER_SLICES, JITTER_SLICES),
    di: rng.uniform(-JITTER_PX, JITTER_PX),
    dj: rng.uniform(-JITTER_PX, JITTER_PX),
  };
}

/** A point moved in-plane by (di, dj) source px of vol, and its centre slice moved by dk. */
function moved(vol: Volume, p: Vec3, s: Shift): { p: Vec3; k: number } {
  const g = vol.geometry;
  const q = add(
    p,
    add(scale(g.direction[0], s.di * g.spacingMm[0]), scale(g.direction[1], s.dj * g.spacingMm[1])),
  );
  return { p: q, k: nearestSlice(vol, p).k + s.dk };
}

/** The other foramen mirrored across the level point in patient x, when only one side is annotated. */
function mirrored(p: Vec3, levelPoint: Vec3): Vec3 {
  return [2 * levelPoint[0] - p[0], p[1], p[2]];
}

function levelViews(
  study: LoadedStudy,
  points: StudyPoints,
  level: Level,
  lp: Vec3,
  rng: Rng | undefined,
): LevelViews {
  const views: LevelViews = {};
  const scs = points.spinal_canal_stenosis?.[level];
  const t2 =
    scs && scs.volume.role === 'Sagittal T2/STIR' ? scs.volume : stacksOfRole(study, 'Sagittal T2/STIR')[0];
  if (t2) {
    const m = moved(t2, lp, shiftOf(rng));
    views.sagT2 = { volume: t2, pointLps: m.p, k: m.k };
  }
  const left = points.left_neural_foraminal_narrowing?.[level];
  const right = points.right_neural_foraminal_narrowing?.[level];
  const t1 = (left ?? right)?.volume ?? stacksOfRole(study, 'Sagittal T1')[0];
  if (t1 && (left || right)) {
    const lPos = left?.positionLps ?? mirrored(right!.positionLps, lp);
    const rPos = right?.positionLps ?? mirrored(left!.positionLps, lp);
    const r = moved(t1, rPos, shiftOf(rng));
    const l = moved(t1, lPos, shiftOf(rng));
    views.sagT1 = { volume: t1, rightLps: r.p, leftLps: l.p, kRight: r.k, kLeft: l.k };
  }
  const match = nearestAxialSlice(stacksOfRole(study, 'Axial T2'), lp);
  if (match.covered) {
    const s = shiftOf(rng);
    views.axT2 = { volume: match.volume, levelPointLps: moved(match.volume, lp, s).p, k: match.k + s.dk };
  }
  return views;
}

function labelsOf(labels: StudyLabels | undefined, level: Level): BigInt64Array {
  return BigInt64Array.from(CONDITIONS.map((c) => BigInt(labels?.[c]?.[level] ?? -1)));
}

/**
 * Rows of one study: per level with a level point, the exact crops (jitter 0) and `jitter` jittered copies.
 * Returns the levels skipped for want of any annotated point.
 */
export function classifierRows(
  study: LoadedStudy,
  points: StudyPoints,
  labels: StudyLabels | undefined,
  spec: CropSpec,
  jitter: number,
  rng: Rng,
  emit: (row: ClassifierRow) => void,
): Level[] {
  const skipped: Level[] = [];
  for (const level of LEVELS) {
    const lp = levelPointLps(points, level);
    if (!lp) {
      skipped.push(level);
      continue;
    }
    for (let j = 0; j <= jitter; j++) {
      const input = buildClassifierInput(
        levelViews(study, points, level, lp, j === 0 ? undefined : rng),
        spec,
      );
      emit({ input, labels: labelsOf(labels, level), meta: { study_id: study.studyId, level, jitter: j } });
    }
  }
  return skipped;
}
