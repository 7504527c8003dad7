/**
 * DICOM attributes of phantom studies: synthetic patient and study identity, per-series acquisition
 * attributes and the naturalized dataset of each MR instance (written by dcmjs). Never imports electron.
 */
import { sliceNormal, type SliceGeometry } from '../../shared/sliceGeometry';
import { dot } from '../../shared/vec3';
import { MR_IMAGE_STORAGE, type NaturalDataset } from '../dicom/writeDicom';
import type { Rng } from '../rng';
import type { MrTiming, Scanner } from './scanners';

const INSTITUTIONS = [
  'Phantom General Hospital',
  'SpineGrade Synthetic Imaging',
  'Synthetic Valley Clinic',
  'Demo MRI Centre',
];
const STUDY_DESCRIPTIONS = [
  'MR LUMBAR SPINE WO CONTRAST',
  'MRI L-SPINE',
  'LWS nativ',
  'MR LSPINE',
  'Lumbar Spine',
];

/** Identity and scanner of one study, shared by all its instances. */
export interface StudyHeader {
  studyInstanceUid: string;
  frameOfReferenceUid: string;
  /** YYYYMMDD. */
  studyDate: string;
  /** HHMMSS. */
  studyTime: string;
  patientName: string;
  patientId: string;
  patientBirthDate: string;
  patientSex: 'M' | 'F';
  /** (0010,1010) Patient's Age, e.g. '057Y'. */
  patientAge: string;
  accessionNumber: string;
  institutionName: string;
  studyDescription: string;
  scanner: Scanner;
}

