/**
 * Study-level checks of a drop: is it MR, is it the (lumbar) spine, which of the three series the
 * grading needs are missing. Plain TypeScript; never imports electron.
 */
import type { SeriesRole } from '../../shared/findings';
import type { InstanceHeader } from './headerTypes';

const LUMBAR_WORDS = /lumb|lomb|\bl[\s-]?spine|\blws\b|sacr|\bls\b|\bl[1-5]\b/i;
/** Head and brain in other languages (FR, DE, ES, PT, IT, NL, PL, Nordic): a study named so is not the spine. */
const HEAD_WORDS_OTHER_LANGUAGES =
  /cerveau|c[ée]r[ée]br|cr[aâá]ne|cr[aâá]nio|enc[ée](?:ph|f)al|\bt[êe]te\b|sch[äa]del|gehirn|\bkopf\b|cabeza|cervello|\btesta\b|hersenen|schedel|\bhoofd\b|m[óo]zg|g[łl]owa|hjerne|\bhuvud\b|aivot/i;
const OTHER_REGIONS =
  /head|brain|skull|orbit|knee|shoulder|\bhip\b|ankle|wrist|elbow|\bhand\b|\bfoot\b|abdom|liver|kidney|chest|breast|heart|cardiac|prostate|neck|cervical|c[\s-]?spine|\bhws\b|thoracic|t[\s-]?spine|\bbws\b/i;

/**
 * The body region a study names instead of the lumbar spine, from (0018,0015) Body Part Examined and
 * (0008,1030) Study Description; undefined when it names the lumbar spine, only the spine in general
 * ('SPINE', 'TOTAL SPINE') or nothing recognisable.
 */
export function nonSpineRegion(instances: readonly InstanceHeader[]): string | undefined {
  const texts = new Set<string>();
  for (const h of instances) {
    if (h.bodyPartExamined) texts.add(h.bodyPartExamined);
    if (h.study.studyDescription) texts.add(h.study.studyDescription);
  }
  const all = [...texts].join(' | ');
  if (all === '' || LUMBAR_WORDS.test(all)) return undefined;
  return OTHER_REGIONS.test(all) || HEAD_WORDS_OTHER_LANGUAGES.test(all) ? all : undefined;
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
