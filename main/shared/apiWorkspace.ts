/**
 * Records of the reading workspace: a stored study's series and stacks with their geometry, the decoded
 * pixels of one stack (binary), printing and PDF saving. Pure TypeScript: imports nothing outside main/shared.
 */
import type { StudyInfo } from './analysis';
import type { AnalysisListItem } from './apiRecords';
import type { SeriesRole } from './findings';
import type { Vec3 } from './vec3';

/**
 * Geometry of one stack in the DICOM patient frame (LPS, mm). Index frame ijk: i = column, j = row,
 * k = slice, sorted ascending along n = u x v (the order of a finding's keyLocation.sliceIndex).
 */
export interface StackGeometry {
  /** [columns, rows, slices]. */
  dims: readonly [number, number, number];
  /** [column spacing, row spacing, mean slice spacing] in mm; (0028,0030) gives the first two swapped. */
  spacingMm: readonly [number, number, number];
  /** (0020,0032) of slice k = 0. */
  originLps: Vec3;
  /** [u (row direction, i grows), v (column direction, j grows), n = u x v (k grows)]. */
  direction: readonly [Vec3, Vec3, Vec3];
  /** (0020,0032) of each slice, k order; spacing may be uneven (gaps). */
  slicePositionsLps: readonly Vec3[];
}

/** One geometrically consistent stack of a series (a series splits by orientation and image size). */
export interface StackDetail {
  seriesInstanceUid: string;
  /** Index of this stack within its series; with the series UID it names the stack in getStackPixels. */
  stackIndex: number;
  role: SeriesRole;
  geometry: StackGeometry;
  /** Per slice, k order. */
  sopInstanceUids: string[];
  instanceNumbers: number[];
  sliceThicknessMm?: number;
}

export interface SeriesDetail {
  seriesInstanceUid: string;
  seriesDescription: string;
  seriesNumber: number;
  role: SeriesRole;
  stacks: StackDetail[];
}

/** A stored study as the workspace opens it: header, series with stacks, analyses (newest first). */
export interface StudyDetail {
  study: StudyInfo;
  series: SeriesDetail[];
  analyses: AnalysisListItem[];
  /** Files of the study that could not be read now (moved, changed, unreadable), with reasons. */
  problems: Array<{ file: string; message: string }>;
}

/** Element type of StackPixels.pixels (Int16Array, Uint16Array or Float32Array over the buffer). */
export type PixelDtype = 'int16' | 'uint16' | 'float32';

/** The typed-array view of pixel bytes of a dtype (no copy). */
export function pixelView(p: {
  dtype: PixelDtype;
  pixels: ArrayBuffer;
}): Int16Array | Uint16Array | Float32Array {
  if (p.dtype === 'int16') return new Int16Array(p.pixels);
  if (p.dtype === 'uint16') return new Uint16Array(p.pixels);
  return new Float32Array(p.pixels);
}

/**
 * The decoded modality-value pixels of one stack: i fastest, then j, then k (slice k starts at
 * k * columns * rows elements). Crosses as binary only (structured clone over IPC, octet-stream over HTTP).
 */
export interface StackPixels {
  seriesInstanceUid: string;
  stackIndex: number;
  dims: readonly [number, number, number];
  dtype: PixelDtype;
  pixels: ArrayBuffer;
  /** Smallest and largest pixel value of the stack. */
  minValue: number;
  maxValue: number;
  /** Automatic MR window from percentiles of the stack (not the full range). */
  autoWindow: { center: number; width: number };
  /** Slices whose pixels could not be decoded (left at 0), with the reason per slice. */
  failedSlices: Array<{ sliceIndex: number; message: string }>;
}

/** Longest side of a stack thumbnail in px (getStackThumbnail). */
export const THUMBNAIL_MAX_PX = 128;

/**
 * A small picture of one stack for the series chooser: its middle slice (k = floor(slices / 2)), resampled
 * by area averaging to square pixels in mm (the slice's physical aspect) with the long side at most
 * THUMBNAIL_MAX_PX, then mapped to gray levels with the automatic MR window of that slice. Crosses as
 * binary only, like StackPixels.
 */
export interface StackThumbnail {
  seriesInstanceUid: string;
  stackIndex: number;
  /** The slice shown, 0-based k (keyLocation.sliceIndex order). */
  sliceIndex: number;
  /** Size of the picture in px. */
  width: number;
  height: number;
  /** Gray levels, uint8, x fastest: 0 at and below the window's lower end, 255 at and above its top. */
  pixels: ArrayBuffer;
  /** The automatic MR window (1st..99.5th percentile of the slice) the gray levels were mapped with. */
  window: { center: number; width: number };
  /** Why the slice could not be shown (its pixels are then 0); absent when it was decoded. */
  failed?: string;
}

/** What printReport returns: the summary HTML (audited as 'print') and who shows the print dialog. */
export interface PrintResult {
  html: string;
  /** 'system-dialog': the Electron app opened the OS print dialog; 'browser': the page prints `html`. */
  printedBy: 'system-dialog' | 'browser';
}

/** What savePdf returns: the bytes for a download (host) or the files written after a save dialog (app). */
export interface SavePdfResult {
  /** Suggested file name, e.g. 'SpineGrade-<patient>-<date>.pdf'. */
  fileName: string;
  /** The PDF bytes (host, CLI); absent when the app wrote the files itself. */
  pdf?: ArrayBuffer;
  /** Files written (app: the PDF and the Encapsulated PDF .dcm beside it); empty when cancelled. */
  savedTo: Array<{ file: string; sha256: string }>;
}

/** What uploadFile returns: where the bytes were stored inside the app's upload folder. */
export interface UploadResult {
  uploadId: string;
  relativePath: string;
  sizeBytes: number;
}
