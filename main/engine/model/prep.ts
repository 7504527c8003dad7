/**
 * Training-tensor prep (models/README.md "Prep output"): reads an RSNA-format dataset study by study and
 * streams localizer and classifier rows to .npy files plus meta/index JSON. Never imports electron.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import { createRng } from '../rng';
import type { CropSpec } from './crops';
import { LOCALIZER_PX } from './localizerInput';
import { NpyRowWriter } from './npy';
import { classifierRows, type ClassifierRow } from './prepClassifier';
import { localizerRows, type LocalizerRow } from './prepLocalizer';
import { readRsnaDataset, type RsnaDataset } from './rsnaDataset';
import { studyPoints, type LoadedStudy } from './studyPoints';

/** Loads one study's series (by RSNA series id) from an RSNA-format dataset. */
export type StudyLoader = (dataset: RsnaDataset, studyId: string) => Promise<LoadedStudy>;

export interface PrepOptions {
  datasetDir: string;
  outDir: string;
  spec: CropSpec;
  /** Jittered copies per level (0 = exact crops only). */
  jitter: number;
  /** Process only the first N studies of train.csv. */
  studies?: number;
  /** Localizer rows come from the first N processed studies only (they are 0.8 MB each). */
  localizerStudies?: number;
  /** Random unannotated slices added per sagittal stack as localizer negatives. */
  localizerNegatives?: number;
  seed?: string;
  loadStudy: StudyLoader;
  onProgress?: (done: number, total: number, studyId: string) => void;
  onWarning?: (message: string) => void;
  signal?: AbortSignal;
}

export interface PrepSummary {
  studies: number;
  localizerRows: number;
  classifierRows: number;
  skippedLevels: number;
  failedStudies: Array<{ studyId: string; message: string }>;
}

class Writers {
  readonly locImages: NpyRowWriter;
  readonly locTargets: NpyRowWriter;
  readonly locMask: NpyRowWriter;
  readonly sagT2: NpyRowWriter;
  readonly sagT1: NpyRowWriter;
  readonly axT2: NpyRowWriter;
  readonly viewMask: NpyRowWriter;
  readonly labels: NpyRowWriter;
  readonly locMeta: LocalizerRow['meta'][] = [];
  readonly clsMeta: ClassifierRow['meta'][] = [];

  constructor(
    readonly out: string,
    spec: CropSpec,
  ) {
    const loc = join(out, 'localizer');
    const cls = join(out, 'classifier');
    mkdirSync(loc, { recursive: true });
    mkdirSync(cls, { recursive: true });
    const { slices: s, px: p } = spec;
    this.locImages = new NpyRowWriter(join(loc, 'images.npy'), 'float32', [3, LOCALIZER_PX, LOCALIZER_PX]);
    this.locTargets = new NpyRowWriter(join(loc, 'targets.npy'), 'float32', [10, 3]);
    this.locMask = new NpyRowWriter(join(loc, 'channel_mask.npy'), 'float32', [10]);
    this.sagT2 = new NpyRowWriter(join(cls, 'sag_t2.npy'), 'float32', [s, p, p]);
    this.sagT1 = new NpyRowWriter(join(cls, 'sag_t1.npy'), 'float32', [2, s, p, p]);
    this.axT2 = new NpyRowWriter(join(cls, 'ax_t2.npy'), 'float32', [3, s, p, p]);
    this.viewMask = new NpyRowWriter(join(cls, 'view_mask.npy'), 'float32', [3]);
    this.labels = new NpyRowWriter(join(cls, 'labels.npy'), 'int64', [5]);
  }

  localizer = (r: LocalizerRow): void => {
    this.locImages.append(r.image);
    this.locTargets.append(r.targets);
    this.locMask.append(r.channelMask);
    this.locMeta.push(r.meta);
  };

