/**
 * Shared helpers of the phantom render tests: grades, planes through ground-truth points, and
 * intensity measurements around a patient point. Test code only.
 */
import { buildSpineAnatomy } from '../../../../../main/engine/phantom/anatomy/buildSpineAnatomy';
import { lpsToBody, modelOf, type PhantomModel } from '../../../../../main/engine/phantom/anatomy/model';
import { backgroundLabel } from '../../../../../main/engine/phantom/anatomy/softTissue';
import { gridOf, type LabelGrid } from '../../../../../main/engine/phantom/render/labelGrid';
import type { Contrast, SpineAnatomy, StudyGrades } from '../../../../../main/engine/phantom/anatomyTypes';
import { renderSlice } from '../../../../../main/engine/phantom/render/renderSlice';
import { planeThrough } from '../../../../../main/engine/phantom/render/previewPlanes';
import type { LocalFrame } from '../../../../../main/engine/phantom/anatomy/geometry';
import type { Primitive } from '../../../../../main/engine/phantom/anatomy/primitive';
import { createRng } from '../../../../../main/engine/rng';
import { lpsToPixel, type SliceGeometry } from '../../../../../main/shared/sliceGeometry';
import {
  CONDITIONS,
  LEVELS,
  type Condition,
  type Level,
  type SeverityIndex,
} from '../../../../../main/shared/targets';
import { add, cross, dot, normalize, scale, sub, type Vec3 } from '../../../../../main/shared/vec3';

/** What a slice samples at a body-frame point: the label grid's nearest voxel, the trunk map outside the grid. */
export function labelAtBody(m: PhantomModel, g: LabelGrid, x: number, y: number, z: number): number {
  const ix = Math.round((x - g.x0) / g.voxelMm);
  const iy = Math.round((y - g.y0) / g.voxelMm);
  const iz = Math.round((z - g.z0) / g.voxelMm);
  if (ix < 0 || iy < 0 || iz < 0 || ix >= g.nx || iy >= g.ny || iz >= g.nz)
    return backgroundLabel(m.background, x, y, z);
  return g.labels[(iz * g.ny + iy) * g.nx + ix];
}

/** The label at a patient point (LPS mm) of a built phantom (nearest grid voxel; the trunk map outside it). */
export function labelAtLps(a: SpineAnatomy, p: readonly [number, number, number]): number {
  const m = modelOf(a);
  const [x, y, z] = lpsToBody(m, [p[0], p[1], p[2]]);
  return labelAtBody(m, gridOf(m), x, y, z);
}

export function grades(overrides: Array<[Condition, Level, SeverityIndex]> = []): StudyGrades {
  const g = {} as StudyGrades;
  for (const c of CONDITIONS) {
    g[c] = {} as StudyGrades[Condition];
    for (const l of LEVELS) g[c][l] = 0;
  }
  for (const [c, l, s] of overrides) g[c][l] = s;
  return g;
}

export function build(seed: string, overrides: Array<[Condition, Level, SeverityIndex]> = []): SpineAnatomy {
  return buildSpineAnatomy(createRng(seed), grades(overrides));
}

export { planeThrough };

/** Sagittal plane (anterior left, head up) through a patient point. */
export function sagittalThrough(a: SpineAnatomy, centre: Vec3, fovMm = 260, matrix = 384): SliceGeometry {
  return planeThrough(centre, a.bodyAxes[1], scale(a.bodyAxes[2], -1), fovMm, matrix);
}

/** Axial plane parallel to a level's disc through its canal centre. */
export function axialAt(a: SpineAnatomy, level: Level, fovMm = 180, matrix = 320): SliceGeometry {
  const la = a.levels[level];
  const n = la.discNormal;
  const p = a.bodyAxes[1];
  const v = normalize(sub(p, scale(n, dot(p, n))));
  const u = normalize(cross(v, n));
  return planeThrough(add(la.canalCenterLps, scale(v, -20)), u, v, fovMm, matrix);
}

export interface Rendered {
  image: Float32Array;
  geometry: SliceGeometry;
  cols: number;
  rows: number;
}

export function render(
  a: SpineAnatomy,
  geometry: SliceGeometry,
  contrast: Contrast,
  thicknessMm = 3.5,
  matrix = 384,
): Rendered {
  const image = renderSlice(a, {
    geometry,
    cols: matrix,
    rows: matrix,
    sliceThicknessMm: thicknessMm,
    contrast,
  });
  return { image, geometry, cols: matrix, rows: matrix };
}

/** Mean intensity in a (2r+1)^2 pixel window around the projection of a patient point. */
export function meanAt(img: Rendered, p: Vec3, r = 1): number {
  const { col, row } = lpsToPixel(img.geometry, p);
  const c0 = Math.round(col);
  const r0 = Math.round(row);
  let sum = 0;
  let n = 0;
  for (let dr = -r; dr <= r; dr++) {
    for (let dc = -r; dc <= r; dc++) {
      sum += img.image[(r0 + dr) * img.cols + c0 + dc];
      n++;
    }
  }
  return sum / n;
}

/** Area (mm^2) of pixels within `radiusMm` of a patient point whose value passes `test`. */
export function areaAround(img: Rendered, p: Vec3, radiusMm: number, test: (v: number) => boolean): number {
  const { col, row } = lpsToPixel(img.geometry, p);
  const [sr, sc] = img.geometry.pixelSpacingMm;
  let n = 0;
  for (let r = 0; r < img.rows; r++) {
    for (let c = 0; c < img.cols; c++) {
      if (Math.hypot((c - col) * sc, (r - row) * sr) > radiusMm) continue;
      if (test(img.image[r * img.cols + c])) n++;
    }
  }
  return n * sr * sc;
}

/** Label the primitive paints at local (u, w, h) of frame f over `prev`. */
export function paintAt(p: Primitive, f: LocalFrame, u: number, w: number, h: number, prev: number): number {
  const labels = Uint8Array.of(prev);
  p.paintRow({
    labels,
    base: 0,
    ix0: 0,
    ix1: 0,
    x0: f.ox + u,
    dx: 1,
    y: f.oy + w * f.wy + h * f.hy,
    z: f.oz + w * f.wz + h * f.hz,
  });
  return labels[0];
}
