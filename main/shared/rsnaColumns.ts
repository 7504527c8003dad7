/**
 * Column names of the three RSNA 2024 lumbar CSV files, spelled once for the phantom writer and the dataset
 * reader. Pure TypeScript: imports nothing outside main/shared.
 */
import { CONDITIONS, LEVELS, targetColumn } from './targets';

/** train.csv columns: study_id, then the 25 targets condition by condition, L1/L2 to L5/S1 (as RSNA). */
export const TRAIN_COLUMNS: readonly string[] = [
  'study_id',
  ...CONDITIONS.flatMap((c) => LEVELS.map((l) => targetColumn(c, l))),
];
/** train_series_descriptions.csv columns. */
export const SERIES_DESCRIPTION_COLUMNS: readonly string[] = ['study_id', 'series_id', 'series_description'];
/** train_label_coordinates.csv columns. */
export const COORDINATE_COLUMNS: readonly string[] = [
  'study_id',
  'series_id',
  'instance_number',
  'condition',
  'level',
  'x',
  'y',
];
