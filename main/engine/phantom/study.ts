/**
 * Generates one phantom study: grades, anatomy, series layout, DICOM Part 10 files (handed to a sink),
 * label coordinates and the ground-truth record. Pure function of (seed, index, options); no file system.
 * Never imports electron.
 */
import { writeDicomPart10 } from '../dicom/writeDicom';
import { buildSpineAnatomy } from './anatomy/buildSpineAnatomy';
import type { SpineAnatomy, StudyGrades } from './anatomyTypes';
import { labelCoordinates, type LabelCoordinate, type WrittenSeries } from './coordinates';
import { buildGroundTruth, type GroundTruth } from './groundTruth';
import { drawStudyHeader, dicomTime, instanceDataset, type SeriesHeader, type StudyHeader } from './headers';
import { phantomUid, PHANTOM_VERSION, seriesIdsOf, studyIdOf } from './ids';
import { sampleStudyGrades } from './labels';
import { planStudyLayout } from './layout';
import type { AxialMode, PhantomRole, SeriesPlan } from './layoutTypes';
import { drawSeriesIntensity, instancePixels } from './pixels';
import { createRng, type Rng } from '../rng';
import { drawScanner, drawTiming, protocolOf } from './scanners';

/** Default largest matrix (256-320 drawn): moderate for speed; raise to 640 for full-size studies. */
export const DEFAULT_MAX_MATRIX = 320;
/** Share of studies that lack one series, as a few RSNA studies do. */
export const MISSING_SERIES_RATE = 0.01;

export interface StudyOptions {
  seed: string;
  studyIndex: number;
  /** Largest in-plane matrix, 256..640 (default {@link DEFAULT_MAX_MATRIX}). */
  maxMatrix?: number;
  /** Force the axial planning mode (fixtures). */
  axialMode?: AxialMode;
  /** Force a missing series role, or 'none' to keep all; drawn at {@link MISSING_SERIES_RATE} otherwise. */
  missingRole?: PhantomRole | 'none';
}

/** Receives each DICOM file: path relative to the dataset root, and its bytes. */
export type FileSink = (relativePath: string, bytes: Buffer) => void;

/** What the dataset writer needs of a study besides its files: CSV rows and the sidecar. */
export interface StudyRecord {
  studyId: number;
  grades: StudyGrades;
  /** train_series_descriptions.csv rows, in series order. */
  series: Array<{ seriesId: number; role: PhantomRole }>;
  coordinates: LabelCoordinate[];
  groundTruth: GroundTruth;
}

function drawMissingRole(rng: Rng, forced: StudyOptions['missingRole']): PhantomRole | undefined {
  if (forced === 'none') return undefined;
  if (forced) return forced;
  return rng.bool(MISSING_SERIES_RATE)
    ? rng.pick(['Sagittal T1', 'Sagittal T2/STIR', 'Axial T2'] as const)
    : undefined;
}

function seriesHeaders(
  plans: WrittenSeries[],
  study: StudyHeader,
  seed: string,
  studyIndex: number,
  rng: Rng,
): SeriesHeader[] {
  let seriesNumber = rng.int(1, 6);
  let timeSec = Number(study.studyTime.slice(0, 2)) * 3600 + Number(study.studyTime.slice(2, 4)) * 60;
  const vocabulary = study.scanner.profile.descriptions;
  return plans.map((plan) => {
    seriesNumber += rng.int(1, 2);
    timeSec += rng.int(120, 420);
    const bitsStored = study.scanner.profile.bitsStored;
    const rescale = rng.bool(study.scanner.profile.rescaleProbability)
      ? { slope: Math.round(rng.uniform(1, 3) * 1e4) / 1e4, intercept: 0 }
      : undefined;
    return {
      seriesInstanceUid: phantomUid(seed, studyIndex, `series/${plan.key}`),
      seriesNumber,
      seriesDescription: rng.pick(vocabulary[protocolOf(plan.role === 'Axial T2', plan.contrast)]),
      seriesTime: dicomTime(timeSec),
      timing: drawTiming(plan.contrast, rng),
      sliceThicknessMm: plan.sliceThicknessMm,
      spacingBetweenSlicesMm: plan.spacingBetweenSlicesMm,
      ...(rescale ? { rescale } : {}),
      bitsStored,
    };
  });
}

