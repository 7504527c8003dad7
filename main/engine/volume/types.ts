/**
 * Volume records: one geometrically consistent stack of slices in the DICOM patient frame (LPS, mm).
 * Index frame ijk: i = column, j = row, k = slice (sorted ascending along the slice normal n = u x v).
 * Which way k runs in patient x depends on (0020,0037): see sliceOrder.ts. Plain Node; never imports electron.
 */
import type { StackGeometry } from '../../shared/apiWorkspace';
import type { SeriesRole } from '../../shared/findings';

/** The contract's stack geometry (main/shared/apiWorkspace): dims, spacingMm, originLps, direction, slice positions. */
export type VolumeGeometry = StackGeometry;

/** A stack without its pixels: what a header-only scan yields and what the JSON output and store need. */
export interface StackHeader {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  seriesDescription: string;
  seriesNumber: number;
  /** Index of this stack within its series (series split by orientation and image size). */
  stackIndex: number;
  role: SeriesRole;
  frameOfReferenceUid: string;
  geometry: VolumeGeometry;
  /** Per slice, k order: (0020,0013) Instance Number, (0008,0018) SOP Instance UID, file, 0-based frame. */
  instanceNumbers: number[];
  sopInstanceUids: string[];
  filePaths: string[];
  frameIndices: number[];
  /** (0018,0050) Slice Thickness of the first slice, when present. */
  sliceThicknessMm?: number;
  /** MR timing, ms, when present: (0018,0080) TR, (0018,0081) TE, (0018,0082) TI. */
  repetitionTimeMs?: number;
  echoTimeMs?: number;
  inversionTimeMs?: number;
}

export interface Volume extends StackHeader {
  /** Modality-value pixels (rescale applied, MONOCHROME1 inverted), i fastest, then j, then k. */
  pixels: Float32Array;
  /** Slices k whose pixels could not be decoded: left at 0 and listed in the import's problems. */
  failedSliceIndices: number[];
  /**
   * Per slice (k order) the size and SHA-256 of its file as read for decoding, null where the file
   * could not be read; absent on volumes built another way (the store then hashes the file itself).
   */
  fileDigests?: ReadonlyArray<FileDigest | null>;
}

/** A whole file as read once: its size and the SHA-256 of its bytes (what the store references it by). */
export interface FileDigest {
  sha256: string;
  sizeBytes: number;
}
