/**
 * Output files written all-or-nothing: each goes to a hidden temporary file beside its target and is
 * renamed into place only when every output is ready; discard() removes the temporaries.
 * Plain Node; never imports electron or the faces.
 */
import { existsSync, promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';

/** Absolute target path whose folder exists and which is not itself a folder; INVALID_ARGUMENT otherwise. */
export function outputTarget(file: string, option: string): string {
  const abs = path.resolve(file);
  const dir = path.dirname(abs);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new AppError(
      'INVALID_ARGUMENT',
      `${option}: the folder ${dir} does not exist; create it or choose another path.`,
    );
  if (existsSync(abs) && statSync(abs).isDirectory())
    throw new AppError('INVALID_ARGUMENT', `${option}: ${abs} is a folder; give a file name.`);
  return abs;
}

export class StagedFiles {
  private readonly staged: Array<{ final: string; tmp: string }> = [];

  /** Temporary path for `final`; write it fully, then commit(). */
  stage(final: string): string {
    const tmp = path.join(path.dirname(final), `.${path.basename(final)}.${process.pid}.partial`);
    this.staged.push({ final, tmp });
    return tmp;
  }

  async writeText(final: string, text: string): Promise<void> {
    await fs.writeFile(this.stage(final), text, 'utf8');
  }

  /** Rename every staged file into place; returns the final paths. */
  async commit(): Promise<string[]> {
    for (const s of this.staged) await fs.rename(s.tmp, s.final);
    const done = this.staged.map((s) => s.final);
    this.staged.length = 0;
    return done;
  }

  /** Remove whatever temporary files are left (after a failure, or after commit: a no-op). */
  async discard(): Promise<void> {
    await Promise.all(this.staged.map((s) => fs.rm(s.tmp, { force: true })));
    this.staged.length = 0;
  }
}
