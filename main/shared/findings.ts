/**
 * Plain data records of an analysis that cross every boundary (IPC, HTTP host, CLI JSON, store).
 * Pure TypeScript: imports nothing outside main/shared.
 */
import type { Condition, Level, Severity, Side } from './targets';
import type { Vec3 } from './vec3';

/** Series roles recognised by the importer; exact strings of the RSNA series descriptions. */
export const SERIES_ROLES = ['Sagittal T1', 'Sagittal T2/STIR', 'Axial T2', 'Other'] as const;
export type SeriesRole = (typeof SERIES_ROLES)[number];

/** Where the viewer should jump for a target: one pixel of one instance, plus its patient position. */
export interface KeyLocation {
  seriesInstanceUid: string;
  sopInstanceUid: string;
  /** Index of the slice in its stack, sorted along the slice normal. */
  sliceIndex: number;
  row: number;
  col: number;
  positionLps: Vec3;
}

/** Probabilities in the contract order [normal_mild, moderate, severe], calibrated, summing to 1. */
export type Probabilities = readonly [number, number, number];

export interface Finding {
  condition: Condition;
  level: Level;
  side: Side;
  /** Null when not assessable. */
  probabilities: Probabilities | null;
  grade: Severity | null;
  assessable: boolean;
  /** Why the target could not be graded, when assessable is false. */
  notAssessableReason?: string;
  /** True when the grading needs a careful look (rule documented in the engine). */
  uncertain: boolean;
  /** Why, when the engine states it (e.g. read through slices that failed to decode). */
  uncertainReason?: string;
  keyLocation: KeyLocation | null;
}

/** A level's point on one series, for drawing level labels. */
export interface LevelPoint {
  level: Level;
  seriesInstanceUid: string;
  sliceIndex: number;
  row: number;
  col: number;
  positionLps: Vec3;
}

export interface ModelRef {
  id: string;
  version: string;
  sha256: string;
}
