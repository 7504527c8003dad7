/**
 * Grouped slices -> studies of stack headers with roles, plus the study-level problems (NOT_MR,
 * NOT_SPINE, ROLE_MISMATCH, SINGLE_SLICE, MISSING_SERIES). Plain TypeScript; never imports electron.
 */
import type { SeriesRole } from '../../shared/findings';
import { planeOf } from '../../shared/sliceGeometry';
import type { ImportedSeriesOf, ImportedStudyOf, ImportProblem } from './importTypes';
import { buildGeometry } from '../volume/buildGeometry';
import type { StackHeader } from '../volume/types';
import { classifyRole } from './classifyRole';
import type { SeriesGroup, SliceStack, StudyGroup } from './groupTypes';
import { missingRoleConsequence, missingRoles, nonSpineRegion } from './studyChecks';

function stackHeader(stack: SliceStack, stackIndex: number, role: SeriesRole): StackHeader {
  const first = stack.slices[0];
  const h = first.instance;
  const f = first.frame;
  const header: StackHeader = {
    studyInstanceUid: h.study.studyInstanceUid,
    seriesInstanceUid: h.seriesInstanceUid,
    seriesDescription: h.seriesDescription,
    seriesNumber: h.seriesNumber,
    stackIndex,
    role,
    frameOfReferenceUid: h.frameOfReferenceUid,
    geometry: buildGeometry(
      stack.slices.map((s) => s.geometry),
      h.pixel.columns,
      h.pixel.rows,
      f.spacingBetweenSlicesMm ?? f.sliceThicknessMm ?? 1,
    ),
    instanceNumbers: stack.slices.map((s) => s.instance.instanceNumber),
    sopInstanceUids: stack.slices.map((s) => s.instance.sopInstanceUid),
    filePaths: stack.slices.map((s) => s.instance.file),
    frameIndices: stack.slices.map((s) => s.frame.frameIndex),
  };
  if (f.sliceThicknessMm !== undefined) header.sliceThicknessMm = f.sliceThicknessMm;
  if (f.timing.repetitionTimeMs !== undefined) header.repetitionTimeMs = f.timing.repetitionTimeMs;
  if (f.timing.echoTimeMs !== undefined) header.echoTimeMs = f.timing.echoTimeMs;
  if (f.timing.inversionTimeMs !== undefined) header.inversionTimeMs = f.timing.inversionTimeMs;
  return header;
}

function buildSeries(
  group: SeriesGroup,
  problems: ImportProblem[],
): ImportedSeriesOf<StackHeader> | undefined {
  if (group.stacks.length === 0) return undefined;
  const first = group.instances[0];
  const stacks: StackHeader[] = [];
  const mismatches = new Set<string>();
  group.stacks.forEach((stack, index) => {
    const s0 = stack.slices[0];
    const decision = classifyRole({
      plane: planeOf(s0.geometry),
      seriesDescription: first.seriesDescription,
      timing: s0.frame.timing,
      scanningSequence: s0.instance.scanningSequence,
      sliceCount: stack.slices.length,
    });
    if (decision.mismatch) mismatches.add(decision.mismatch);
    if (stack.slices.length === 1) {
      problems.push({
        code: 'SINGLE_SLICE',
        file: s0.instance.file,
        message: `Series "${first.seriesDescription}"${group.stacks.length > 1 ? ` (stack ${index + 1})` : ''} has a single image: kept for viewing, not usable for grading.`,
      });
    }
    stacks.push(stackHeader(stack, index, decision.role));
  });
  for (const m of mismatches) {
    problems.push({
      code: 'ROLE_MISMATCH',
      file: first.file,
      message: `Series "${first.seriesDescription}": ${m}. The geometry was trusted.`,
    });
  }
  const largest = stacks.reduce((a, b) => (b.geometry.dims[2] > a.geometry.dims[2] ? b : a));
  return {
    seriesInstanceUid: group.seriesInstanceUid,
    seriesNumber: first.seriesNumber,
    seriesDescription: first.seriesDescription,
    modality: first.modality,
    role: largest.role,
    stacks,
  };
}

function studyLabel(group: StudyGroup): string {
  const info = group.series[0].instances[0].study;
  return `Study ${info.studyDescription ? `"${info.studyDescription}" ` : ''}(${group.studyInstanceUid})`;
}

/** Build one study; undefined (with its problem) when it is not an MR spine study or holds no usable image. */
function buildStudy(group: StudyGroup, problems: ImportProblem[]): ImportedStudyOf<StackHeader> | undefined {
  const firstFile = group.series[0].instances[0].file;
  const mr = group.series.filter((s) => s.instances[0].modality === 'MR');
  const notMr = group.series.filter((s) => s.instances[0].modality !== 'MR');
  if (mr.length === 0) {
    const modalities = [...new Set(notMr.map((s) => s.instances[0].modality || 'unknown modality'))].join(
      ', ',
    );
    problems.push({
      code: 'NOT_MR',
      file: firstFile,
      message: `${studyLabel(group)} is ${modalities}, not MR: SpineGrade reads lumbar spine MRI only; skipped.`,
    });
    return undefined;
  }
  for (const s of notMr) {
    const h = s.instances[0];
    problems.push({
      code: 'NOT_MR',
      file: h.file,
      message: `Series "${h.seriesDescription}" is ${h.modality || 'of unknown modality'}, not MR; skipped.`,
    });
  }
  const region = nonSpineRegion(mr.flatMap((s) => s.instances));
  if (region) {
    problems.push({
      code: 'NOT_SPINE',
      file: firstFile,
      message: `${studyLabel(group)} is labelled "${region}", not the lumbar spine; skipped.`,
    });
    return undefined;
  }
  const series = mr
    .map((s) => buildSeries(s, problems))
    .filter((s): s is ImportedSeriesOf<StackHeader> => s !== undefined);
  if (series.length === 0) return undefined;
  const present = new Set(series.flatMap((s) => s.stacks.map((st) => st.role)));
  for (const role of missingRoles(present)) {
    problems.push({
      code: 'MISSING_SERIES',
      file: firstFile,
      message: `${studyLabel(group)} has no ${role} series (${missingRoleConsequence(role)}); targets that need it may not be assessable.`,
    });
  }
  return { info: group.series[0].instances[0].study, series };
}

/** Studies of stack headers in order of first appearance; problems are appended to `problems`. */
export function buildStudies(
  groups: readonly StudyGroup[],
  problems: ImportProblem[],
): ImportedStudyOf<StackHeader>[] {
  return groups
    .map((g) => buildStudy(g, problems))
    .filter((s): s is ImportedStudyOf<StackHeader> => s !== undefined);
}
