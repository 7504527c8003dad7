/**
 * `score`: scores a Kaggle-format submission against an RSNA train.csv-format solution with the official
 * RSNA 2024 metric (main/engine/model/submission.ts). Thin. Never imports electron.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { scoreSubmission } from '../../engine/model/submission';
import { parseCommandArgs, requiredString } from '../args';
import { EXIT, type CliCommand } from '../command';

const USAGE = `Usage: spinegrade score --solution train.csv --submission submission.csv [--json FILE]

Scores a submission (row_id,normal_mild,moderate,severe; row_id = <study_id>_<condition>_<level>) against a
solution in RSNA train.csv format (empty cells are missing labels and are dropped) with the official RSNA 2024
lumbar metric: each value clipped to [eps, 1 - eps] (float64 machine epsilon), each row then divided by its
sum; weights 1/2/4 by true class; spinal, foraminal (left+right), subarticular (left+right) and
any_severe_spinal (from the submitted severe values as given); score = mean of the four. Refused, as the
official scorer refuses: negative or non-numeric values, any_severe_spinal labels all one class, a term
without labelled rows, a labelled target without a submission row.

Options:
  --solution FILE    train.csv-format labels (required)
  --submission FILE  the submission CSV (required)
  --json FILE        also write { "score", "terms": { spinal, foraminal, subarticular, any_severe_spinal } }`;

const TERMS = ['spinal', 'foraminal', 'subarticular', 'any_severe_spinal'] as const;

export const scoreCommand: CliCommand = {
  name: 'score',
  summary: 'score a Kaggle-format submission against a train.csv-format solution (official RSNA metric)',
  usage: USAGE,
  run: (argv, io) => {
    const { values } = parseCommandArgs(
      argv,
      { solution: { type: 'string' }, submission: { type: 'string' }, json: { type: 'string' } },
      USAGE,
    );
    const solution = resolve(requiredString(values.solution, 'solution', USAGE));
    const submission = resolve(requiredString(values.submission, 'submission', USAGE));
    const r = scoreSubmission(solution, submission);
    io.out(
      `${r.studies} studies; labelled rows: spinal ${r.rows.spinal}, foraminal ${r.rows.foraminal}, subarticular ${r.rows.subarticular}; any_severe_spinal over ${r.rows.any_severe_spinal} studies`,
    );
    for (const t of TERMS) io.out(`  ${t.padEnd(18)} ${r.terms[t].toFixed(6)}`);
    io.out(`score ${r.score.toFixed(6)}`);
    if (r.unusedRows > 0)
      io.out(`${r.unusedRows} submission rows name no target of the solution (not scored)`);
    if (typeof values.json === 'string') {
      const json = resolve(values.json);
      mkdirSync(dirname(json), { recursive: true });
      const terms = Object.fromEntries(TERMS.map((t) => [t, r.terms[t]]));
      writeFileSync(json, `${JSON.stringify({ score: r.score, terms }, null, 2)}\n`);
      io.out(`wrote ${json}`);
    }
    return Promise.resolve(EXIT.OK);
  },
};
