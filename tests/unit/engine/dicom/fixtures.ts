/**
 * Test fixtures: real DICOM Part 10 MR files written with dcmjs (main/engine/dicom/writeDicom.ts) for
 * header variants, bad input and codec round trips. Never committed as binaries: generated per test run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { uidFromSeed, writeDicomPart10, type NaturalDataset } from '../../../../main/engine/dicom/writeDicom';
import { add, cross, scale, type Vec3 } from '../../../../main/shared/vec3';

export const ENHANCED_MR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.4.1';

export interface SeriesSpec {
  /** Seed of every UID (study UID from `study`, series UID from `study` + `series`). */
  study: string;
  series: string;
  description: string;
  rows: number;
  columns: number;
  slices: number;
  /** u (row direction) and v (column direction) of (0020,0037). */
  rowDirection: Vec3;
  columnDirection: Vec3;
  /** Position of slice 0; slices step along n = u x v by `sliceSpacingMm`. */
  firstPositionLps: Vec3;
  sliceSpacingMm: number;
  /** [row spacing, column spacing] as in (0028,0030). */
  pixelSpacingMm: [number, number];
  modality?: string;
  timing?: { tr?: number; te?: number; ti?: number };
  /** Order in which files are written / InstanceNumbers assigned (default: slice order). */
  instanceOrder?: number[];
  /** Extra or overriding attributes for every slice. */
  extra?: NaturalDataset;
  /** Stored value of pixel (c, r) of slice k (default: a pattern unique per slice). */
  value?: (c: number, r: number, k: number) => number;
  bitsStored?: number;
  /** 8 writes OB pixel data (for JPEG baseline round trips); default 16. */
  bitsAllocated?: 8 | 16;
  signed?: boolean;
  /** Distinguishes the SOP Instance UIDs of several stacks written into one series. */
  stackLabel?: string;
  /** Omit (0018,0088) Spacing Between Slices. */
  omitSpacingBetweenSlices?: boolean;
}

/** A decimal string value that fits DS's 16 characters (dcmjs would truncate and warn). */
export function ds(values: readonly number[]): number[] {
  return values.map((v) => Number(v.toFixed(6)));
}

/** Default stored value: distinct per pixel and per slice, within 12 bits. */
export function defaultValue(c: number, r: number, k: number): number {
  return (c * 7 + r * 13 + k * 101) % 4096;
}

export function studyUid(spec: Pick<SeriesSpec, 'study'>): string {
  return uidFromSeed(`study:${spec.study}`);
}

export function seriesUid(spec: Pick<SeriesSpec, 'study' | 'series'>): string {
  return uidFromSeed(`series:${spec.study}:${spec.series}`);
}

export function slicePosition(spec: SeriesSpec, k: number): Vec3 {
  const n = cross(spec.rowDirection, spec.columnDirection);
  return add(spec.firstPositionLps, scale(n, k * spec.sliceSpacingMm));
}

/** Stored pixel values of slice k, row-major. */
export function slicePixels(spec: SeriesSpec, k: number): Int16Array | Uint16Array | Uint8Array {
  const size = spec.rows * spec.columns;
  const out =
    spec.bitsAllocated === 8
      ? new Uint8Array(size)
      : spec.signed
        ? new Int16Array(size)
        : new Uint16Array(size);
  const f = spec.value ?? defaultValue;
  for (let r = 0; r < spec.rows; r++)
    for (let c = 0; c < spec.columns; c++) out[r * spec.columns + c] = f(c, r, k);
  return out;
}

function commonAttributes(spec: SeriesSpec): NaturalDataset {
  const bits = spec.bitsStored ?? spec.bitsAllocated ?? 16;
  return {
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.4',
    StudyInstanceUID: studyUid(spec),
    SeriesInstanceUID: seriesUid(spec),
    FrameOfReferenceUID: uidFromSeed(`for:${spec.study}`),
    Modality: spec.modality ?? 'MR',
    PatientName: 'Phantom^Test',
    PatientID: `P-${spec.study}`,
    StudyDate: '20240101',
    StudyDescription: 'MRI LUMBAR SPINE',
    BodyPartExamined: 'LSPINE',
    SeriesDescription: spec.description,
    SeriesNumber: 1,
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: spec.rows,
    Columns: spec.columns,
    BitsAllocated: spec.bitsAllocated ?? 16,
    BitsStored: bits,
    HighBit: bits - 1,
    PixelRepresentation: spec.signed ? 1 : 0,
    PixelSpacing: spec.pixelSpacingMm,
    ImageOrientationPatient: ds([...spec.rowDirection, ...spec.columnDirection]),
    SliceThickness: spec.sliceSpacingMm,
    ...(spec.omitSpacingBetweenSlices ? {} : { SpacingBetweenSlices: spec.sliceSpacingMm }),
    ...(spec.timing?.tr !== undefined ? { RepetitionTime: spec.timing.tr } : {}),
    ...(spec.timing?.te !== undefined ? { EchoTime: spec.timing.te } : {}),
    ...(spec.timing?.ti !== undefined ? { InversionTime: spec.timing.ti } : {}),
  };
}

