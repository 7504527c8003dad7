/**
 * Header-only records of one DICOM instance and its frames: everything grouping, geometry and role
 * classification need, without pixels. Plain TypeScript; never imports electron.
 */
import type { StudyInfo } from '../../shared/analysis';
import type { SliceGeometry } from '../../shared/sliceGeometry';

/** Image Pixel module attributes (PS3.3 C.7.6.3). */
export interface PixelFormat {
  rows: number; // (0028,0010)
  columns: number; // (0028,0011)
  samplesPerPixel: number; // (0028,0002)
  photometricInterpretation: string; // (0028,0004)
  bitsAllocated: number; // (0028,0100)
  bitsStored: number; // (0028,0101)
  highBit: number; // (0028,0102)
  /** (0028,0103): 0 unsigned, 1 two's complement. */
  pixelRepresentation: number;
  planarConfiguration: number; // (0028,0006)
}

/** MR contrast timing, ms, when the header has it. */
export interface MrTiming {
  repetitionTimeMs?: number; // (0018,0080) or (0018,9112)>(0018,0080)
  echoTimeMs?: number; // (0018,0081) or (0018,9114)>(0018,9082)
  inversionTimeMs?: number; // (0018,0082) or (0018,9115)>(0018,9079)
}

/** One frame (one 2D image) of an instance; single-frame instances have exactly one. */
export interface FrameHeader {
  /** 0-based frame index inside its file. */
  frameIndex: number;
  /** Null when (0020,0032), (0020,0037) or (0028,0030) is missing or invalid. */
  geometry: SliceGeometry | null;
  rescaleSlope: number; // (0028,1053), default 1
  rescaleIntercept: number; // (0028,1052), default 0
  timing: MrTiming;
  sliceThicknessMm?: number; // (0018,0050)
  spacingBetweenSlicesMm?: number; // (0018,0088)
}

/** One DICOM instance (file) read without its pixels. */
export interface InstanceHeader {
  file: string;
  transferSyntaxUid: string;
  sopClassUid: string;
  sopInstanceUid: string;
  seriesInstanceUid: string;
  frameOfReferenceUid: string;
  modality: string;
  seriesDescription: string;
  seriesNumber: number;
  instanceNumber: number;
  bodyPartExamined: string;
  /** (0018,0020), e.g. 'SE', 'IR', 'GR'. */
  scanningSequence: string;
  study: StudyInfo;
  pixel: PixelFormat;
  frames: FrameHeader[];
}
