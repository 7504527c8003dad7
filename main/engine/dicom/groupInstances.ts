/**
 * Group instance headers by (0020,000D) Study, then (0020,000E) Series, then stack; report duplicate
 * SOP instances and frames without usable geometry. Plain TypeScript; never imports electron.
 */
import type { ImportProblem } from './importTypes';
import type { SeriesGroup, SliceEntry, StudyGroup } from './groupTypes';
import type { InstanceHeader } from './headerTypes';
import { splitStacks } from './splitStacks';

function sliceEntries(instance: InstanceHeader, problems: ImportProblem[]): SliceEntry[] {
  const out: SliceEntry[] = [];
  const bad: number[] = [];
  for (const frame of instance.frames) {
    if (frame.geometry) out.push({ instance, frame, geometry: frame.geometry });
    else bad.push(frame.frameIndex + 1);
  }
  if (bad.length > 0) {
    const which =
      instance.frames.length > 1 ? `${bad.length} of ${instance.frames.length} frames lack` : 'It lacks';
    problems.push({
      code: 'BAD_GEOMETRY',
      file: instance.file,
      message: `${which} a valid Image Position (0020,0032), Image Orientation (0020,0037) or Pixel Spacing (0028,0030); cannot place it in patient space, skipped.`,
    });
  }
  return out;
}

/** Studies and series in order of first appearance; each series split into sorted stacks. */
export function groupInstances(
  instances: readonly InstanceHeader[],
  problems: ImportProblem[],
): StudyGroup[] {
  const studies = new Map<string, Map<string, InstanceHeader[]>>();
  const seen = new Map<string, string>();
  for (const h of instances) {
    const key = h.sopInstanceUid || h.file;
    const firstFile = seen.get(key);
    if (firstFile !== undefined) {
      problems.push({
        code: 'DUPLICATE_INSTANCE',
        file: h.file,
        message: `Same SOP Instance UID (0008,0018) as ${firstFile}: a duplicate copy, skipped.`,
      });
      continue;
    }
    seen.set(key, h.file);
    const study = studies.get(h.study.studyInstanceUid) ?? new Map<string, InstanceHeader[]>();
    studies.set(h.study.studyInstanceUid, study);
    const series = study.get(h.seriesInstanceUid) ?? [];
    study.set(h.seriesInstanceUid, series);
    series.push(h);
  }
  const out: StudyGroup[] = [];
  for (const [studyInstanceUid, seriesMap] of studies) {
    const series: SeriesGroup[] = [];
    for (const [seriesInstanceUid, members] of seriesMap) {
      const slices = members.flatMap((h) => sliceEntries(h, problems));
      const stacks = slices.length > 0 ? splitStacks(slices, problems) : [];
      series.push({ seriesInstanceUid, instances: members, stacks });
    }
    out.push({ studyInstanceUid, series });
  }
  return out;
}
