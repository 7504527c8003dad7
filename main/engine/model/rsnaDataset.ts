/**
 * Reads the three CSV files of an RSNA-format dataset (train.csv, train_series_descriptions.csv,
 * train_label_coordinates.csv; see shared/reference/rsna-lumbar.md). Plain Node; never imports electron.
 */
import { COORDINATE_COLUMNS, SERIES_DESCRIPTION_COLUMNS } from '../../shared/rsnaColumns';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import {
  conditionFromTitleCase,
  CONDITIONS,
  levelFromDisplay,
  LEVELS,
  severityIndex,
  targetColumn,
  type Condition,
  type Level,
} from '../../shared/targets';
import type { StudyLabels } from './metric';

/** One row of train_label_coordinates.csv: a point in pixels (x = column, y = row) of one instance. */
export interface LabelCoordinate {
  seriesId: string;
  instanceNumber: number;
  condition: Condition;
  level: Level;
  x: number;
  y: number;
}

export interface RsnaDataset {
  root: string;
  /** Study ids in train.csv order. */
  studyIds: string[];
  labels: Map<string, StudyLabels>;
  /** study id -> series id -> series_description. */
  seriesDescriptions: Map<string, Map<string, string>>;
  coordinates: Map<string, LabelCoordinate[]>;
}

/** Minimal RFC 4180 CSV parser (quoted fields, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Rows of a CSV file as records keyed by its header; DATASET_INVALID when a needed column is missing. */
function readTable(path: string, required: readonly string[]): Array<Record<string, string>> {
  if (!existsSync(path))
    throw new AppError('DATASET_INVALID', `The dataset has no ${path.split('/').pop()}.`, path);
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  const cols = (header ?? []).map((h) => h.trim());
  const missing = required.filter((r) => !cols.includes(r));
  if (missing.length > 0)
    throw new AppError('DATASET_INVALID', `Column(s) ${missing.join(', ')} missing from the header.`, path);
  return rows.map((r) => Object.fromEntries(cols.map((c, i) => [c, (r[i] ?? '').trim()])));
}

/** train.csv: study ids in file order and their labels (empty cells absent); AppError DATASET_INVALID. */
export function readLabels(path: string): { ids: string[]; labels: Map<string, StudyLabels> } {
  const columns = CONDITIONS.flatMap((c) => LEVELS.map((l) => targetColumn(c, l)));
  const rows = readTable(path, ['study_id', ...columns]);
  const labels = new Map<string, StudyLabels>();
  for (const r of rows) {
    const study: StudyLabels = {};
    for (const c of CONDITIONS) {
      for (const l of LEVELS) {
        const text = r[targetColumn(c, l)];
        const y = severityIndex(text);
        if (y === undefined && text !== '') {
          throw new AppError(
            'DATASET_INVALID',
            `Study ${r.study_id}: unknown label "${text}" in ${targetColumn(c, l)}.`,
            path,
          );
        }
        if (y !== undefined) study[c] = { ...study[c], [l]: y };
      }
    }
    labels.set(r.study_id, study);
  }
  return { ids: rows.map((r) => r.study_id), labels };
}

function readCoordinates(path: string): Map<string, LabelCoordinate[]> {
  const out = new Map<string, LabelCoordinate[]>();
  if (!existsSync(path)) return out;
  const rows = readTable(path, COORDINATE_COLUMNS);
  for (const r of rows) {
    const condition = conditionFromTitleCase(r.condition);
    const level = levelFromDisplay(r.level);
    const x = Number(r.x);
    const y = Number(r.y);
    const instanceNumber = Number(r.instance_number);
    if (
      !condition ||
      !level ||
      !Number.isFinite(x) ||
      !Number.isFinite(y) ||
      !Number.isInteger(instanceNumber)
    ) {
      throw new AppError(
        'DATASET_INVALID',
        `Unreadable coordinate row for study ${r.study_id}: ${JSON.stringify(r)}.`,
        path,
      );
    }
    const list = out.get(r.study_id) ?? [];
    list.push({ seriesId: r.series_id, instanceNumber, condition, level, x, y });
    out.set(r.study_id, list);
  }
  return out;
}

/**
 * Read an RSNA-format dataset's CSVs. train.csv is required; train_series_descriptions.csv and
 * train_label_coordinates.csv are optional (empty maps). Throws AppError('DATASET_INVALID').
 */
export function readRsnaDataset(root: string): RsnaDataset {
  if (!existsSync(join(root, 'train_images'))) {
    throw new AppError('DATASET_INVALID', 'Not an RSNA-format dataset: no train_images folder.', root);
  }
  const { ids, labels } = readLabels(join(root, 'train.csv'));
  const seriesDescriptions = new Map<string, Map<string, string>>();
  const descPath = join(root, 'train_series_descriptions.csv');
  if (existsSync(descPath)) {
    for (const r of readTable(descPath, SERIES_DESCRIPTION_COLUMNS)) {
      const m = seriesDescriptions.get(r.study_id) ?? new Map<string, string>();
      m.set(r.series_id, r.series_description);
      seriesDescriptions.set(r.study_id, m);
    }
  }
  return {
    root,
    studyIds: ids,
    labels,
    seriesDescriptions,
    coordinates: readCoordinates(join(root, 'train_label_coordinates.csv')),
  };
}
