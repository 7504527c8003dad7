/**
 * Study-level checks of a drop: is it MR, is it the (lumbar) spine, which of the three series the
 * grading needs are missing. Plain TypeScript; never imports electron.
 */
import type { SeriesRole } from '../../shared/findings';
import type { InstanceHeader } from './headerTypes';

const SPINE_WORDS = /spine|spinal|lumb|lspine|l-spine|\blws\b|\bbws\b|sacr|rachis|column|\bls\b|\bl[1-5]\b/i;
const OTHER_REGIONS =
  /head|brain|skull|orbit|knee|shoulder|\bhip\b|ankle|wrist|elbow|hand|foot|abdom|liver|kidney|chest|thorax|breast|heart|card|prostate|neck|cervical|cspine|c-spine/i;

/**
 * The body region a study names outside the spine, from (0018,0015) Body Part Examined and
 * (0008,1030) Study Description; undefined when it names the spine or nothing recognisable.
 */
export function nonSpineRegion(instances: readonly InstanceHeader[]): string | undefined {
  const texts = new Set<string>();
  for (const h of instances) {
    if (h.bodyPartExamined) texts.add(h.bodyPartExamined);
    if (h.study.studyDescription) texts.add(h.study.studyDescription);
  }
  const all = [...texts].join(' | ');
  if (all === '' || SPINE_WORDS.test(all)) return undefined;
  const m = OTHER_REGIONS.exec(all);
  return m ? all : undefined;
}

/** The roles grading needs, in display order. */
export const REQUIRED_ROLES: readonly SeriesRole[] = ['Sagittal T1', 'Sagittal T2/STIR', 'Axial T2'];

/** Required roles absent from `present`. */
export function missingRoles(present: ReadonlySet<SeriesRole>): SeriesRole[] {
  return REQUIRED_ROLES.filter((r) => !present.has(r));
}

/** What a missing role is read for, for the MISSING_SERIES message. */
export function missingRoleConsequence(role: SeriesRole): string {
  if (role === 'Sagittal T1') return 'neural foraminal narrowing is read on it';
  if (role === 'Sagittal T2/STIR') return 'spinal canal stenosis is read on it';
  return 'subarticular stenosis is read on it';
}
