/**
 * A Comprehensive SR instance (PS3.3 A.35.3) of an analysis in the patient's study: Patient, General Study,
 * SR Document Series, General Equipment, SR Document General (verification, evidence) and SR Document
 * Content (TID 1500) modules, written with dcmjs through the project's Part 10 writer. Never imports electron.
 */
import { createHash } from 'node:crypto';
import type { AnalysisRecord, ReaderOverride, SignOff, StudyInfo } from '../../../shared/analysis';
import { uidFromSeed, writeDicomPart10, type NaturalDataset } from '../../dicom/writeDicom';
import { codeItem } from './contentItems';
import { dicomDate, dicomDateTime, dicomTime } from './dicomTime';
import { measurementReportContent } from './srContent';
import type { SourceSeries } from './sourceImages';
import { DICOM_CODES as D, PRIVATE_SCHEME_IDENTIFICATION } from './srCodes';

/** (0008,0016) Comprehensive SR Storage. */
export const COMPREHENSIVE_SR_STORAGE = '1.2.840.10008.5.1.4.1.1.88.33';

export interface SrInput {
  study: StudyInfo;
  analysis: AnalysisRecord;
  overrides: readonly ReaderOverride[];
  signOff: SignOff | null;
  sources: readonly SourceSeries[];
}

export interface SrDocument {
  bytes: Buffer;
  sopInstanceUid: string;
  seriesInstanceUid: string;
  /** VERIFIED once signed, else UNVERIFIED (and (0040,A496) Preliminary Flag PRELIMINARY). */
  verification: 'VERIFIED' | 'UNVERIFIED';
}

/** The last time the content changed: the analysis, an override or the sign-off. */
function contentTime(input: SrInput): string {
  const times = [input.analysis.createdAt, ...input.overrides.map((o) => o.createdAt)];
  if (input.signOff) times.push(input.signOff.signedAt);
  return times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}

/** UID of this state of the review: a new override or the sign-off makes a new SR instance. */
function sopInstanceUid(input: SrInput): string {
  const review = JSON.stringify({ overrides: input.overrides, signOff: input.signOff });
  const digest = createHash('sha256').update(review).digest('hex');
  return uidFromSeed(`spinegrade-sr:${input.analysis.analysisId}:${digest}`);
}

/** (0040,A375) Current Requested Procedure Evidence Sequence: every instance of the series used. */
function evidence(input: SrInput): NaturalDataset[] {
  return [
    {
      StudyInstanceUID: input.study.studyInstanceUid,
      ReferencedSeriesSequence: input.sources.map((s) => ({
        SeriesInstanceUID: s.seriesInstanceUid,
        ReferencedSOPSequence: s.instances.map((i) => ({
          ReferencedSOPClassUID: i.sopClassUid,
          ReferencedSOPInstanceUID: i.sopInstanceUid,
        })),
      })),
    },
  ];
}

function verificationAttributes(input: SrInput): NaturalDataset {
  const s = input.signOff;
  if (!s) return { VerificationFlag: 'UNVERIFIED', PreliminaryFlag: 'PRELIMINARY' };
  return {
    VerificationFlag: 'VERIFIED',
    VerifyingObserverSequence: [
      {
        VerifyingObserverName: s.reader,
        VerifyingObserverIdentificationCodeSequence: [],
        VerifyingOrganization: input.study.institutionName,
        VerificationDateTime: dicomDateTime(s.signedAt),
      },
    ],
    PreliminaryFlag: 'FINAL',
  };
}

/** The naturalized dataset of the SR (exposed for tests that inspect it before writing). */
export function srDataset(input: SrInput): NaturalDataset {
  const { study, analysis } = input;
  const at = contentTime(input);
  const dataset: NaturalDataset = {
    InstanceCreationDate: dicomDate(at),
    InstanceCreationTime: dicomTime(at),
    SOPClassUID: COMPREHENSIVE_SR_STORAGE,
    SOPInstanceUID: sopInstanceUid(input),
    TimezoneOffsetFromUTC: '+0000',
    CodingSchemeIdentificationSequence: [{ ...PRIVATE_SCHEME_IDENTIFICATION }],
    StudyDate: study.studyDate,
    StudyTime: '',
    ContentDate: dicomDate(at),
    ContentTime: dicomTime(at),
    AccessionNumber: study.accessionNumber,
    Modality: 'SR',
    Manufacturer: 'SpineGrade',
    InstitutionName: study.institutionName,
    ReferringPhysicianName: '',
    StudyDescription: study.studyDescription,
    SeriesDescription: 'SpineGrade results (DICOM SR)',
    ManufacturerModelName: 'SpineGrade',
    ReferencedPerformedProcedureStepSequence: [],
    PatientName: study.patientName,
    PatientID: study.patientId,
    PatientBirthDate: study.patientBirthDate,
    PatientSex: study.patientSex,
    SoftwareVersions: analysis.appVersion,
    StudyInstanceUID: study.studyInstanceUid,
    SeriesInstanceUID: uidFromSeed(`spinegrade-sr-series:${analysis.analysisId}`),
    StudyID: '',
    SeriesNumber: 9902,
    InstanceNumber: 1,
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [codeItem(D.imagingMeasurementReport)],
    ContinuityOfContent: 'SEPARATE',
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '1500' }],
    CompletionFlag: 'COMPLETE',
    ...verificationAttributes(input),
    PerformedProcedureCodeSequence: [],
    CurrentRequestedProcedureEvidenceSequence: evidence(input),
    ContentSequence: measurementReportContent(input),
  };
  // (0008,0005): UTF-8 only where a text needs it; plain ASCII stays in the default repertoire.
  return /[^ -~]/.test(JSON.stringify(dataset))
    ? { SpecificCharacterSet: 'ISO_IR 192', ...dataset }
    : dataset;
}

/** Part 10 bytes of the SR of an analysis in this state of its review. */
export function srDocument(input: SrInput): SrDocument {
  const dataset = srDataset(input);
  return {
    bytes: writeDicomPart10(dataset, {}),
    sopInstanceUid: String(dataset.SOPInstanceUID),
    seriesInstanceUid: String(dataset.SeriesInstanceUID),
    verification: input.signOff ? 'VERIFIED' : 'UNVERIFIED',
  };
}
