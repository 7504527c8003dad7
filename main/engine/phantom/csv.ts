/**
 * The three RSNA CSV files of a phantom dataset (train.csv, train_series_descriptions.csv,
 * train_label_coordinates.csv), with the reference's exact column names and spellings. Never imports electron.
 */
import { CONDITION_INFO, CONDITIONS, levelDisplay, LEVELS, SEVERITIES } from '../../shared/targets';
import { COORDINATE_COLUMNS, SERIES_DESCRIPTION_COLUMNS, TRAIN_COLUMNS } from '../../shared/rsnaColumns';
import type { StudyRecord } from './study';

export { COORDINATE_COLUMNS, SERIES_DESCRIPTION_COLUMNS, TRAIN_COLUMNS };

type CsvRecord = Pick<StudyRecord, 'studyId' | 'grades' | 'series' | 'coordinates'>;

/** A pixel coordinate as text: up to 6 decimals, no trailing zeros (RSNA writes plain decimals). */
export function formatPixel(value: number): string {
  const r = Math.round(value * 1e6) / 1e6;
  return String(r === 0 ? 0 : r);
}

function lines(header: readonly string[], rows: string[][]): string {
  return [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n';
}

/** train.csv: one row per study, every grade written (no missing labels in a phantom). */
export function trainCsv(records: CsvRecord[]): string {
  return lines(
    TRAIN_COLUMNS,
    records.map((r) => [
      String(r.studyId),
      ...CONDITIONS.flatMap((c) => LEVELS.map((l) => SEVERITIES[r.grades[c][l]])),
    ]),
  );
}

/** train_series_descriptions.csv with the RSNA descriptions ('Sagittal T1', 'Sagittal T2/STIR', 'Axial T2'). */
export function seriesDescriptionsCsv(records: CsvRecord[]): string {
  return lines(
    SERIES_DESCRIPTION_COLUMNS,
    records.flatMap((r) => r.series.map((s) => [String(r.studyId), String(s.seriesId), s.role])),
  );
}

/** train_label_coordinates.csv: title-case condition, 'L1/L2'-style level, x,y in pixels of the instance. */
export function labelCoordinatesCsv(records: CsvRecord[]): string {
  return lines(
    COORDINATE_COLUMNS,
    records.flatMap((r) =>
      r.coordinates.map((c) => [
        String(r.studyId),
        String(c.seriesId),
        String(c.instanceNumber),
        CONDITION_INFO[c.condition].titleCase,
        levelDisplay(c.level),
        formatPixel(c.x),
        formatPixel(c.y),
      ]),
    ),
  );
}
