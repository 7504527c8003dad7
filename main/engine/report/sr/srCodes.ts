/**
 * Coded concepts of the SpineGrade SR: DICOM codes (DCM, SCT, LN, UCUM, UMLS, RFC5646) as PS3.16 gives them,
 * each with the context group (CID) or template (TID) row it comes from, and the declared private scheme
 * 99SPINEGRADE for what the standard has no code for. Pure data; never imports electron.
 */
import type { Condition, Level, Severity } from '../../../shared/targets';

/** A coded entry: (0008,0100) Code Value, (0008,0102) Coding Scheme Designator, (0008,0104) Code Meaning. */
export interface Code {
  value: string;
  scheme: string;
  meaning: string;
}

const code = (value: string, scheme: string, meaning: string): Code => ({ value, scheme, meaning });

/** Private coding scheme (PS3.3 8.2: private designators start with "99"), declared in (0008,0110). */
export const PRIVATE_SCHEME = '99SPINEGRADE';

/** (0008,0110) Coding Scheme Identification Sequence item of {@link PRIVATE_SCHEME}. */
export const PRIVATE_SCHEME_IDENTIFICATION = {
  CodingSchemeDesignator: PRIVATE_SCHEME,
  CodingSchemeName: 'SpineGrade RSNA 2024 lumbar spine codes',
  CodingSchemeVersion: '1',
  CodingSchemeResponsibleOrganization: 'SpineGrade',
} as const;

const priv = (value: string, meaning: string): Code => code(value, PRIVATE_SCHEME, meaning);

/** Standard codes; the comment names the CID or template row that takes each. */
export const DICOM_CODES = {
  imagingMeasurementReport: code('126000', 'DCM', 'Imaging Measurement Report'), // CID 7021
  languageOfContent: code('121049', 'DCM', 'Language of Content Item and Descendants'), // TID 1204
  englishUs: code('en-US', 'RFC5646', 'English (US)'), // CID 5000
  observerType: code('121005', 'DCM', 'Observer Type'), // TID 1002
  device: code('121007', 'DCM', 'Device'), // CID 270
  person: code('121006', 'DCM', 'Person'), // CID 270
  deviceObserverUid: code('121012', 'DCM', 'Device Observer UID'), // TID 1004
  deviceObserverName: code('121013', 'DCM', 'Device Observer Name'), // TID 1004
  deviceObserverManufacturer: code('121014', 'DCM', 'Device Observer Manufacturer'), // TID 1004
  deviceObserverModelName: code('121015', 'DCM', 'Device Observer Model Name'), // TID 1004
  personObserverName: code('121008', 'DCM', 'Person Observer Name'), // TID 1003
  personRoleInProcedure: code('121011', 'DCM', "Person Observer's Role in this Procedure"), // TID 1003
  verifying: code('121098', 'DCM', 'Verifying'), // CID 7453
  reader: code('C28747', 'NCIt', 'Reader'), // CID 7453
  procedureReported: code('121058', 'DCM', 'Procedure reported'), // TID 1500 row 4
  mriUnspecifiedBodyRegion: code('25056-3', 'LN', 'MRI unspecified body region'), // CID 100
  imageLibrary: code('111028', 'DCM', 'Image Library'), // TID 1600
  imageLibraryGroup: code('126200', 'DCM', 'Image Library Group'), // TID 1600
  modality: code('121139', 'DCM', 'Modality'), // TID 1602
  magneticResonance: code('MR', 'DCM', 'Magnetic Resonance'), // CID 29
  targetRegion: code('123014', 'DCM', 'Target Region'), // TID 1602
  lumbarSpine: code('122496007', 'SCT', 'Lumbar spine'), // CID 4031
  imagingMeasurements: code('126010', 'DCM', 'Imaging Measurements'), // TID 1500 row 6
  measurementGroup: code('125007', 'DCM', 'Measurement Group'), // TID 1501 row 1
  trackingIdentifier: code('112039', 'DCM', 'Tracking Identifier'), // TID 1501 row 2
  trackingUid: code('112040', 'DCM', 'Tracking Unique Identifier'), // TID 1501 row 3
  finding: code('121071', 'DCM', 'Finding'), // TID 1501 row 3b
  findingSite: code('363698007', 'SCT', 'Finding Site'), // TID 1501 row 6
  laterality: code('272741003', 'SCT', 'Laterality'), // TID 1501 row 7
  left: code('7771000', 'SCT', 'Left'), // CID 244
  right: code('24028007', 'SCT', 'Right'), // CID 244
  sourceOfMeasurement: code('121112', 'DCM', 'Source of Measurement'), // CID 7003, TID 320
  noUnits: code('1', 'UCUM', 'no units'), // CID 7181
  algorithmName: code('111001', 'DCM', 'Algorithm Name'), // TID 4019 row 1
  algorithmVersion: code('111003', 'DCM', 'Algorithm Version'), // TID 4019 row 2
  algorithmParameters: code('111002', 'DCM', 'Algorithm Parameters'), // TID 4019 row 3
  qualitativeEvaluations: code('C0034375', 'UMLS', 'Qualitative Evaluations'), // TID 1500 row 12
  impression: code('121073', 'DCM', 'Impression'), // CID 7002
  comment: code('121106', 'DCM', 'Comment'), // CID 12101
  yes: code('373066001', 'SCT', 'Yes'), // CID 230
  no: code('373067005', 'SCT', 'No'), // CID 230
} as const;