  classifier = (r: ClassifierRow): void => {
    this.sagT2.append(r.input.sagT2);
    this.sagT1.append(r.input.sagT1);
    this.axT2.append(r.input.axT2);
    this.viewMask.append(r.input.viewMask);
    this.labels.append(r.labels);
    this.clsMeta.push(r.meta);
  };

  close(): void {
    for (const w of [
      this.locImages,
      this.locTargets,
      this.locMask,
      this.sagT2,
      this.sagT1,
      this.axT2,
      this.viewMask,
      this.labels,
    ])
      w.close();
    writeFileSync(join(this.out, 'localizer', 'meta.json'), JSON.stringify(this.locMeta));
    writeFileSync(join(this.out, 'classifier', 'meta.json'), JSON.stringify(this.clsMeta));
  }
}

/**
 * Prep a dataset: one study at a time (bounded memory), rows streamed to disk. A study that cannot be
 * read is reported and skipped. Throws AppError('DATASET_INVALID') for an unreadable dataset.
 */
export async function prepDataset(o: PrepOptions): Promise<PrepSummary> {
  const dataset = readRsnaDataset(o.datasetDir);
  const ids = dataset.studyIds.slice(0, o.studies ?? dataset.studyIds.length);
  if (ids.length === 0) throw new AppError('DATASET_INVALID', 'train.csv lists no studies.', o.datasetDir);
  const w = new Writers(o.outDir, o.spec);
  const rng = createRng(o.seed ?? 'prep');
  const summary: PrepSummary = {
    studies: 0,
    localizerRows: 0,
    classifierRows: 0,
    skippedLevels: 0,
    failedStudies: [],
  };
  const done: string[] = [];
  try {
    for (const [n, studyId] of ids.entries()) {
      if (o.signal?.aborted) throw new AppError('ABORTED', 'Prep was cancelled.');
      try {
        const study = await o.loadStudy(dataset, studyId);
        for (const p of study.problems) o.onWarning?.(`study ${studyId}: ${p}`);
        const points = studyPoints(study, dataset.coordinates.get(studyId) ?? []);
        const srng = rng.fork(studyId);
        if (summary.studies < (o.localizerStudies ?? Number.POSITIVE_INFINITY)) {
          localizerRows(study, points, o.localizerNegatives ?? 2, srng.fork('localizer'), w.localizer);
        }
        const skipped = classifierRows(
          study,
          points,
          dataset.labels.get(studyId),
          o.spec,
          o.jitter,
          srng.fork('classifier'),
          w.classifier,
        );
        summary.skippedLevels += skipped.length;
        if (skipped.length > 0)
          o.onWarning?.(
            `study ${studyId}: no annotated point for ${skipped.join(', ')}; those levels are skipped`,
          );
        summary.studies += 1;
        done.push(studyId);
      } catch (e) {
        if (e instanceof AppError && e.code === 'ABORTED') throw e;
        const message = e instanceof Error ? e.message : String(e);
        summary.failedStudies.push({ studyId, message });
        o.onWarning?.(`study ${studyId} skipped: ${message}`);
      }
      o.onProgress?.(n + 1, ids.length, studyId);
    }
  } finally {
    summary.localizerRows = w.locImages.rowCount;
    summary.classifierRows = w.sagT2.rowCount;
    w.close();
  }
  const index = {
    version: 1,
    created: new Date().toISOString(),
    dataset: o.datasetDir,
    spec: {
      S: o.spec.slices,
      P: o.spec.px,
      cropMm: o.spec.cropMm,
      recessOffsetMm: o.spec.recessOffsetMm,
      jitter: o.jitter,
    },
    studies: done,
    counts: {
      studies: summary.studies,
      localizer_rows: summary.localizerRows,
      classifier_rows: summary.classifierRows,
      skipped_levels: summary.skippedLevels,
      failed_studies: summary.failedStudies.length,
    },
    failed_studies: summary.failedStudies,
  };
  writeFileSync(join(o.outDir, 'index.json'), JSON.stringify(index, null, 2));
  return summary;
}
