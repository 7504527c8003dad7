/**
 * Writes an RSNA-format phantom dataset: train_images/<study_id>/<series_id>/<instance_number>.dcm, the three
 * CSVs, ground_truth/<study_id>.json per study and phantom_dataset.json. Byte-identical for a seed and
 * version whatever the worker count. Plain Node; never imports electron.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import { labelCoordinatesCsv, seriesDescriptionsCsv, trainCsv } from './csv';
import { PHANTOM_VERSION } from './ids';
import { fileSinkAt } from './sink';
import { DEFAULT_MAX_MATRIX, generateStudy, type StudyOptions, type StudyRecord } from './study';
import { runWorkerPool } from './workers';

export interface DatasetOptions {
  outDir: string;
  studies: number;
  seed: string;
  /** Child processes to generate with; 1 generates in this process. */
  workers?: number;
  /** Largest in-plane matrix, 256..640. */
  maxMatrix?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface DatasetSummary {
  outDir: string;
  studies: number;
  studyIds: number[];
  series: number;
  coordinates: number;
}

/** Largest dataset one call writes (keeps a typo from filling a disk). */
export const MAX_STUDIES = 100_000;

function checkOptions(options: DatasetOptions): void {
  const { studies, outDir } = options;
  if (!Number.isInteger(studies) || studies < 1 || studies > MAX_STUDIES) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `The number of studies must be an integer from 1 to ${MAX_STUDIES}.`,
    );
  }
  const maxMatrix = options.maxMatrix ?? DEFAULT_MAX_MATRIX;
  if (!Number.isInteger(maxMatrix) || maxMatrix < 256 || maxMatrix > 640) {
    throw new AppError('INVALID_ARGUMENT', 'The largest matrix must be an integer from 256 to 640.');
  }
  if (existsSync(outDir)) {
    if (!statSync(outDir).isDirectory()) {
      throw new AppError(
        'INVALID_ARGUMENT',
        `The output path exists and is not a folder; choose another.`,
        outDir,
      );
    }
    if (readdirSync(outDir).length > 0) {
      throw new AppError(
        'INVALID_ARGUMENT',
        'The output folder is not empty; choose a new folder or empty it.',
        outDir,
      );
    }
  }
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** Generate and write the dataset; returns what was written. Rejects with ABORTED when `signal` fires. */
export async function writePhantomDataset(options: DatasetOptions): Promise<DatasetSummary> {
  checkOptions(options);
  const { outDir, studies, seed, signal } = options;
  const maxMatrix = options.maxMatrix ?? DEFAULT_MAX_MATRIX;
  mkdirSync(join(outDir, 'train_images'), { recursive: true });
  mkdirSync(join(outDir, 'ground_truth'), { recursive: true });
  const tasks: StudyOptions[] = Array.from({ length: studies }, (_, studyIndex) => ({
    seed,
    studyIndex,
    maxMatrix,
  }));
  const records = new Array<StudyRecord>(studies);
  let done = 0;
  const accept = (record: StudyRecord): void => {
    records[record.groundTruth.studyIndex] = record;
    writeFileSync(join(outDir, 'ground_truth', `${record.studyId}.json`), stableJson(record.groundTruth));
    options.onProgress?.(++done, studies);
  };
  const workers = Math.max(1, Math.floor(options.workers ?? 1));
  if (workers > 1 && studies > 1) {
    await runWorkerPool({ workers, outDir, tasks, onRecord: accept, ...(signal ? { signal } : {}) });
  } else {
    const sink = fileSinkAt(outDir);
    for (const task of tasks) {
      if (signal?.aborted) throw new AppError('ABORTED', 'Phantom generation was cancelled.');
      accept(generateStudy(task, sink));
      await new Promise<void>((r) => setImmediate(r));
    }
  }
  writeFileSync(join(outDir, 'train.csv'), trainCsv(records));
  writeFileSync(join(outDir, 'train_series_descriptions.csv'), seriesDescriptionsCsv(records));
  writeFileSync(join(outDir, 'train_label_coordinates.csv'), labelCoordinatesCsv(records));
  writeFileSync(
    join(outDir, 'phantom_dataset.json'),
    stableJson({ generator: 'spinegrade-phantom', version: PHANTOM_VERSION, seed, studies, maxMatrix }),
  );
  return {
    outDir,
    studies,
    studyIds: records.map((r) => r.studyId),
    series: records.reduce((n, r) => n + r.series.length, 0),
    coordinates: records.reduce((n, r) => n + r.coordinates.length, 0),
  };
}
