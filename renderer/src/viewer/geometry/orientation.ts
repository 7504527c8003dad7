/**
 * Orientation letters of an image's edges from (0020,0037) Image Orientation (Patient), in LPS:
 * +x L / -x R, +y P / -y A, +z S / -z I; oblique edges read as combinations such as "LA".
 */
import type { Vec3 } from '../../../../main/shared/vec3';

/** Edge letters of an image shown unrotated and unflipped (right edge = +row direction, bottom = +column). */
export interface EdgeLetters {
  top: string;
  bottom: string;
  left: string;
  right: string;
}

const POSITIVE = ['L', 'P', 'S'] as const;
const NEGATIVE = ['R', 'A', 'I'] as const;

/**
 * Letters of one patient direction: every component with |cos| >= minCos, largest first, so an edge
 * 30 degrees off the left-right axis towards anterior reads "LA" (DICOM PS3.3 C.7.6.1.1.1 style).
 */
export function directionLetters(directionLps: Vec3, minCos = 0.25): string {
  return [0, 1, 2]
    .filter((axis) => Math.abs(directionLps[axis]) >= minCos)
    .sort((a, b) => Math.abs(directionLps[b]) - Math.abs(directionLps[a]))
    .map((axis) => (directionLps[axis] > 0 ? POSITIVE[axis] : NEGATIVE[axis]))
    .join('');
}

/** The four edge letters from the row direction (i grows to the right) and column direction (j grows down). */
export function edgeLettersOf(rowDirectionLps: Vec3, columnDirectionLps: Vec3, minCos = 0.25): EdgeLetters {
  const negate = (a: Vec3): Vec3 => [-a[0], -a[1], -a[2]];
  return {
    right: directionLetters(rowDirectionLps, minCos),
    left: directionLetters(negate(rowDirectionLps), minCos),
    bottom: directionLetters(columnDirectionLps, minCos),
    top: directionLetters(negate(columnDirectionLps), minCos),
  };
}

/** Edge letters straight from the six IOP numbers. */
export function edgeLettersFromIop(iop: readonly number[], minCos = 0.25): EdgeLetters {
  if (iop.length !== 6)
    throw new RangeError(`Image Orientation (Patient) needs 6 numbers, got ${iop.length}`);
  return edgeLettersOf([iop[0], iop[1], iop[2]], [iop[3], iop[4], iop[5]], minCos);
}