/** Part 10 bytes of slice k of a classic single-frame MR series. */
export function sliceFile(spec: SeriesSpec, k: number, instanceNumber = k + 1): Buffer {
  return writeDicomPart10(
    {
      ...commonAttributes(spec),
      SOPInstanceUID: uidFromSeed(`sop:${spec.study}:${spec.series}:${spec.stackLabel ?? ''}:${k}`),
      InstanceNumber: instanceNumber,
      ImagePositionPatient: ds(slicePosition(spec, k)),
      PixelData: [slicePixels(spec, k).buffer],
      ...spec.extra,
    },
    { PixelData: spec.bitsAllocated === 8 ? 'OB' : 'OW' },
  );
}

/** Write a classic series as `<dir>/<instanceNumber>.dcm` (RSNA layout); returns the file paths in slice order. */
export function writeSeries(dir: string, spec: SeriesSpec): string[] {
  mkdirSync(dir, { recursive: true });
  const order = spec.instanceOrder ?? Array.from({ length: spec.slices }, (_, k) => k);
  const files: string[] = new Array(spec.slices);
  order.forEach((k, index) => {
    const file = path.join(dir, `${index + 1}.dcm`);
    writeFileSync(file, sliceFile(spec, k, index + 1));
    files[k] = file;
  });
  return files;
}

/** Write one enhanced MR multi-frame file holding every slice, geometry in per-frame functional groups. */
export function writeEnhancedSeries(file: string, spec: SeriesSpec): void {
  const frames = Array.from({ length: spec.slices }, (_, k) => slicePixels(spec, k));
  const all = new Uint16Array(frames.reduce((n, f) => n + f.length, 0));
  frames.forEach((f, k) => all.set(new Uint16Array(f.buffer), k * f.length));
  const common = commonAttributes(spec);
  delete common.PixelSpacing;
  delete common.ImageOrientationPatient;
  delete common.SliceThickness;
  delete common.SpacingBetweenSlices;
  delete common.RepetitionTime;
  delete common.EchoTime;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    writeDicomPart10({
      ...common,
      SOPClassUID: ENHANCED_MR_IMAGE_STORAGE,
      SOPInstanceUID: uidFromSeed(`sop:${spec.study}:${spec.series}:enhanced`),
      InstanceNumber: 1,
      NumberOfFrames: spec.slices,
      SharedFunctionalGroupsSequence: [
        {
          PixelMeasuresSequence: [{ PixelSpacing: spec.pixelSpacingMm, SliceThickness: spec.sliceSpacingMm }],
          PlaneOrientationSequence: [
            { ImageOrientationPatient: [...spec.rowDirection, ...spec.columnDirection] },
          ],
          MRTimingAndRelatedParametersSequence: [{ RepetitionTime: spec.timing?.tr ?? 600 }],
          MREchoSequence: [{ EffectiveEchoTime: spec.timing?.te ?? 12 }],
          PixelValueTransformationSequence: [{ RescaleSlope: 1, RescaleIntercept: 0, RescaleType: 'US' }],
        },
      ],
      // Frames listed in reverse so the importer must sort by position, not frame number.
      PerFrameFunctionalGroupsSequence: frames.map((_, f) => ({
        PlanePositionSequence: [{ ImagePositionPatient: ds(slicePosition(spec, spec.slices - 1 - f)) }],
        FrameContentSequence: [{ InStackPositionNumber: spec.slices - f }],
      })),
      PixelData: [reverseFrames(all, spec).buffer],
    }),
  );
}

function reverseFrames(all: Uint16Array, spec: SeriesSpec): Uint16Array {
  const size = spec.rows * spec.columns;
  const out = new Uint16Array(all.length);
  for (let f = 0; f < spec.slices; f++)
    out.set(all.subarray((spec.slices - 1 - f) * size, (spec.slices - f) * size), f * size);
  return out;
}

/** A standard sagittal series (IOP 0\1\0\0\0\-1, so n = -x) of `slices` slices centred on x = 0. */
export function sagittalSpec(
  study: string,
  series: string,
  description: string,
  over: Partial<SeriesSpec> = {},
): SeriesSpec {
  const slices = over.slices ?? 9;
  const spacing = over.sliceSpacingMm ?? 4;
  return {
    study,
    series,
    description,
    rows: 48,
    columns: 40,
    slices,
    rowDirection: [0, 1, 0],
    columnDirection: [0, 0, -1],
    // n = -x: slice 0 is the most patient-left (largest x).
    firstPositionLps: [((slices - 1) / 2) * spacing, -100, 120],
    sliceSpacingMm: spacing,
    pixelSpacingMm: [0.8, 0.7],
    timing: { tr: 550, te: 10 },
    ...over,
  };
}

/** A standard axial series (IOP 1\0\0\0\1\0, n = +z). */
export function axialSpec(
  study: string,
  series: string,
  description: string,
  over: Partial<SeriesSpec> = {},
): SeriesSpec {
  return {
    study,
    series,
    description,
    rows: 40,
    columns: 44,
    slices: 6,
    rowDirection: [1, 0, 0],
    columnDirection: [0, 1, 0],
    firstPositionLps: [-80, -90, 10],
    sliceSpacingMm: 4,
    pixelSpacingMm: [0.6, 0.65],
    timing: { tr: 4000, te: 100 },
    ...over,
  };
}
