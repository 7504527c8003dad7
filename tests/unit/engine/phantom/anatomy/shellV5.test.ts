/**
 * Phantom v5 bone shells: an ellipsoidal bone shape (facet processes, sacral alae) has a cortex about as thin
 * along its long axes as along its short one; v4 scaled the depth by the shortest semi-axis, so the shell was
 * s / smin times thicker along an axis of semi-axis s (dark rings round the facets on parasagittal images).
 */
import { describe, expect, it } from 'vitest';
import { frameAt } from '../../../../../main/engine/phantom/anatomy/geometry';
import type { GridRow } from '../../../../../main/engine/phantom/anatomy/primitive';
import { ellipsoid } from '../../../../../main/engine/phantom/anatomy/shapes';
import { Tissue } from '../../../../../main/engine/phantom/anatomy/tissues';

/** Paint a primitive on one row along x at (y, z), 0.1 mm voxels over -20..20 mm; the labels. */
function paintLine(paint: (row: GridRow) => void, y: number, z: number): Uint8Array {
  const n = 401;
  const labels = new Uint8Array(n).fill(Tissue.Muscle);
  paint({ labels, base: 0, ix0: 0, ix1: n - 1, x0: -20, dx: 0.1, y, z });
  return labels;
}

/** Cortex run (mm) from the first bone voxel inward. */
function shellMm(labels: Uint8Array): number {
  const first = labels.findIndex((l) => l !== Tissue.Muscle);
  let k = first;
  while (labels[k] === Tissue.Cortex) k++;
  return (k - first) * 0.1;
}

describe('phantom v5 bone shells', () => {
  it('draws an elongated ellipsoid bone with a ~1 mm cortex along its long and short axes', () => {
    const f = frameAt(0, 0, 0, 0);
    for (const s of [
      [12, 4, 5],
      [16, 5, 4],
      [6, 3, 9],
    ] as const) {
      const prim = ellipsoid('test', f, [0, 0, 0], s, null);
      // Along x (u) through the centre: the u semi-axis is the longest (or not); the shell stays about 1 mm.
      const t = shellMm(paintLine((r) => prim.paintRow(r), 0, 0));
      // 1917c5e: 3 mm, 4 mm and 2 mm (s[0] / smin times 1 mm).
      expect(t).toBeGreaterThan(0.8);
      expect(t).toBeLessThan(1.3);
    }
  });
});
