/**
 * Test helper: a synthetic study (sagittal T2, sagittal T1, three oblique axial stacks) with known level,
 * foramen and canal points, and the RSNA CSV rows that annotate it. Never imports electron.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedStudy, SeriesVolumes } from '../../../../main/engine/model/studyPoints';
import {
  COORDINATE_COLUMNS,
  SERIES_DESCRIPTION_COLUMNS,
  TRAIN_COLUMNS,
} from '../../../../main/engine/phantom/csv';
import { lpsToSliceIj, nearestSlice } from '../../../../main/engine/model/volumeGeometry';
import type { Volume } from '../../../../main/engine/volume/types';
import {
  CONDITION_INFO,
  CONDITIONS,
  levelDisplay,
  LEVELS,
  SEVERITIES,
  type Level,
} from '../../../../main/shared/targets';
import type { Vec3 } from '../../../../main/shared/vec3';
import { linearField, makeVolume, SAG_U, SAG_V, tiltedAxial } from './syntheticVolume';

export const LEVEL_Z: Record<Level, number> = { l1_l2: 30, l2_l3: 15, l3_l4: 0, l4_l5: -15, l5_s1: -30 };
export const canalLps = (l: Level): Vec3 => [0, 20, LEVEL_Z[l]];
export const foramenLps = (l: Level, side: 'left' | 'right'): Vec3 => [
  side === 'left' ? 15 : -15,
  25,
  LEVEL_Z[l],
];
export const field = linearField([3, 2, 1]);

export interface SyntheticStudyOptions {
  studyId: string;
  /** Axial stacks only at these levels (default all). */
  axialLevels?: Level[];
  omit?: Array<'Sagittal T1' | 'Sagittal T2/STIR' | 'Axial T2'>;
  /** Intensity fields per role (default: the linear field for all). */
  fields?: Partial<Record<'Sagittal T1' | 'Sagittal T2/STIR' | 'Axial T2', (p: Vec3) => number>>;
}

function sagittal(
  role: 'Sagittal T1' | 'Sagittal T2/STIR',
  uid: string,
  f: (p: Vec3) => number = field,
): Volume {
  return makeVolume({
    dims: [80, 96, 11],
    pixelMm: [1, 1],
    sliceSpacingMm: 3,
    u: SAG_U,
    v: SAG_V,
    centreLps: [0, 10, 0],
    role,
    seriesInstanceUid: uid,
    field: f,
  });
}

export function syntheticStudy(o: SyntheticStudyOptions): LoadedStudy {
  const series: SeriesVolumes[] = [];
  const omit = new Set(o.omit ?? []);
  if (!omit.has('Sagittal T2/STIR'))
    series.push({
      seriesId: '11',
      role: 'Sagittal T2/STIR',
      stacks: [sagittal('Sagittal T2/STIR', '1.11', o.fields?.['Sagittal T2/STIR'])],
    });
  if (!omit.has('Sagittal T1'))
    series.push({
      seriesId: '12',
      role: 'Sagittal T1',
      stacks: [sagittal('Sagittal T1', '1.12', o.fields?.['Sagittal T1'])],
    });
  if (!omit.has('Axial T2')) {
    const stacks = (o.axialLevels ?? [...LEVELS]).map((l, s) => {
      const { u, v } = tiltedAxial([4, -6, 10, -12, 18][LEVELS.indexOf(l)]);
      return makeVolume({
        dims: [80, 80, 5],
        pixelMm: [1, 1],
        sliceSpacingMm: 4,
        u,
        v,
        centreLps: [0, 10, LEVEL_Z[l]],
        role: 'Axial T2',
        seriesInstanceUid: '1.13',
        stackIndex: s,
        field: o.fields?.['Axial T2'] ?? field,
      });
    });
    // One series with several stacks: instance numbers run on across stacks.
    let next = 1;
    for (const st of stacks)
      st.instanceNumbers.splice(0, st.instanceNumbers.length, ...st.instanceNumbers.map(() => next++));
    series.push({ seriesId: '13', role: 'Axial T2', stacks });
  }
  return { studyId: o.studyId, series, problems: [] };
}

function coordinateRow(
  study: LoadedStudy,
  role: string,
  condition: string,
  level: Level,
  p: Vec3,
): string | undefined {
  const s = study.series.find((x) => x.role === role);
  if (!s) return undefined;
  const vol = s.stacks[0];
  const { k } = nearestSlice(vol, p);
  const { i, j } = lpsToSliceIj(vol, k, p);
  return [study.studyId, s.seriesId, vol.instanceNumbers[k], condition, levelDisplay(level), i, j].join(',');
}

/** Write train.csv, train_series_descriptions.csv, train_label_coordinates.csv and train_images/<id>/. */
export function writeSyntheticDataset(
  root: string,
  studies: LoadedStudy[],
  grade: (c: number, l: number) => 0 | 1 | 2 | undefined,
): void {
  const train = [TRAIN_COLUMNS.join(',')];
  const desc = [SERIES_DESCRIPTION_COLUMNS.join(',')];
  const coords = [COORDINATE_COLUMNS.join(',')];
  for (const st of studies) {
    mkdirSync(join(root, 'train_images', st.studyId), { recursive: true });
    train.push(
      [
        st.studyId,
        ...CONDITIONS.flatMap((_, c) =>
          LEVELS.map((_l, l) => {
            const y = grade(c, l);
            return y === undefined ? '' : SEVERITIES[y];
          }),
        ),
      ].join(','),
    );
    for (const s of st.series) desc.push([st.studyId, s.seriesId, s.role].join(','));
    for (const l of LEVELS) {
      const rows = [
        coordinateRow(st, 'Sagittal T2/STIR', CONDITION_INFO.spinal_canal_stenosis.titleCase, l, canalLps(l)),
        coordinateRow(
          st,
          'Sagittal T1',
          CONDITION_INFO.left_neural_foraminal_narrowing.titleCase,
          l,
          foramenLps(l, 'left'),
        ),
        coordinateRow(
          st,
          'Sagittal T1',
          CONDITION_INFO.right_neural_foraminal_narrowing.titleCase,
          l,
          foramenLps(l, 'right'),
        ),
      ];
      for (const r of rows) if (r) coords.push(r);
    }
  }
  writeFileSync(join(root, 'train.csv'), train.join('\n') + '\n');
  writeFileSync(join(root, 'train_series_descriptions.csv'), desc.join('\n') + '\n');
  writeFileSync(join(root, 'train_label_coordinates.csv'), coords.join('\n') + '\n');
}
