/**
 * `phantom`: writes an RSNA-format synthetic lumbar MRI dataset with known lesions (main/engine/phantom).
 * Thin: parses arguments, reports progress, prints a summary. Never imports electron.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { MAX_STUDIES, writePhantomDataset } from '../../engine/phantom/dataset';
import { DEFAULT_MAX_MATRIX } from '../../engine/phantom/study';
import { intOption, parseCommandArgs, requiredString } from '../args';
import { EXIT, type CliCommand } from '../command';
import { studyProgress } from '../progress';

const USAGE = `Usage: spinegrade phantom --out DIR --studies N --seed S [--workers N] [--max-matrix M]

Writes an RSNA 2024-format lumbar MRI dataset of synthetic studies with known lesions:
  DIR/train_images/<study_id>/<series_id>/<instance_number>.dcm   (DICOM Part 10 MR)
  DIR/train.csv, train_series_descriptions.csv, train_label_coordinates.csv
  DIR/ground_truth/<study_id>.json   (grades, level/canal/foramen/recess points in patient mm, series)

Options:
  --out DIR          new or empty folder to write to (required)
  --studies N        number of studies, 1-${MAX_STUDIES} (default 20)
  --seed S           seed text; the same seed and version give byte-identical files (default 1)
  --workers N        child processes to use, 1-${availableParallelism()} here (default 1); output does not depend on N
  --max-matrix M     largest in-plane matrix, 256-640 (default ${DEFAULT_MAX_MATRIX}; 640 = full-size, slower)`;

export const phantomCommand: CliCommand = {
  name: 'phantom',
  summary: 'write a synthetic RSNA-format lumbar MRI dataset with known lesions',
  usage: USAGE,
  run: async (argv, io) => {
    const { values } = parseCommandArgs(
      argv,
      {
        out: { type: 'string' },
        studies: { type: 'string' },
        seed: { type: 'string' },
        workers: { type: 'string' },
        'max-matrix': { type: 'string' },
      },
      USAGE,
    );
    const outDir = resolve(requiredString(values.out, 'out', USAGE));
    const studies = intOption(values.studies, 'studies', 20, 1, MAX_STUDIES);
    const seed = typeof values.seed === 'string' && values.seed.length > 0 ? values.seed : '1';
    const workers = intOption(values.workers, 'workers', 1, 1, 256);
    const maxMatrix = intOption(values['max-matrix'], 'max-matrix', DEFAULT_MAX_MATRIX, 256, 640);
    const started = process.hrtime.bigint();
    const progress = studyProgress(io, 'phantom');
    const summary = await writePhantomDataset({
      outDir,
      studies,
      seed,
      workers,
      maxMatrix,
      onProgress: (done, total) => progress.update(done, total),
    });
    progress.end();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    io.out(
      `Wrote ${summary.studies} studies (${summary.series} series, ${summary.coordinates} label coordinates) to ${summary.outDir} ` +
        `in ${seconds.toFixed(1)} s (${(summary.studies / seconds).toFixed(2)} studies/s, ${workers} worker${workers > 1 ? 's' : ''}).`,
    );
    return EXIT.OK;
  },
};