function writeSeries(
  anatomy: SpineAnatomy,
  plan: WrittenSeries,
  study: StudyHeader,
  header: SeriesHeader,
  ctx: { seed: string; studyIndex: number; studyId: number; rng: Rng },
  sink: FileSink,
): void {
  const intensity = drawSeriesIntensity(ctx.rng.fork(`intensity/${plan.key}`), header.bitsStored);
  const slices = plan.stacks.flatMap((st) => st.slices);
  slices.forEach((geometry, k) => {
    const instanceNumber = plan.instanceNumbers[k];
    const pixels = instancePixels(anatomy, plan, geometry, intensity, ctx.rng.fork(`noise/${plan.key}/${k}`));
    const dataset = instanceDataset(study, header, {
      geometry,
      instanceNumber,
      sopInstanceUid: phantomUid(ctx.seed, ctx.studyIndex, `sop/${plan.key}/${instanceNumber}`),
      cols: plan.cols,
      rows: plan.rows,
      pixels,
    });
    sink(`train_images/${ctx.studyId}/${plan.seriesId}/${instanceNumber}.dcm`, writeDicomPart10(dataset));
  });
}

/** Generate study `studyIndex` of the dataset seeded `seed`; DICOM files go to `sink` as they are made. */
export function generateStudy(options: StudyOptions, sink: FileSink): StudyRecord {
  const { seed, studyIndex } = options;
  const rng = createRng(`spinegrade-phantom/v${PHANTOM_VERSION}/${seed}/study/${studyIndex}`);
  const grades = sampleStudyGrades(seed, studyIndex);
  const anatomy = buildSpineAnatomy(rng.fork('anatomy'), grades);
  const layout = planStudyLayout(anatomy, rng.fork('layout'), {
    maxMatrix: options.maxMatrix ?? DEFAULT_MAX_MATRIX,
    ...(options.axialMode ? { axialMode: options.axialMode } : {}),
  });
  const missing = drawMissingRole(rng.fork('missing'), options.missingRole);
  const kept: SeriesPlan[] = layout.series.filter((s) => s.role !== missing);
  const studyId = studyIdOf(seed, studyIndex);
  const ids = seriesIdsOf(
    seed,
    studyIndex,
    layout.series.map((s) => s.key),
  );
  const plans: WrittenSeries[] = kept.map((s) => ({ ...s, seriesId: ids[s.key] }));
  const study = drawStudyHeader(
    rng.fork('header'),
    studyId,
    { study: phantomUid(seed, studyIndex, 'study'), frameOfReference: phantomUid(seed, studyIndex, 'frame') },
    drawScanner(rng.fork('scanner')),
  );
  const headers = seriesHeaders(plans, study, seed, studyIndex, rng.fork('series-headers'));
  const ctx = { seed, studyIndex, studyId, rng: rng.fork('pixels') };
  plans.forEach((plan, i) => writeSeries(anatomy, plan, study, headers[i], ctx, sink));
  const coordinates = labelCoordinates(anatomy, plans);
  const groundTruth = buildGroundTruth({
    version: PHANTOM_VERSION,
    seed,
    studyIndex,
    studyId,
    studyInstanceUid: study.studyInstanceUid,
    frameOfReferenceUid: study.frameOfReferenceUid,
    grades,
    anatomy,
    axial: { mode: layout.axialMode, plannedLevels: layout.axialLevels },
    missingSeries: missing ? [missing] : [],
    series: plans.map((plan, i) => ({
      plan,
      seriesInstanceUid: headers[i].seriesInstanceUid,
      seriesNumber: headers[i].seriesNumber,
      dicomSeriesDescription: headers[i].seriesDescription,
    })),
    coordinates,
  });
  return {
    studyId,
    grades,
    series: plans.map((p) => ({ seriesId: p.seriesId, role: p.role })),
    coordinates,
    groundTruth,
  };
}
