/**
 * The JSON-ready summary of an import (what `import --json` prints and what the host can return):
 * studies -> series (role) -> stacks' geometry, and the problem list. No pixels.
 * Plain TypeScript; never imports electron.
 */
import type { StudyInfo } from '../../shared/analysis';
import type { SeriesRole } from '../../shared/findings';
import { planeOf, type Plane } from '../../shared/sliceGeometry';
import type { Vec3 } from '../../shared/vec3';
import { kDirectionInPatientX } from '../volume/sliceOrder';
import type { StackHeader } from '../volume/types';
import type { ImportProblem, ImportResultOf } from '../dicom/importTypes';

export interface StackSummary {
  stackIndex: number;
  role: SeriesRole;
  plane: Plane;
  sliceCount: number;
  dims: readonly [number, number, number];
  spacingMm: readonly [number, number, number];
  originLps: Vec3;
  direction: readonly [Vec3, Vec3, Vec3];
  /** Which way k (sorted along n = u x v) runs in patient x. */
  kDirectionInPatientX: 'toward-left' | 'toward-right' | 'none';
  slicePositionsLps: readonly Vec3[];
  instanceNumbers: number[];
  sliceThicknessMm?: number;
  repetitionTimeMs?: number;
  echoTimeMs?: number;
  inversionTimeMs?: number;
  failedSliceIndices?: number[];
}

export interface SeriesSummary {
  seriesInstanceUid: string;
  seriesNumber: number;
  seriesDescription: string;
  modality: string;
  role: SeriesRole;
  stacks: StackSummary[];
}

export interface StudySummary extends StudyInfo {
  series: SeriesSummary[];
}

export interface ImportSummary {
  studies: StudySummary[];
  problems: ImportProblem[];
}

function stackSummary(s: StackHeader & { failedSliceIndices?: number[] }): StackSummary {
  const g = s.geometry;
  const out: StackSummary = {
    stackIndex: s.stackIndex,
    role: s.role,
    plane: planeOf({
      positionLps: g.originLps,
      rowDirection: g.direction[0],
      columnDirection: g.direction[1],
      pixelSpacingMm: [1, 1],
    }),
    sliceCount: g.dims[2],
    dims: g.dims,
    spacingMm: g.spacingMm,
    originLps: g.originLps,
    direction: g.direction,
    kDirectionInPatientX: kDirectionInPatientX(g),
    slicePositionsLps: g.slicePositionsLps,
    instanceNumbers: s.instanceNumbers,
  };
  if (s.sliceThicknessMm !== undefined) out.sliceThicknessMm = s.sliceThicknessMm;
  if (s.repetitionTimeMs !== undefined) out.repetitionTimeMs = s.repetitionTimeMs;
  if (s.echoTimeMs !== undefined) out.echoTimeMs = s.echoTimeMs;
  if (s.inversionTimeMs !== undefined) out.inversionTimeMs = s.inversionTimeMs;
  if (s.failedSliceIndices && s.failedSliceIndices.length > 0) out.failedSliceIndices = s.failedSliceIndices;
  return out;
}

/** Summarise an import or a header scan (pixels are left out). */
export function importSummary<S extends StackHeader>(result: ImportResultOf<S>): ImportSummary {
  return {
    studies: result.studies.map((st) => ({
      ...st.info,
      series: st.series.map((se) => ({
        seriesInstanceUid: se.seriesInstanceUid,
        seriesNumber: se.seriesNumber,
        seriesDescription: se.seriesDescription,
        modality: se.modality,
        role: se.role,
        stacks: se.stacks.map((s) => stackSummary(s)),
      })),
    })),
    problems: result.problems,
  };
}
