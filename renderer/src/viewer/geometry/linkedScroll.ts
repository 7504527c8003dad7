/**
 * Linked scrolling by patient position: the slice of stack B nearest to stack A's current slice plane
 * (through the centre of A's image). Renderer code: only main/shared.
 */
import type { StackGeometry } from '../../../../main/shared/apiWorkspace';
import { cross, norm } from '../../../../main/shared/vec3';
import { nearestSliceTo, sliceCentreLps, stackNormalLps, type NearestSlice } from './stackFrame';

/** Stacks whose normals are further apart than this (sine) are not linked (e.g. sagittal and axial). */
export const LINK_MAX_SINE = 0.5;

/** True when two stacks are near enough to parallel to scroll together. */
export function canLink(a: StackGeometry, b: StackGeometry): boolean {
  return norm(cross(stackNormalLps(a), stackNormalLps(b))) <= LINK_MAX_SINE;
}

/** The slice of B nearest A's slice kA (null when the stacks are not parallel enough to link). */
export function linkedSliceOf(a: StackGeometry, kA: number, b: StackGeometry): NearestSlice | null {
  if (!canLink(a, b)) return null;
  return nearestSliceTo(b, sliceCentreLps(a, kA));
}
