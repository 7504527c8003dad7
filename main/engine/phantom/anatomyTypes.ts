/**
 * The contract between the phantom's anatomy/renderer and its study writer: grades in, a spine in
 * patient LPS millimetres out, and noise-free slices rendered from it on any plane.
 * Plain TypeScript; never imports electron.
 */
import type { SliceGeometry } from '../../shared/sliceGeometry';
import type { Condition, Level, SeverityIndex } from '../../shared/targets';
import type { Vec3 } from '../../shared/vec3';

/** Ground-truth grade of each of the 25 targets (0 Normal/Mild, 1 Moderate, 2 Severe). */
export type StudyGrades = Record<Condition, Record<Level, SeverityIndex>>;

export type Contrast = 'T1' | 'T2' | 'STIR';

/** Ground-truth points of one disc level, all in patient LPS mm (after the patient's shift/rotation). */
export interface LevelAnatomy {
  level: Level;
  /** Centre of the intervertebral disc (nucleus). */
  discCenterLps: Vec3;
  /** Unit normal of the disc mid-plane, pointing towards the head (superior). */
  discNormal: Vec3;
  discHeightMm: number;
  /** Centre of the dural sac at the disc level (where SCS is graded and annotated). */
  canalCenterLps: Vec3;
  /** Centre of each neural foramen at this level (exiting root), where NFN is annotated. */
  foramenLps: { left: Vec3; right: Vec3 };
  /** Lateral recess (subarticular zone) at the disc level, where SS is annotated. */
  recessLps: { left: Vec3; right: Vec3 };
}

/** Transitional lumbosacral anatomy of a study (null: none). */
export type Transitional = 'sacralised-l5' | 'lumbarised-s1' | null;

/**
 * Confounding anatomy recorded in the ground truth. Level labels follow RSNA: the graded discs are counted
 * from the first vertebra below T12, so a transitional segment never moves a label to another disc.
 */
export interface AnatomyVariant {
  transitional: Transitional;
  /** Anterior slip of the vertebra above `level` over the one below (mm), or null. */
  spondylolisthesis: { level: Level; slipMm: number } | null;
}

export interface SpineAnatomy {
  levels: Record<Level, LevelAnatomy>;
  /** A point to centre fields of view on (centre of the L3 vertebral body). */
  fovCenterLps: Vec3;
  /** Unit vectors of the patient's body frame in LPS (identity without rotation): left, posterior, superior. */
  bodyAxes: readonly [Vec3, Vec3, Vec3];
  /** Transitional anatomy and spondylolisthesis of this study. */
  variant: AnatomyVariant;
}

/** What to render: one plane, its matrix, and the slice thickness to average over (partial volume). */
export interface SliceRequest {
  geometry: SliceGeometry;
  cols: number;
  rows: number;
  sliceThicknessMm: number;
  contrast: Contrast;
  /**
   * Share of k-space sampled along (columns, rows), 0.4..1: the acquired matrix over the stored one. Sets
   * the point-spread function (smoothing and Gibbs ringing); default DEFAULT_KSPACE_FRACTION.
   */
  kspaceFraction?: readonly [number, number];
}