/** (363698007 Finding Site) values: the disc levels, CID 1003 Anatomical Reference Basis - Spine. */
export const LEVEL_CODES: Record<Level, Code> = {
  l1_l2: code('243920003', 'SCT', 'Level of L1/L2 intervertebral disc'),
  l2_l3: code('243921004', 'SCT', 'Level of L2/L3 intervertebral disc'),
  l3_l4: code('243922006', 'SCT', 'Level of L3/L4 intervertebral disc'),
  l4_l5: code('243923001', 'SCT', 'Level of L4/L5 intervertebral disc'),
  l5_s1: code('243927000', 'SCT', 'Level of L5/S1 intervertebral disc'),
};

/** The RSNA 2024 conditions without side (the side is the finding site's laterality): private, no PS3.16 code. */
export const CONDITION_CODES: Record<Condition, Code> = {
  spinal_canal_stenosis: priv('SCS', 'Spinal canal stenosis'),
  left_neural_foraminal_narrowing: priv('NFN', 'Neural foraminal narrowing'),
  right_neural_foraminal_narrowing: priv('NFN', 'Neural foraminal narrowing'),
  left_subarticular_stenosis: priv('SS', 'Subarticular stenosis'),
  right_subarticular_stenosis: priv('SS', 'Subarticular stenosis'),
};

/** RSNA 2024 grades (Normal/Mild is one class, so CID 3716 Mild/Moderate/Severe does not fit): private. */
export const GRADE_CODES: Record<Severity, Code> = {
  'Normal/Mild': priv('NM', 'Normal/Mild'),
  Moderate: priv('MOD', 'Moderate'),
  Severe: priv('SEV', 'Severe'),
};

/** Private concepts: names of the qualitative evaluations, probabilities and notes. */
export const PRIVATE_CODES = {
  grade: priv('GRADE', 'RSNA 2024 lumbar grade'),
  notAssessable: priv('NA', 'Not assessable'),
  notAssessableReason: priv('NA-REASON', 'Reason not assessable'),
  uncertain: priv('UNCERTAIN', 'Uncertain grading'),
  addendum: priv('ADDENDUM', 'Addendum after sign-off'),
  intendedUse: priv('INTENDED-USE', 'Intended use'),
  methodNote: priv('METHOD', 'Method note'),
} as const;

/** Private NUM concept names of the three calibrated probabilities, in the contract's order. */
export const PROBABILITY_CODES: readonly [Code, Code, Code] = [
  priv('P-NM', 'Probability of Normal/Mild'),
  priv('P-MOD', 'Probability of Moderate'),
  priv('P-SEV', 'Probability of Severe'),
];
