/**
 * Which way the slice index k runs in the patient, and slice orders for left/right decisions.
 * Patient frame LPS: +x is patient LEFT. Plain TypeScript; never imports electron.
 */
import type { VolumeGeometry } from './types';

/** Direction of increasing k along patient x: 'toward-left' when n.x > 0, 'toward-right' when n.x < 0. */
export function kDirectionInPatientX(g: VolumeGeometry): 'toward-left' | 'toward-right' | 'none' {
  const nx = g.direction[2][0];
  if (Math.abs(nx) < 1e-6) return 'none';
  return nx > 0 ? 'toward-left' : 'toward-right';
}

/**
 * Slice indices k ordered from patient RIGHT to patient LEFT (ascending patient x of each slice's
 * position). For a standard sagittal stack (IOP 0\1\0\0\0\-1, n = -x) this is k descending.
 */
export function sliceIndicesRightToLeft(g: VolumeGeometry): number[] {
  const x = g.slicePositionsLps.map((p) => p[0]);
  return x.map((_, k) => k).sort((a, b) => x[a] - x[b] || a - b);
}
