// CLI study progress: about 20 lines in logs, one rewritten line on a terminal, warnings on their own line.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CliIo } from '../../../main/cli/command';
import { studyProgress } from '../../../main/cli/progress';

function io(isTty: boolean): CliIo & { lines: string[] } {
  const lines: string[] = [];
  return { out: (l) => lines.push(`out ${l}`), err: (l) => lines.push(`err ${l}`), isTty, lines };
}

afterEach(() => vi.restoreAllMocks());

describe('studyProgress', () => {
  it('logs every 5% and the last study when stderr is not a terminal', () => {
    const log = io(false);
    const p = studyProgress(log, 'prep');
    for (let done = 1; done <= 40; done++) p.update(done, 40, `id${done}`);
    p.warn('study 7 skipped: no axial T2');
    p.end();
    expect(log.lines).toHaveLength(21);
    expect(log.lines.slice(0, 2)).toEqual(['err prep: 2/40 studies (id2)', 'err prep: 4/40 studies (id4)']);
    expect(log.lines.at(-2)).toBe('err prep: 40/40 studies (id40)');
    expect(log.lines.at(-1)).toBe('err prep: study 7 skipped: no axial T2');
  });

  it('still logs after a jump past a step, and a count below 20 line by line', () => {
    const log = io(false);
    const p = studyProgress(log, 'phantom');
    for (const done of [1, 2, 3, 7, 9, 10]) p.update(done, 10);
    expect(log.lines).toEqual([1, 2, 3, 7, 9, 10].map((d) => `err phantom: ${d}/10 studies`));
    const big = io(false);
    const q = studyProgress(big, 'evaluate');
    for (const done of [3, 9, 11, 100]) q.update(done, 100);
    expect(big.lines).toEqual(['err evaluate: 9/100 studies', 'err evaluate: 100/100 studies']);
  });

  it('rewrites one line on a terminal and ends it; warnings start on a new line', () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (written.push(String(s)), true));
    const tty = io(true);
    const p = studyProgress(tty, 'evaluate');
    p.update(1, 3, 'a');
    p.warn('study b failed: unreadable');
    p.update(3, 3, 'c');
    p.end();
    expect(written).toEqual(['\revaluate: 1/3 studies (a)', '\revaluate: 3/3 studies (c)', '\n']);
    expect(tty.lines).toEqual(['err \nevaluate: study b failed: unreadable']);
  });
});
