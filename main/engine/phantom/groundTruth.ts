/**
 * The ground-truth sidecar of a phantom study (ground_truth/<study_id>.json): grades, level points in
 * patient LPS mm, series ids and roles, and the label coordinates. Never imports electron.
 */
import {
  CONDITIONS,
  LEVELS,
  SEVERITIES,
  type Condition,
  type Level,
  type Severity,
} from '../../shared/targets';
import type { AnatomyVariant, Contrast, LevelAnatomy, SpineAnatomy, StudyGrades } from './anatomyTypes';
import type { LabelCoordinate, WrittenSeries } from './coordinates';
import type { AxialMode, PhantomRole } from './layoutTypes';
import { roundMm, roundVec } from './planes';

/** A level's ground-truth points as written (rounded): the anatomy's record less its level key. */
export type GroundTruthLevel = Omit<LevelAnatomy, 'level'>;

export interface GroundTruthSeries {
  seriesId: number;
  seriesInstanceUid: string;
  seriesNumber: number;
  /** RSNA series_description (train_series_descriptions.csv). */
  role: PhantomRole;
  contrast: Contrast;
  /** (0008,103E) as written in the DICOM files (scanner wording). */
  dicomSeriesDescription: string;
  cols: number;
  rows: number;
  pixelSpacingMm: number;
  sliceThicknessMm: number;
  spacingBetweenSlicesMm: number;
  /** Instance numbers of each stack in spatial order (ascending along the slice normal). */
  stacks: Array<{ level?: Level; instanceNumbers: number[] }>;
}

/** Everything a test or a trainer needs to know about one phantom study, in stable key order. */
export interface GroundTruth {
  generator: 'spinegrade-phantom';
  version: string;
  seed: string;
  studyIndex: number;
  studyId: number;
  studyInstanceUid: string;
  frameOfReferenceUid: string;
  grades: Record<Condition, Record<Level, Severity>>;
  levels: Record<Level, GroundTruthLevel>;
  /**
   * Confounders (generator version 2): transitional lumbosacral anatomy and spondylolisthesis. Labels follow
   * RSNA (counted from the first vertebra below T12), so they sit on the same discs with or without them.
   */
  anatomy: {
    levelLabelling: 'rsna';
    transitional: AnatomyVariant['transitional'];
    spondylolisthesis: AnatomyVariant['spondylolisthesis'];
  };
  axial: { mode: AxialMode; plannedLevels: Level[] };
  missingSeries: PhantomRole[];
  series: GroundTruthSeries[];
  coordinates: LabelCoordinate[];
}

/** What buildGroundTruth takes: the sidecar's own fields as they are, plus what it derives the rest from. */
export interface GroundTruthInput extends Pick<
  GroundTruth,
  | 'version'
  | 'seed'
  | 'studyIndex'
  | 'studyId'
  | 'studyInstanceUid'
  | 'frameOfReferenceUid'
  | 'axial'
  | 'missingSeries'
  | 'coordinates'
> {
  grades: StudyGrades;
  anatomy: SpineAnatomy;
  series: Array<{
    plan: WrittenSeries;
    seriesInstanceUid: string;
    seriesNumber: number;
    dicomSeriesDescription: string;
  }>;
}

function levelRecord(anatomy: SpineAnatomy, level: Level): GroundTruthLevel {
  const la = anatomy.levels[level];
  return {
    discCenterLps: roundVec(la.discCenterLps, 4),
    discNormal: roundVec(la.discNormal, 6),
    discHeightMm: roundMm(la.discHeightMm),
    canalCenterLps: roundVec(la.canalCenterLps, 4),
    foramenLps: { left: roundVec(la.foramenLps.left, 4), right: roundVec(la.foramenLps.right, 4) },
    recessLps: { left: roundVec(la.recessLps.left, 4), right: roundVec(la.recessLps.right, 4) },
  };
}

/** Build the sidecar record; every key is written in a fixed order so the JSON is byte-stable. */
export function buildGroundTruth(input: GroundTruthInput): GroundTruth {
  const grades = {} as Record<Condition, Record<Level, Severity>>;
  for (const c of CONDITIONS) {
    grades[c] = {} as Record<Level, Severity>;
    for (const l of LEVELS) grades[c][l] = SEVERITIES[input.grades[c][l]];
  }
  const levels = {} as Record<Level, GroundTruthLevel>;
  for (const l of LEVELS) levels[l] = levelRecord(input.anatomy, l);
  return {
    generator: 'spinegrade-phantom',
    version: input.version,
    seed: input.seed,
    studyIndex: input.studyIndex,
    studyId: input.studyId,
    studyInstanceUid: input.studyInstanceUid,
    frameOfReferenceUid: input.frameOfReferenceUid,
    grades,
    levels,
    anatomy: {
      levelLabelling: 'rsna',
      transitional: input.anatomy.variant.transitional,
      spondylolisthesis: input.anatomy.variant.spondylolisthesis
        ? {
            level: input.anatomy.variant.spondylolisthesis.level,
            slipMm: roundMm(input.anatomy.variant.spondylolisthesis.slipMm),
          }
        : null,
    },
    axial: input.axial,
    missingSeries: input.missingSeries,
    series: input.series.map(({ plan, seriesInstanceUid, seriesNumber, dicomSeriesDescription }) => {
      let offset = 0;
      const stacks = plan.stacks.map((st) => {
        const instanceNumbers = plan.instanceNumbers.slice(offset, offset + st.slices.length);
        offset += st.slices.length;
        return st.level === undefined ? { instanceNumbers } : { level: st.level, instanceNumbers };
      });
      return {
        seriesId: plan.seriesId,
        seriesInstanceUid,
        seriesNumber,
        role: plan.role,
        contrast: plan.contrast,
        dicomSeriesDescription,
        cols: plan.cols,
        rows: plan.rows,
        pixelSpacingMm: plan.pixelSpacingMm,
        sliceThicknessMm: plan.sliceThicknessMm,
        spacingBetweenSlicesMm: plan.spacingBetweenSlicesMm,
        stacks,
      };
    }),
    coordinates: input.coordinates,
  };
}
