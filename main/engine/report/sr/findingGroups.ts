/**
 * TID 1501 Measurement Groups of the SR, one per target: the AI's group (three probabilities as TID 300
 * measurements with TID 4019 algorithm identification and the key location as a TID 320 SCOORD, the grade as
 * a qualitative evaluation) and one group per reader override (a person observer, same tracking UID).
 * Pure functions; never imports electron.
 */
import type { AnalysisRecord, ReaderOverride } from '../../../shared/analysis';
import type { Finding } from '../../../shared/findings';
import { CONDITION_INFO } from '../../../shared/targets';
import { uidFromSeed } from '../../dicom/writeDicom';
import { targetWords } from '../reviewedFindings';
import {
  codeContent,
  container,
  numContent,
  personContent,
  pointContent,
  textContent,
  uidContent,
  type ContentItem,
} from './contentItems';
import { dicomDateTime } from './dicomTime';
import { keyPoint, type SourceInstance } from './sourceImages';
import {
  CONDITION_CODES,
  DICOM_CODES as D,
  GRADE_CODES,
  LEVEL_CODES,
  PRIVATE_CODES as P,
  PROBABILITY_CODES,
} from './srCodes';

/** Tracking Unique Identifier of one target of one analysis (the AI's and the readers' groups share it). */
export function trackingUid(analysisId: string, f: Pick<Finding, 'condition' | 'level'>): string {
  return uidFromSeed(`spinegrade-sr-tracking:${analysisId}:${f.condition}:${f.level}`);
}

/** Tracking rows, the finding and its site (TID 1501 rows 2, 3, 3b, 6, 7). */
function findingRows(analysisId: string, f: Finding, who: string): ContentItem[] {
  const side = CONDITION_INFO[f.condition].side;
  const laterality =
    side === 'center'
      ? undefined
      : [codeContent('HAS CONCEPT MOD', D.laterality, side === 'left' ? D.left : D.right)];
  return [
    textContent('HAS OBS CONTEXT', D.trackingIdentifier, `${targetWords(f)} (${who})`),
    uidContent('HAS OBS CONTEXT', D.trackingUid, trackingUid(analysisId, f)),
    codeContent('CONTAINS', D.finding, CONDITION_CODES[f.condition]),
    codeContent('HAS CONCEPT MOD', D.findingSite, LEVEL_CODES[f.level], laterality),
  ];
}

/** TID 4019 Algorithm Identification of the model that produced the analysis. */
export function algorithmRows(a: AnalysisRecord): ContentItem[] {
  return [
    textContent('HAS CONCEPT MOD', D.algorithmName, a.model.name || a.model.id),
    textContent('HAS CONCEPT MOD', D.algorithmVersion, a.model.version),
    textContent('HAS CONCEPT MOD', D.algorithmParameters, `model id ${a.model.id}`),
    textContent('HAS CONCEPT MOD', D.algorithmParameters, `manifest sha256 ${a.model.sha256}`),
    textContent('HAS CONCEPT MOD', D.algorithmParameters, `execution provider ${a.provider}`),
  ];
}

/** The AI's group of one finding. */
export function aiGroup(
  a: AnalysisRecord,
  f: Finding,
  sources: ReadonlyMap<string, SourceInstance>,
): ContentItem {
  const point = f.keyLocation ? keyPoint(f.keyLocation, sources) : undefined;
  const source = point
    ? [pointContent('INFERRED FROM', D.sourceOfMeasurement, point.colRow, point.image)]
    : [];
  const rows = findingRows(a.analysisId, f, 'AI');
  if (f.probabilities) {
    const algorithm = algorithmRows(a);
    f.probabilities.forEach((p, i) =>
      rows.push(numContent('CONTAINS', PROBABILITY_CODES[i], p, D.noUnits, [...algorithm, ...source])),
    );
  }
  if (f.assessable && f.grade) {
    rows.push(codeContent('CONTAINS', P.grade, GRADE_CODES[f.grade]));
    rows.push(codeContent('CONTAINS', P.uncertain, f.uncertain ? D.yes : D.no));
  } else {
    rows.push(codeContent('CONTAINS', P.grade, P.notAssessable));
    rows.push(textContent('CONTAINS', P.notAssessableReason, f.notAssessableReason ?? 'No reason given.'));
  }
  return container('CONTAINS', D.measurementGroup, rows);
}

/** A reader's group for one override: the person observer, the reader's grade, note and time. */
export function readerGroup(a: AnalysisRecord, f: Finding, o: ReaderOverride): ContentItem {
  const grade = codeContent('CONTAINS', P.grade, GRADE_CODES[o.grade]);
  grade.ObservationDateTime = dicomDateTime(o.createdAt);
  const rows: ContentItem[] = [
    codeContent('HAS OBS CONTEXT', D.observerType, D.person),
    personContent('HAS OBS CONTEXT', D.personObserverName, o.reader),
    codeContent('HAS OBS CONTEXT', D.personRoleInProcedure, D.reader),
    ...findingRows(a.analysisId, f, o.addendum ? 'reader addendum' : 'reader'),
    grade,
  ];
  if (o.note.trim()) rows.push(textContent('CONTAINS', D.comment, o.note));
  if (o.addendum) rows.push(codeContent('CONTAINS', P.addendum, D.yes));
  return container('CONTAINS', D.measurementGroup, rows);
}

/** Every group of the analysis: per target (contract order) the AI's, then its overrides in time order. */
export function measurementGroups(
  a: AnalysisRecord,
  overrides: readonly ReaderOverride[],
  sources: ReadonlyMap<string, SourceInstance>,
): ContentItem[] {
  return a.findings.flatMap((f) => [
    aiGroup(a, f, sources),
    ...overrides
      .filter((o) => o.condition === f.condition && o.level === f.level)
      .map((o) => readerGroup(a, f, o)),
  ]);
}
