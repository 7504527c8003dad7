/**
 * Small synthetic stacks for key-image tests: a smooth pattern with a bright square per slice, so a
 * rendered PNG can be checked pixel by pixel. They test the report, not the importer.
 */
import type { SliceSource } from '../../../../main/engine/report/slicePng';
import type { SeriesRole } from '../../../../main/shared/findings';
import { AXIAL_UID, SAG_T2_UID } from '../store/fixtures';

export function syntheticStack(
  seriesInstanceUid: string,
  role: SeriesRole,
  cols: number,
  rows: number,
  slices: number,
): SliceSource {
  const pixels = new Float32Array(cols * rows * slices);
  for (let k = 0; k < slices; k += 1) {
    for (let j = 0; j < rows; j += 1) {
      for (let i = 0; i < cols; i += 1) {
        const bright = Math.abs(i - cols / 2) < cols / 8 && Math.abs(j - rows / 2) < rows / 8;
        pixels[k * cols * rows + j * cols + i] = 100 + i + j + k * 10 + (bright ? 1000 : 0);
      }
    }
  }
  return {
    seriesInstanceUid,
    seriesDescription: role,
    role,
    stackIndex: 0,
    geometry: {
      dims: [cols, rows, slices],
      spacingMm: [0.8, 0.6, 4],
      originLps: [0, 0, 0],
      direction: [
        [0, 1, 0],
        [0, 0, -1],
        [1, 0, 0],
      ],
      slicePositionsLps: Array.from({ length: slices }, (_, k) => [k * 4, 0, 0] as const),
    },
    pixels,
    sopInstanceUids: Array.from({ length: slices }, (_, k) => `${seriesInstanceUid}.${k + 1}`),
  };
}

/** Sagittal T2 (64 x 80 x 9) and axial T2 (64 x 64 x 10) matching the fixture analysis's key locations. */
export function fixtureStacks(): SliceSource[] {
  return [
    syntheticStack(SAG_T2_UID, 'Sagittal T2/STIR', 64, 80, 9),
    syntheticStack(AXIAL_UID, 'Axial T2', 64, 64, 10),
  ];
}