/** Acquisition attributes of one series. */
export interface SeriesHeader {
  seriesInstanceUid: string;
  seriesNumber: number;
  seriesDescription: string;
  /** HHMMSS, after the study time. */
  seriesTime: string;
  timing: MrTiming;
  sliceThicknessMm: number;
  spacingBetweenSlicesMm: number;
  /** (0028,1053)/(0028,1052) when the vendor writes them. */
  rescale?: { slope: number; intercept: number };
  bitsStored: 12 | 16;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** YYYYMMDD of a UTC day number (days since 1970-01-01); pure, no clock. */
export function dicomDate(dayNumber: number): string {
  const d = new Date(dayNumber * 86_400_000);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}`;
}

/** HHMMSS from seconds after midnight. */
export function dicomTime(seconds: number): string {
  const s = Math.floor(seconds) % 86_400;
  return `${pad(Math.floor(s / 3600), 2)}${pad(Math.floor((s % 3600) / 60), 2)}${pad(s % 60, 2)}`;
}

/** Synthetic identity of a study: study dates 2012-2023, adult patients 25-85 years. */
export function drawStudyHeader(
  rng: Rng,
  studyId: number,
  uids: { study: string; frameOfReference: string },
  scanner: Scanner,
): StudyHeader {
  const studyDay = Math.floor(Date.UTC(2012, 0, 1) / 86_400_000) + rng.int(0, 12 * 365);
  const ageYears = rng.int(25, 85);
  const birthDay = studyDay - ageYears * 365 - rng.int(0, 364);
  const sex = rng.bool(0.5) ? 'M' : 'F';
  return {
    studyInstanceUid: uids.study,
    frameOfReferenceUid: uids.frameOfReference,
    studyDate: dicomDate(studyDay),
    studyTime: dicomTime(rng.int(7 * 3600, 20 * 3600)),
    patientName: `PHANTOM^${sex === 'M' ? 'JOHN' : 'JANE'}^${studyId}`,
    patientId: `SG${studyId}`,
    patientBirthDate: dicomDate(birthDay),
    patientSex: sex,
    patientAge: `${pad(ageYears, 3)}Y`,
    accessionNumber: String(rng.int(10_000_000, 99_999_999)),
    institutionName: rng.pick(INSTITUTIONS),
    studyDescription: rng.pick(STUDY_DESCRIPTIONS),
    scanner,
  };
}

/** The k-th smallest (0-based) of `values`, as sorting them would give: a radix select on the high, then low byte. */
function kthSmallest(values: Uint16Array, k: number): number {
  const count = new Int32Array(256);
  for (let i = 0; i < values.length; i++) count[values[i] >>> 8]++;
  let high = 0;
  let rank = k;
  while (rank >= count[high]) rank -= count[high++];
  count.fill(0);
  for (let i = 0; i < values.length; i++) if (values[i] >>> 8 === high) count[values[i] & 255]++;
  let low = 0;
  while (rank >= count[low]) rank -= count[low++];
  return (high << 8) | low;
}

/**
 * The default display window a scanner stores with the image (v6): from a subsample's histogram, the low end at
 * the background (0.5th percentile: air black) and the high end a margin above the brightest tissue (the
 * 99.8th percentile, in practice subcutaneous fat near the coil, raised by WINDOW_HEADROOM), so fat shows bright
 * but not clipped and marrow, muscle, CSF and disc keep their separation in the middle of the grey scale.
 */
export function windowOf(pixels: Uint16Array): { center: number; width: number } {
  const step = Math.max(1, Math.floor(pixels.length / 4096));
  const sample = new Uint16Array(Math.ceil(pixels.length / step));
  for (let i = 0, j = 0; i < pixels.length; i += step, j++) sample[j] = pixels[i];
  const lo = kthSmallest(sample, Math.floor(sample.length * 0.005));
  const top = kthSmallest(sample, Math.min(sample.length - 1, Math.floor(sample.length * 0.998)));
  const hi = lo + (top - lo) * WINDOW_HEADROOM;
  return { center: Math.round((lo + hi) / 2), width: Math.max(1, Math.round(hi - lo)) };
}

/** How far above the 99.8th percentile the stored window ends (fat at about 1 / 1.15 of full white). */
export const WINDOW_HEADROOM = 1.15;

export interface InstanceInput {
  geometry: SliceGeometry;
  instanceNumber: number;
  sopInstanceUid: string;
  cols: number;
  rows: number;
  /** Stored values, row-major, within 0..2^bitsStored-1. */
  pixels: Uint16Array;
}

function studyAttributes(study: StudyHeader): NaturalDataset {
  const { scanner } = study;
  return {
    SpecificCharacterSet: 'ISO_IR 100',
    StudyInstanceUID: study.studyInstanceUid,
    StudyDate: study.studyDate,
    StudyTime: study.studyTime,
    StudyID: study.accessionNumber.slice(-5),
    StudyDescription: study.studyDescription,
    AccessionNumber: study.accessionNumber,
    ReferringPhysicianName: '',
    PatientName: study.patientName,
    PatientID: study.patientId,
    PatientBirthDate: study.patientBirthDate,
    PatientSex: study.patientSex,
    PatientAge: study.patientAge,
    InstitutionName: study.institutionName,
    Manufacturer: scanner.profile.manufacturer,
    ManufacturerModelName: scanner.model,
    SoftwareVersions: scanner.softwareVersion,
    MagneticFieldStrength: scanner.fieldStrengthT,
    FrameOfReferenceUID: study.frameOfReferenceUid,
    PositionReferenceIndicator: '',
    BodyPartExamined: 'LSPINE',
    PatientPosition: 'HFS',
  };
}

function seriesAttributes(series: SeriesHeader, studyDate: string): NaturalDataset {
  const t = series.timing;
  const out: NaturalDataset = {
    Modality: 'MR',
    SeriesInstanceUID: series.seriesInstanceUid,
    SeriesNumber: series.seriesNumber,
    SeriesDescription: series.seriesDescription,
    ProtocolName: series.seriesDescription,
    SeriesDate: studyDate,
    SeriesTime: series.seriesTime,
    ScanningSequence: t.scanningSequence,
    SequenceVariant: ['SK', 'SP'],
    ScanOptions: '',
    MRAcquisitionType: '2D',
    SliceThickness: series.sliceThicknessMm,
    SpacingBetweenSlices: series.spacingBetweenSlicesMm,
    RepetitionTime: t.repetitionTimeMs,
    EchoTime: t.echoTimeMs,
    EchoTrainLength: t.echoTrainLength,
    FlipAngle: t.flipAngleDeg,
  };
  if (t.inversionTimeMs !== undefined) out.InversionTime = t.inversionTimeMs;
  return out;
}

/**
 * The naturalized dataset of one MR instance: (0008,0016) MR Image Storage, the plane as (0020,0032) Image
 * Position (Patient), (0020,0037) Image Orientation (Patient) and (0028,0030) Pixel Spacing [row, column],
 * 16-bit unsigned MONOCHROME2 pixels with (0028,0101) Bits Stored / (0028,0102) High Bit.
 */
export function instanceDataset(
  study: StudyHeader,
  series: SeriesHeader,
  inst: InstanceInput,
): NaturalDataset {
  const g = inst.geometry;
  const win = windowOf(inst.pixels);
  const sliceLocation = Math.round(dot(g.positionLps, sliceNormal(g)) * 1e4) / 1e4;
  const out: NaturalDataset = {
    ImageType: ['ORIGINAL', 'PRIMARY', 'M', 'ND'],
    SOPClassUID: MR_IMAGE_STORAGE,
    SOPInstanceUID: inst.sopInstanceUid,
    ...studyAttributes(study),
    ...seriesAttributes(series, study.studyDate),
    ImagingFrequency: Math.round(42.577478 * study.scanner.fieldStrengthT * 1e6) / 1e6,
    InstanceNumber: inst.instanceNumber,
    AcquisitionNumber: 1,
    ImagePositionPatient: [...g.positionLps],
    ImageOrientationPatient: [...g.rowDirection, ...g.columnDirection],
    SliceLocation: sliceLocation === 0 ? 0 : sliceLocation,
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: inst.rows,
    Columns: inst.cols,
    PixelSpacing: [g.pixelSpacingMm[0], g.pixelSpacingMm[1]],
    BitsAllocated: 16,
    BitsStored: series.bitsStored,
    HighBit: series.bitsStored - 1,
    PixelRepresentation: 0,
    WindowCenter: win.center,
    WindowWidth: win.width,
  };
  if (series.rescale) {
    out.RescaleIntercept = series.rescale.intercept;
    out.RescaleSlope = series.rescale.slope;
    out.RescaleType = 'US';
  }
  const px = inst.pixels;
  // The pixels' own buffer where they fill it (the generator's case): no copy of the image per instance.
  out.PixelData = [
    px.byteOffset === 0 && px.byteLength === px.buffer.byteLength
      ? px.buffer
      : px.buffer.slice(px.byteOffset, px.byteOffset + px.byteLength),
  ];
  return out;
}
