/**
 * Kaggle-format submissions and the `score` command: a hand-computed score of a small solution / submission
 * pair (clip-then-normalise, any_severe as submitted, missing labels dropped), the JSON shape, the refusals,
 * and that a written submission reads back to the same numbers.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scoreCommand } from '../../../../main/cli/commands/score';
import { main } from '../../../../main/cli/index';
import { uniformProbs } from '../../../../main/engine/model/metric';
import { readSubmission, scoreSubmission, submissionCsv } from '../../../../main/engine/model/submission';
import { TRAIN_COLUMNS } from '../../../../main/shared/rsnaColumns';

const EPS64 = 2.220446049250313e-16;
const ln = Math.log;
const dir = mkdtempSync(join(tmpdir(), 'sg-score-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function solutionCsv(labels: Record<string, Record<string, string>>): string {
  const rows = Object.entries(labels).map(([id, cells]) =>
    TRAIN_COLUMNS.map((c) => (c === 'study_id' ? id : (cells[c] ?? ''))).join(','),
  );
  return [TRAIN_COLUMNS.join(','), ...rows].join('\n') + '\n';
}

const SOLUTION = solutionCsv({
  '101': {
    spinal_canal_stenosis_l1_l2: 'Normal/Mild',
    spinal_canal_stenosis_l4_l5: 'Severe',
    left_neural_foraminal_narrowing_l3_l4: 'Moderate',
    right_subarticular_stenosis_l5_s1: 'Normal/Mild',
  },
  '202': {
    spinal_canal_stenosis_l4_l5: 'Normal/Mild',
    right_neural_foraminal_narrowing_l1_l2: 'Normal/Mild',
    left_subarticular_stenosis_l4_l5: 'Moderate',
  },
});
const SUBMISSION = `row_id,normal_mild,moderate,severe
101_spinal_canal_stenosis_l1_l2,0.8,0.1,0.1
101_spinal_canal_stenosis_l4_l5,0.2,0.3,0.5
101_left_neural_foraminal_narrowing_l3_l4,1,0,0
101_right_subarticular_stenosis_l5_s1,0.7,0.2,0.1
101_left_subarticular_stenosis_l1_l2,0,0,1
202_spinal_canal_stenosis_l4_l5,5,3,2
202_right_neural_foraminal_narrowing_l1_l2,0.9,0.05,0.05
202_left_subarticular_stenosis_l4_l5,0.25,0.5,0.25
999_spinal_canal_stenosis_l1_l2,1,1,1
`;

function files(submission: string, solution = SOLUTION): { sol: string; sub: string } {
  const sol = join(dir, `sol-${Math.random().toString(36).slice(2)}.csv`);
  const sub = join(dir, `sub-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(sol, solution);
  writeFileSync(sub, submission);
  return { sol, sub };
}

// By hand: [5,3,2] is uniform after clipping; the wrong one-hot row [1,0,0] (true Moderate) keeps eps/(1+eps);
// study 202's submitted severe value 2 is clipped to 1 - eps for any_severe (true not severe: -ln eps).
const expected = {
  spinal: (-ln(0.8) + 4 * -ln(0.5) + ln(3)) / 6,
  foraminal: (2 * -ln(EPS64 / (1 + EPS64)) + -ln(0.9)) / 3,
  subarticular: (-ln(0.7) + 2 * -ln(0.5)) / 3,
  any_severe_spinal: (4 * -ln(0.5) + -ln(EPS64)) / 5,
};

describe('score (Kaggle submission vs train.csv solution)', () => {
  it('matches the hand computation, term by term', () => {
    const { sol, sub } = files(SUBMISSION);
    const r = scoreSubmission(sol, sub);
    for (const [k, v] of Object.entries(expected))
      expect(r.terms[k as keyof typeof expected]).toBeCloseTo(v, 9);
    const mean =
      (expected.spinal + expected.foraminal + expected.subarticular + expected.any_severe_spinal) / 4;
    expect(r.score).toBeCloseTo(mean, 9);
    expect(r.rows).toEqual({ spinal: 3, foraminal: 2, subarticular: 2, any_severe_spinal: 2 });
    expect(r.studies).toBe(2);
    expect(r.unusedRows).toBe(1); // study 999 is not in the solution
  });

  it('prints the four terms and the score and writes the JSON shape', async () => {
    const { sol, sub } = files(SUBMISSION);
    const json = join(dir, 'out', 'score.json');
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l), isTty: false };
    const code = await scoreCommand.run(['--solution', sol, '--submission', sub, '--json', json], io);
    expect(code).toBe(0);
    const text = lines.join('\n');
    for (const t of Object.keys(expected)) expect(text).toMatch(new RegExp(`${t}\\s+\\d+\\.\\d{6}`));
    expect(text).toMatch(/^score \d+\.\d{6}$/m);
    const written = JSON.parse(readFileSync(json, 'utf8')) as {
      score: number;
      terms: Record<string, number>;
    };
    expect(Object.keys(written).sort()).toEqual(['score', 'terms']);
    expect(Object.keys(written.terms)).toEqual(['spinal', 'foraminal', 'subarticular', 'any_severe_spinal']);
    expect(written.terms.foraminal).toBeCloseTo(expected.foraminal, 9);
  });

  it('refuses what the official scorer refuses, with exit code 3', async () => {
    const neg = files(SUBMISSION.replace('0.7,0.2,0.1', '0.7,-0.2,0.1'));
    expect(() => scoreSubmission(neg.sol, neg.sub)).toThrow(/negative/);
    expect(await main(['score', '--solution', neg.sol, '--submission', neg.sub])).toBe(3);
    const text = files(SUBMISSION.replace('0.7,0.2,0.1', '0.7,abc,0.1'));
    expect(() => scoreSubmission(text.sol, text.sub)).toThrow(/must be numbers/);
    const missing = files(SUBMISSION.replace('202_left_subarticular_stenosis_l4_l5,0.25,0.5,0.25\n', ''));
    expect(() => scoreSubmission(missing.sol, missing.sub)).toThrow(
      /no row 202_left_subarticular_stenosis_l4_l5/,
    );
    const dup = files(SUBMISSION + '101_spinal_canal_stenosis_l1_l2,1,0,0\n');
    expect(() => scoreSubmission(dup.sol, dup.sub)).toThrow(/appears twice/);
    const oneClass = files(SUBMISSION, SOLUTION.replace('Severe', 'Moderate'));
    expect(() => scoreSubmission(oneClass.sol, oneClass.sub)).toThrow(
      /any_severe_spinal labels are all not severe/,
    );
  });

  it('a written submission reads back to exactly the same numbers', () => {
    const probs = uniformProbs();
    probs.spinal_canal_stenosis.l3_l4 = [0.1234567890123, 1 / 3, 2 / 7];
    probs.right_subarticular_stenosis.l5_s1 = [1e-300, 0, 0.9999999999999999];
    const path = join(dir, 'written.csv');
    writeFileSync(path, submissionCsv([{ studyId: '55', probs }]));
    const back = readSubmission(path);
    expect(back.size).toBe(25);
    expect(back.get('55_spinal_canal_stenosis_l3_l4')).toEqual([0.1234567890123, 1 / 3, 2 / 7]);
    expect(back.get('55_right_subarticular_stenosis_l5_s1')).toEqual([1e-300, 0, 0.9999999999999999]);
  });
});
