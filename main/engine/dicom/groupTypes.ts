/**
 * Intermediate records of grouping: one slice (a frame of an instance) and the groups it lands in.
 * Plain TypeScript; never imports electron.
 */
import type { SliceGeometry } from '../../shared/sliceGeometry';
import type { FrameHeader, InstanceHeader } from './headerTypes';

/** One 2D image with valid geometry. */
export interface SliceEntry {
  instance: InstanceHeader;
  frame: FrameHeader;
  geometry: SliceGeometry;
}

/** Slices of one series sharing orientation, matrix and pixel spacing, sorted along the normal. */
export interface SliceStack {
  slices: SliceEntry[];
}

export interface SeriesGroup {
  seriesInstanceUid: string;
  /** Instances of the series in input order (first one names the series in problems). */
  instances: InstanceHeader[];
  stacks: SliceStack[];
}

export interface StudyGroup {
  studyInstanceUid: string;
  series: SeriesGroup[];
}
