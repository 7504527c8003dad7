/**
 * Plain records of a phantom study's series layout (planes in patient LPS mm) and the knobs that shape it.
 * Plain TypeScript; never imports electron.
 */
import type { SeriesRole } from '../../shared/findings';
import type { SliceGeometry } from '../../shared/sliceGeometry';
import type { Level } from '../../shared/targets';
import type { Contrast } from './anatomyTypes';

/** The three RSNA series roles a phantom writes (never 'Other'). */
export type PhantomRole = Exclude<SeriesRole, 'Other'>;

/** One separately planned block of parallel slices (a whole sagittal series, or one axial block). */
export interface StackPlan {
  /** Disc the block is angled to, for per-disc axial blocks. */
  level?: Level;
  /** Slices in spatial order: ascending along the slice normal n = u x v. */
  slices: SliceGeometry[];
}

/** One series to write: its role, contrast, matrix and the geometry of every slice. */
export interface SeriesPlan {
  /** Stable key inside the study ('sag_t1', 'sag_t2', 'ax_1', 'ax_2'): seeds and ids derive from it. */
  key: string;
  role: PhantomRole;
  contrast: Contrast;
  /** (0028,0011) Columns and (0028,0010) Rows. */
  cols: number;
  rows: number;
  /** (0028,0030) Pixel Spacing; square pixels, so one number (mm). */
  pixelSpacingMm: number;
  /** (0018,0050) Slice Thickness (mm). */
  sliceThicknessMm: number;
  /** (0018,0088) Spacing Between Slices (mm): thickness plus the gap. */
  spacingBetweenSlicesMm: number;
  stacks: StackPlan[];
  /**
   * (0020,0013) Instance Number of each slice, in the order of `stacks` flattened. Numbers can have gaps
   * and need not follow space, as on real scanners.
   */
  instanceNumbers: number[];
}

/** How a study's axial T2 coverage was planned (recorded in the ground truth). */
export type AxialMode = 'contiguous' | 'per-disc';

export interface LayoutOptions {
  /** Largest in-plane matrix (columns or rows) to draw; 256..640. */
  maxMatrix: number;
  /** Force the axial planning mode (fixtures); drawn from the seed when absent. */
  axialMode?: AxialMode;
}

export interface StudyLayout {
  series: SeriesPlan[];
  axialMode: AxialMode;
  /** Levels the axial blocks were planned to cover (cranial to caudal). */
  axialLevels: Level[];
}
