/**
 * `prep`: writes the model's training tensors from an RSNA-format dataset (main/engine/model/prep.ts).
 * Thin: parses arguments, reports progress on stderr, prints a summary. Never imports electron.
 */
import { resolve } from 'node:path';
import { loadRsnaStudy } from '../../engine/model/loadStudy';
import { prepDataset } from '../../engine/model/prep';
import { intOption, parseCommandArgs, requiredString } from '../args';
import { EXIT, type CliCommand } from '../command';
import { studyProgress } from '../progress';

const USAGE = `Usage: spinegrade prep --dataset DIR --out DIR [--jitter K] [--studies N] [--localizer-studies N]
                       [--slices S] [--px P] [--crop-mm MM] [--seed TEXT]

Reads an RSNA-format dataset (train.csv, train_series_descriptions.csv, train_label_coordinates.csv,
train_images/) and writes the model's training tensors as .npy plus index.json (layout: models/README.md).

Options:
  --dataset DIR            the dataset folder (required)
  --out DIR                output folder (required; files in it are replaced)
  --jitter K               jittered copies per level, slice +-2 and in-plane +-10 px (default 2)
  --studies N              only the first N studies of train.csv (default all)
  --localizer-studies N    localizer rows from the first N studies only, 0.8 MB per row (default 400)
  --slices S, --px P       crop slices and pixels (default 5, 64)
  --crop-mm MM             crop field of view in mm (default 48)
  --seed TEXT              jitter seed (default "prep")`;

export const prepCommand: CliCommand = {
  name: 'prep',
  summary: 'write model training tensors (.npy) from an RSNA-format dataset',
  usage: USAGE,
  run: async (argv, io) => {
    const { values } = parseCommandArgs(
      argv,
      {
        dataset: { type: 'string' },
        out: { type: 'string' },
        jitter: { type: 'string' },
        studies: { type: 'string' },
        'localizer-studies': { type: 'string' },
        slices: { type: 'string' },
        px: { type: 'string' },
        'crop-mm': { type: 'string' },
        seed: { type: 'string' },
      },
      USAGE,
    );
    const datasetDir = resolve(requiredString(values.dataset, 'dataset', USAGE));
    const outDir = resolve(requiredString(values.out, 'out', USAGE));
    const started = Date.now();
    const progress = studyProgress(io, 'prep');
    const summary = await prepDataset({
      datasetDir,
      outDir,
      jitter: intOption(values.jitter, 'jitter', 2, 0, 50),
      studies:
        values.studies === undefined ? undefined : intOption(values.studies, 'studies', 0, 1, 1_000_000),
      localizerStudies: intOption(values['localizer-studies'], 'localizer-studies', 400, 0, 1_000_000),
      spec: {
        slices: intOption(values.slices, 'slices', 5, 1, 31),
        px: intOption(values.px, 'px', 64, 8, 512),
        cropMm: intOption(values['crop-mm'], 'crop-mm', 48, 8, 300),
        recessOffsetMm: 12,
      },
      seed: typeof values.seed === 'string' ? values.seed : 'prep',
      loadStudy: (d, id) => loadRsnaStudy(d, id),
      onProgress: (done, total, id) => progress.update(done, total, id),
      onWarning: (m) => progress.warn(m),
    });
    progress.end();
    io.out(
      `prep: ${summary.studies} studies, ${summary.localizerRows} localizer rows, ${summary.classifierRows} classifier rows, ` +
        `${summary.skippedLevels} levels skipped, ${summary.failedStudies.length} studies failed, ${((Date.now() - started) / 1000).toFixed(1)} s -> ${outDir}`,
    );
    return summary.studies > 0 ? EXIT.OK : EXIT.NOTHING_USABLE;
  },
};
