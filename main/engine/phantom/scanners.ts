/**
 * Scanner vendor profiles for phantom headers: manufacturer and model strings, field strengths, bit depth and
 * the series-description vocabulary each vendor's protocols use. Never imports electron.
 */
import type { Contrast } from './anatomyTypes';
import type { Rng } from '../rng';

/** Which protocol a series description is drawn for. */
export type ProtocolKind = 'sagT1' | 'sagT2' | 'sagSTIR' | 'axT2';

export interface ScannerProfile {
  /** (0008,0070) Manufacturer. */
  manufacturer: string;
  /** (0008,1090) Manufacturer's Model Name. */
  models: readonly string[];
  /** (0018,0087) Magnetic Field Strength, tesla. */
  fieldStrengthsT: readonly number[];
  /** (0028,0101) Bits Stored typical of the vendor's MR images. */
  bitsStored: 12 | 16;
  /** Probability that images carry (0028,1053) Rescale Slope / (0028,1052) Intercept. */
  rescaleProbability: number;
  /** (0018,1020) Software Versions. */
  softwareVersions: readonly string[];
  /** (0008,103E) Series Description vocabulary per protocol. */
  descriptions: Record<ProtocolKind, readonly string[]>;
}

export const SCANNER_PROFILES: readonly ScannerProfile[] = [
  {
    manufacturer: 'SIEMENS',
    models: ['Aera', 'Avanto', 'Avanto_fit', 'Skyra', 'Espree', 'Verio', 'Prisma_fit'],
    fieldStrengthsT: [1.5, 1.5, 3],
    bitsStored: 12,
    rescaleProbability: 0,
    softwareVersions: ['syngo MR E11', 'syngo MR D13', 'syngo MR XA30'],
    descriptions: {
      sagT1: ['t1_tse_sag', 'T1_TSE_SAG', 't1_tse_sag_320', 'SAG T1 TSE'],
      sagT2: ['t2_tse_sag', 'T2_TSE_SAG', 't2_tse_sag_384', 'SAG T2 TSE'],
      sagSTIR: ['t2_tirm_sag', 'STIR_SAG', 'SAG STIR'],
      axT2: ['t2_tse_tra', 'T2_TSE_TRA', 't2_tse_tra_320', 'AX T2 TSE'],
    },
  },
  {
    manufacturer: 'GE MEDICAL SYSTEMS',
    models: ['Signa HDxt', 'SIGNA Artist', 'Optima MR450w', 'DISCOVERY MR750', 'SIGNA Explorer'],
    fieldStrengthsT: [1.5, 3],
    bitsStored: 16,
    rescaleProbability: 0,
    softwareVersions: ['27\\LX\\MR Software release:DV26.0_R03', '24\\LX\\MR Software release:DV24.0_R01'],
    descriptions: {
      sagT1: ['Sag T1 FSE', 'SAG T1 FSE', 'Sag T1'],
      sagT2: ['Sag T2 FSE', 'SAG T2 FRFSE', 'Sag T2'],
      sagSTIR: ['Sag STIR', 'SAG STIR', 'Sag T2 STIR'],
      axT2: ['Ax T2 FSE', 'AX T2 FRFSE', 'AX T2', 'Ax T2 FSE Stacked'],
    },
  },
  {
    manufacturer: 'Philips Medical Systems',
    models: ['Ingenia', 'Achieva', 'Intera', 'Ingenia Elition X'],
    fieldStrengthsT: [1.5, 3],
    bitsStored: 12,
    rescaleProbability: 0.7,
    softwareVersions: ['5.4.1\\5.4.1.0', '3.2.3\\3.2.3.2'],
    descriptions: {
      sagT1: ['SAG T1 TSE', 'T1W_TSE SAG', 'sT1W_TSE'],
      sagT2: ['SAG T2 TSE', 'T2W_TSE SAG', 'sT2W_TSE'],
      sagSTIR: ['SAG STIR', 'STIR SAG', 'sSTIR_TSE'],
      axT2: ['AX T2 TSE', 'T2W_TSE TRA', 'aT2W_TSE'],
    },
  },
  {
    manufacturer: 'TOSHIBA',
    models: ['Vantage Titan', 'Vantage Orian', 'Vantage Elan'],
    fieldStrengthsT: [1.5, 3],
    bitsStored: 16,
    rescaleProbability: 0,
    softwareVersions: ['V4.50*R001', 'V6.0*R005'],
    descriptions: {
      sagT1: ['Sag T1 FSE', 'SAG T1'],
      sagT2: ['Sag T2 FSE', 'SAG T2'],
      sagSTIR: ['Sag STIR', 'SAG STIR'],
      axT2: ['Ax T2 FSE', 'AX T2'],
    },
  },
];

export interface Scanner {
  profile: ScannerProfile;
  model: string;
  fieldStrengthT: number;
  softwareVersion: string;
}

/** Draw the scanner of one study (vendor, model, field strength). */
export function drawScanner(rng: Rng): Scanner {
  const profile = rng.pick(SCANNER_PROFILES);
  return {
    profile,
    model: rng.pick(profile.models),
    fieldStrengthT: rng.pick(profile.fieldStrengthsT),
    softwareVersion: rng.pick(profile.softwareVersions),
  };
}

/** Protocol of a series from its plane and contrast. */
export function protocolOf(axial: boolean, contrast: Contrast): ProtocolKind {
  if (axial) return 'axT2';
  return contrast === 'T1' ? 'sagT1' : contrast === 'STIR' ? 'sagSTIR' : 'sagT2';
}

/** MR timing (ms) drawn for a contrast, consistent with how it is acquired. */
export interface MrTiming {
  /** (0018,0080) Repetition Time. */
  repetitionTimeMs: number;
  /** (0018,0081) Echo Time. */
  echoTimeMs: number;
  /** (0018,0082) Inversion Time, STIR only (fat nulled at 1.5-3 T). */
  inversionTimeMs?: number;
  /** (0018,0091) Echo Train Length. */
  echoTrainLength: number;
  /** (0018,1314) Flip Angle, degrees. */
  flipAngleDeg: number;
  /** (0018,0020) Scanning Sequence. */
  scanningSequence: string[];
}

/** T1: TR 400-700, TE 8-15; T2: TR 3000-5000, TE 80-120; STIR: TR 3000-5000, TE 30-70, TI 150-180. */
export function drawTiming(contrast: Contrast, rng: Rng): MrTiming {
  const r1 = (lo: number, hi: number): number => Math.round(rng.uniform(lo, hi) * 10) / 10;
  if (contrast === 'T1') {
    return {
      repetitionTimeMs: r1(400, 700),
      echoTimeMs: r1(8, 15),
      echoTrainLength: rng.int(2, 5),
      flipAngleDeg: rng.pick([90, 150, 160]),
      scanningSequence: ['SE'],
    };
  }
  if (contrast === 'STIR') {
    return {
      repetitionTimeMs: r1(3000, 5000),
      echoTimeMs: r1(30, 70),
      inversionTimeMs: r1(150, 180),
      echoTrainLength: rng.int(8, 16),
      flipAngleDeg: rng.pick([90, 150, 160]),
      scanningSequence: ['SE', 'IR'],
    };
  }
  return {
    repetitionTimeMs: r1(3000, 5000),
    echoTimeMs: r1(80, 120),
    echoTrainLength: rng.int(14, 28),
    flipAngleDeg: rng.pick([90, 150, 160]),
    scanningSequence: ['SE'],
  };
}
