/**
 * `evaluate`: runs the app's pipeline on every study of an RSNA-format dataset and prints the official
 * competition metric and diagnostics (main/engine/model/evaluate.ts). Thin. Never imports electron.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { evaluateWithPredictions, type EvaluationReport } from '../../engine/model/evaluate';
import { submissionCsv } from '../../engine/model/submission';
import { AppError } from '../../shared/errors';
import { confusionPng, reliabilityPng } from '../../engine/model/plots';
import { CONDITION_INFO } from '../../shared/targets';
import { intOption, parseCommandArgs, requiredString } from '../args';
import { EXIT, type CliCommand, type CliIo } from '../command';
import { studyProgress } from '../progress';
import { defaultModelDir } from '../../engine/analysis/defaultModel';

const DEFAULT_MODEL = defaultModelDir();

const USAGE = `Usage: spinegrade evaluate --dataset DIR [--model DIR] [--json FILE] [--studies N]
                           [--submission FILE] [--perturb STRENGTH] [--perturb-seed TEXT]

Grades every study of an RSNA-format dataset with the app's own pipeline (import, localizer, crops,
classifier) and prints the official RSNA 2024 competition metric (the function \`score\` uses: each value clipped
to [eps, 1 - eps], then rows normalised; weights 1/2/4, left+right pooled, any_severe_spinal),
each term, per-condition numbers, the constant-prior baseline on the same studies, level localisation
error and the left/right swap rate.

Options:
  --dataset DIR   the dataset (train.csv, train_label_coordinates.csv, train_images/) (required)
  --model DIR     model package folder (default ${DEFAULT_MODEL})
  --json FILE     also write the report as JSON, with reliability.png and confusion.png beside it
  --studies N     only the first N studies of train.csv
  --submission FILE  also write the predictions as scored (re-weighted [1,2,4]) as a Kaggle submission CSV;
                  \`score --solution DIR/train.csv --submission FILE\` reproduces the score
  --perturb S     grade every stack under a scanner-like intensity perturbation of strength S (gain, offset,
                  gamma, posterior coil shading, extra Rician noise; 1 = a typical spread, 2 = twice; default 0)
  --perturb-seed T  seed of the perturbation draws (default "perturb"); same seed, same perturbation`;

const f3 = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');

function print(r: EvaluationReport, io: CliIo): void {
  io.out(
    `model ${r.model.id} ${r.model.version}; ${r.studies} studies; ${r.not_assessable} targets not assessable`,
  );
  if (r.perturb.strength > 0)
    io.out(
      `graded under scanner-like perturbation strength ${r.perturb.strength} (seed "${r.perturb.seed}")`,
    );
  io.out(
    `score ${f3(r.score)} (constant-prior baseline ${f3(r.baseline_score)})${r.score_reweighted ? ', probabilities re-weighted [1,2,4] for scoring' : ''}`,
  );
  for (const k of ['spinal', 'foraminal', 'subarticular', 'any_severe_spinal'] as const) {
    io.out(
      `  ${k.padEnd(18)} ${f3(r.terms[k])}   baseline ${f3(r.baseline_terms[k])}   calibrated ${f3(r.terms_calibrated[k])}`,
    );
  }
  io.out(
    `calibrated (displayed) probabilities score ${f3(r.score_calibrated)}; expected calibration error ${f3(r.expected_calibration_error)}`,
  );
  io.out('per condition: weighted log loss, accuracy, rows (true normal/moderate/severe)');
  for (const c of r.per_condition) {
    io.out(
      `  ${CONDITION_INFO[c.condition].short.padEnd(6)} ${f3(c.weightedLogLoss)}  ${f3(c.accuracy)}  ${c.rows} (${c.trueCounts.join('/')})`,
    );
  }
  const le = r.localization_error_mm;
  io.out(`level localisation error: median ${f3(le.median)} mm, p95 ${f3(le.p95)} mm over ${le.n} levels`);
  io.out(`left/right swap rate: ${f3(r.lr_swap_rate)} over ${r.lr_swap_n} levels`);
  io.out(
    `time per study (warm): median ${r.timing_ms.median.toFixed(0)} ms, p95 ${r.timing_ms.p95.toFixed(0)} ms`,
  );
  if (r.failed_studies.length > 0) io.out(`${r.failed_studies.length} studies failed (see --json)`);
}

export const evaluateCommand: CliCommand = {
  name: 'evaluate',
  summary: 'score a model on an RSNA-format dataset with the exact competition metric',
  usage: USAGE,
  run: async (argv, io) => {
    const { values } = parseCommandArgs(
      argv,
      {
        dataset: { type: 'string' },
        model: { type: 'string' },
        json: { type: 'string' },
        studies: { type: 'string' },
        submission: { type: 'string' },
        perturb: { type: 'string' },
        'perturb-seed': { type: 'string' },
      },
      USAGE,
    );
    const datasetDir = resolve(requiredString(values.dataset, 'dataset', USAGE));
    const modelDir = resolve(typeof values.model === 'string' ? values.model : DEFAULT_MODEL);
    const progress = studyProgress(io, 'evaluate');
    const strength = values.perturb === undefined ? 0 : Number(values.perturb);
    if (!Number.isFinite(strength) || strength < 0 || strength > 10)
      throw new AppError(
        'INVALID_ARGUMENT',
        `--perturb must be a number from 0 to 10 (got "${String(values.perturb)}").`,
      );
    const seed = typeof values['perturb-seed'] === 'string' ? values['perturb-seed'] : 'perturb';
    const { report, predictions } = await evaluateWithPredictions({
      datasetDir,
      modelDir,
      perturb: { strength, seed },
      studies:
        values.studies === undefined ? undefined : intOption(values.studies, 'studies', 0, 1, 1_000_000),
      onProgress: (done, total, id) => progress.update(done, total, id),
      onWarning: (m) => progress.warn(m),
    });
    progress.end();
    print(report, io);
    if (typeof values.submission === 'string') {
      const file = resolve(values.submission);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, submissionCsv(predictions));
      io.out(`wrote ${file} (${predictions.length * 25} rows, as scored)`);
    }
    if (typeof values.json === 'string') {
      const json = resolve(values.json);
      mkdirSync(dirname(json), { recursive: true });
      writeFileSync(json, JSON.stringify(report, null, 2));
      writeFileSync(join(dirname(json), 'reliability.png'), reliabilityPng(report.reliability));
      writeFileSync(join(dirname(json), 'confusion.png'), confusionPng(report.per_condition));
      io.out(`wrote ${json}, reliability.png and confusion.png beside it`);
    }
    return report.studies > 0 ? EXIT.OK : EXIT.NOTHING_USABLE;
  },
};
