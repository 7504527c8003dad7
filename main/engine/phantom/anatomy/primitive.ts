/**
 * The shape primitive the rasteriser paints in order: a body-frame bounding box plus a point test.
 * Plain TypeScript; never imports electron or render code.
 */
import type { Box } from './geometry';

/** Returned by {@link Primitive.sample} where the primitive leaves the voxel as it is. */
export const KEEP = -1;

export interface Primitive {
  /** For debugging and profiling. */
  readonly name: string;
  /** Only voxels inside this body-frame box are offered to {@link Primitive.sample}. */
  readonly box: Box;
  /**
   * Tissue label at body-frame point (x, y, z) in mm, or {@link KEEP}; `current` is the label painted
   * so far (later primitives paint over earlier ones).
   */
  sample(x: number, y: number, z: number, current: number): number;
}
