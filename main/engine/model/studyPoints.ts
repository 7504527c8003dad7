/**
 * A study's series as loaded for the model (by RSNA series id and role) and its annotated points from
 * train_label_coordinates.csv lifted to patient mm. Plain Node; never imports electron or the faces.
 */
import type { SeriesRole } from '../../shared/findings';
import { CONDITIONS, LEVELS, type Condition, type Level } from '../../shared/targets';
import { scale, add, type Vec3 } from '../../shared/vec3';
import type { Volume } from '../volume/types';
import type { LabelCoordinate } from './rsnaDataset';
import { voxelToLps } from './volumeGeometry';

/** One series of a study: its RSNA series id (folder name), role and stacks. */
export interface SeriesVolumes {
  seriesId: string;
  role: SeriesRole;
  stacks: Volume[];
}

export interface LoadedStudy {
  studyId: string;
  series: SeriesVolumes[];
  /** Import problems worth reporting (file: message). */
  problems: string[];
}

/** An annotated point located in a stack: slice k, pixel (i, j) and patient mm. */
export interface LocatedPoint {
  volume: Volume;
  k: number;
  i: number;
  j: number;
  positionLps: Vec3;
}

export type StudyPoints = Partial<Record<Condition, Partial<Record<Level, LocatedPoint>>>>;

/** Locate one coordinate row: the stack of its series that holds its instance number. */
export function locateCoordinate(study: LoadedStudy, c: LabelCoordinate): LocatedPoint | undefined {
  const series = study.series.find((s) => s.seriesId === c.seriesId);
  for (const volume of series?.stacks ?? []) {
    const k = volume.instanceNumbers.indexOf(c.instanceNumber);
    if (k >= 0) return { volume, k, i: c.x, j: c.y, positionLps: voxelToLps(volume, c.x, c.y, k) };
  }
  return undefined;
}

/** Every coordinate of a study located; rows whose series or instance is absent are skipped. */
export function studyPoints(study: LoadedStudy, coordinates: readonly LabelCoordinate[]): StudyPoints {
  const out: StudyPoints = {};
  for (const c of coordinates) {
    const p = locateCoordinate(study, c);
    if (p) out[c.condition] = { ...out[c.condition], [c.level]: p };
  }
  return out;
}

/**
 * The level point of a level in patient mm: the spinal canal (SCS) point; else the midpoint of the two
 * subarticular points; else of the two foramen points (both lie about the midline).
 */
export function levelPointLps(points: StudyPoints, level: Level): Vec3 | undefined {
  const scs = points.spinal_canal_stenosis?.[level];
  if (scs) return scs.positionLps;
  const pairs: Array<[Condition, Condition]> = [
    ['left_subarticular_stenosis', 'right_subarticular_stenosis'],
    ['left_neural_foraminal_narrowing', 'right_neural_foraminal_narrowing'],
  ];
  for (const [l, r] of pairs) {
    const a = points[l]?.[level];
    const b = points[r]?.[level];
    if (a && b) return scale(add(a.positionLps, b.positionLps), 0.5);
  }
  return undefined;
}

/** Stacks of every series with a role, largest series first. */
export function stacksOfRole(study: LoadedStudy, role: SeriesRole): Volume[] {
  return study.series
    .filter((s) => s.role === role)
    .flatMap((s) => s.stacks)
    .sort((a, b) => b.geometry.dims[2] - a.geometry.dims[2]);
}

/** Count of annotated points per condition (for index.json counts). */
export function pointCounts(points: StudyPoints): number {
  return CONDITIONS.reduce((n, c) => n + LEVELS.filter((l) => points[c]?.[l]).length, 0);
}
