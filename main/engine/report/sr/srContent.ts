/**
 * The content tree of the SR: TID 1500 Measurement Report with its language, observer context (the model as
 * device; the signing reader as person), procedure, TID 1600 image library, the measurement groups and the
 * report-level qualitative evaluations (impression, intended use, method notes). Pure; never imports electron.
 */
import type { AnalysisRecord, ReaderOverride, SignOff } from '../../../shared/analysis';
import { EXCLUSIONS, GRADE_SCALE_NOTE, LEVEL_NUMBERING_CAVEAT } from '../../../shared/intendedUse';
import { uidFromSeed } from '../../dicom/writeDicom';
import { intendedUseBanner } from '../buildReportHtml';
import { buildImpression } from '../impression';
import { reviewFindings } from '../reviewedFindings';
import {
  codeContent,
  container,
  imageContent,
  personContent,
  textContent,
  uidContent,
  type ContentItem,
} from './contentItems';
import { measurementGroups } from './findingGroups';
import { sourceIndex, type SourceSeries } from './sourceImages';
import { DICOM_CODES as D, PRIVATE_CODES as P } from './srCodes';

export interface SrContentInput {
  analysis: AnalysisRecord;
  overrides: readonly ReaderOverride[];
  signOff: SignOff | null;
  sources: readonly SourceSeries[];
}

/** Device Observer UID (TID 1004) of the model package that produced the analysis. */
export function deviceObserverUid(a: AnalysisRecord): string {
  return uidFromSeed(`spinegrade-device:${a.model.id}:${a.model.sha256}`);
}

/** TID 1001 observation context: the model (device) and, once signed, the reader who verified it. */
function observerRows(a: AnalysisRecord, signOff: SignOff | null): ContentItem[] {
  const rows = [
    codeContent('HAS OBS CONTEXT', D.observerType, D.device),
    uidContent('HAS OBS CONTEXT', D.deviceObserverUid, deviceObserverUid(a)),
    textContent('HAS OBS CONTEXT', D.deviceObserverName, 'SpineGrade'),
    textContent('HAS OBS CONTEXT', D.deviceObserverManufacturer, 'SpineGrade'),
    textContent('HAS OBS CONTEXT', D.deviceObserverModelName, `${a.model.id} ${a.model.version}`),
  ];
  if (signOff)
    rows.push(
      codeContent('HAS OBS CONTEXT', D.observerType, D.person),
      personContent('HAS OBS CONTEXT', D.personObserverName, signOff.reader),
      codeContent('HAS OBS CONTEXT', D.personRoleInProcedure, D.verifying),
    );
  return rows;
}

/** TID 1600 Image Library: one group per series used (modality MR, target region lumbar spine). */
function imageLibrary(sources: readonly SourceSeries[]): ContentItem {
  const groups = sources.map((s) =>
    container('CONTAINS', D.imageLibraryGroup, [
      codeContent('HAS ACQ CONTEXT', D.modality, D.magneticResonance),
      codeContent('HAS ACQ CONTEXT', D.targetRegion, D.lumbarSpine),
      ...s.instances.map((i) =>
        imageContent('CONTAINS', { sopClassUid: i.sopClassUid, sopInstanceUid: i.sopInstanceUid }),
      ),
    ]),
  );
  return container('CONTAINS', D.imageLibrary, groups);
}

/** Report-level evaluations (TID 1500 row 12): impression, intended use, method notes, preliminary status. */
function reportEvaluations(input: SrContentInput): ContentItem {
  const a = input.analysis;
  const impression = buildImpression(reviewFindings(a.findings, input.overrides)).join('\n');
  const rows = [
    textContent('CONTAINS', D.impression, impression),
    textContent('CONTAINS', P.intendedUse, `${intendedUseBanner(a.model.intendedUse)} ${EXCLUSIONS}`),
    textContent('CONTAINS', P.methodNote, GRADE_SCALE_NOTE),
    textContent(
      'CONTAINS',
      P.methodNote,
      `Level assignment: ${a.levelAssignmentMethod}. ${LEVEL_NUMBERING_CAVEAT}`,
    ),
  ];
  if (!input.signOff)
    rows.push(textContent('CONTAINS', D.comment, 'Preliminary result: not signed by a reader.'));
  return container('CONTAINS', D.qualitativeEvaluations, rows);
}

/** The root CONTAINER's content (TID 1500 rows 2-12). */
export function measurementReportContent(input: SrContentInput): ContentItem[] {
  const a = input.analysis;
  return [
    codeContent('HAS CONCEPT MOD', D.languageOfContent, D.englishUs),
    ...observerRows(a, input.signOff),
    codeContent('HAS CONCEPT MOD', D.procedureReported, D.mriUnspecifiedBodyRegion),
    imageLibrary(input.sources),
    container(
      'CONTAINS',
      D.imagingMeasurements,
      measurementGroups(a, input.overrides, sourceIndex(input.sources)),
    ),
    reportEvaluations(input),
  ];
}
