/**
 * Test helper: in-memory Volume records with known geometry and an intensity field f(patient mm).
 * Never imports electron.
 */
import type { SeriesRole } from '../../../../main/shared/findings';
import { add, cross, normalize, rotateAbout, scale, type Vec3 } from '../../../../main/shared/vec3';
import type { Volume } from '../../../../main/engine/volume/types';

export interface SyntheticVolumeSpec {
  dims: [number, number, number];
  /** [column spacing, row spacing] mm. */
  pixelMm: [number, number];
  sliceSpacingMm: number;
  u: Vec3;
  v: Vec3;
  /** Patient position of the volume's centre voxel. */
  centreLps: Vec3;
  role: SeriesRole;
  seriesInstanceUid?: string;
  stackIndex?: number;
  field: (p: Vec3) => number;
}

export function makeVolume(s: SyntheticVolumeSpec): Volume {
  const u = normalize(s.u);
  const v = normalize(s.v);
  const n = normalize(cross(u, v));
  const [cols, rows, slices] = s.dims;
  const half = (dim: number) => (dim - 1) / 2;
  const origin = add(
    s.centreLps,
    add(
      scale(u, -half(cols) * s.pixelMm[0]),
      add(scale(v, -half(rows) * s.pixelMm[1]), scale(n, -half(slices) * s.sliceSpacingMm)),
    ),
  );
  const slicePositionsLps = Array.from({ length: slices }, (_, k) =>
    add(origin, scale(n, k * s.sliceSpacingMm)),
  );
  const pixels = new Float32Array(cols * rows * slices);
  for (let k = 0; k < slices; k++) {
    for (let j = 0; j < rows; j++) {
      for (let i = 0; i < cols; i++) {
        const p = add(slicePositionsLps[k], add(scale(u, i * s.pixelMm[0]), scale(v, j * s.pixelMm[1])));
        pixels[(k * rows + j) * cols + i] = s.field(p);
      }
    }
  }
  const uid = s.seriesInstanceUid ?? `1.2.3.${s.role.length}.${s.stackIndex ?? 0}`;
  // Built untyped, then returned: fits the Volume record with or without the import's newer fields.
  const vol = {
    studyInstanceUid: '1.2.3',
    seriesInstanceUid: uid,
    seriesDescription: s.role,
    seriesNumber: 1,
    stackIndex: s.stackIndex ?? 0,
    role: s.role,
    frameOfReferenceUid: '1.2.3.9',
    geometry: {
      dims: s.dims,
      spacingMm: [s.pixelMm[0], s.pixelMm[1], s.sliceSpacingMm] as const,
      originLps: origin,
      direction: [u, v, n] as const,
      slicePositionsLps,
    },
    pixels,
    instanceNumbers: slicePositionsLps.map((_, k) => k + 1),
    sopInstanceUids: slicePositionsLps.map((_, k) => `${uid}.${k + 1}`),
    filePaths: slicePositionsLps.map((_, k) => `/synthetic/${uid}/${k + 1}.dcm`),
    frameIndices: slicePositionsLps.map(() => 0),
    failedSliceIndices: [] as number[],
  };
  return vol;
}

/** Standard sagittal directions: columns run anterior -> posterior (+y), rows head -> feet (-z). */
export const SAG_U: Vec3 = [0, 1, 0];
export const SAG_V: Vec3 = [0, 0, -1];
/** Standard axial directions: columns run right -> left (+x), rows anterior -> posterior (+y). */
export const AX_U: Vec3 = [1, 0, 0];
export const AX_V: Vec3 = [0, 1, 0];

/** Axial directions tilted about patient x by angleDeg (an oblique stack parallel to a tilted disc). */
export function tiltedAxial(angleDeg: number): { u: Vec3; v: Vec3 } {
  const a = (angleDeg * Math.PI) / 180;
  return { u: AX_U, v: rotateAbout(AX_V, [1, 0, 0], a) };
}

/** A linear intensity field, exact under bilinear interpolation. */
export function linearField(c: Vec3, offset = 1000): (p: Vec3) => number {
  return (p) => offset + c[0] * p[0] + c[1] * p[1] + c[2] * p[2];
}

/** The oblique axial stack the crop tests read: 80 x 80 x 20, 0.7 mm pixels, 4 mm slices, tilted 12 degrees. */
export function tiltedAxialVolume(field: (p: Vec3) => number): Volume {
  const { u, v } = tiltedAxial(12);
  return makeVolume({
    dims: [80, 80, 20],
    pixelMm: [0.7, 0.7],
    sliceSpacingMm: 4,
    u,
    v,
    centreLps: [0, 5, -30],
    role: 'Axial T2',
    field,
  });
}
