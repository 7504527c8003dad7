/**
 * Progress of a CLI job counted in studies (phantom, prep, evaluate) on stderr: one line rewritten in place
 * on a terminal, otherwise a line about every 5% and at the end, so logs stay short. Never imports electron.
 */
import type { CliIo } from './command';

export interface StudyProgress {
  /** `done` of `total` studies finished; `detail` (e.g. the study id) is shown in brackets. */
  update(done: number, total: number, detail?: string): void;
  /** A warning line prefixed with the command's name; on a terminal it starts below the progress line. */
  warn(message: string): void;
  /** Ends the rewritten progress line on a terminal; call once the job is over. */
  end(): void;
}

/** Progress lines of `command` ("phantom: 3/20 studies (1234567)"). */
export function studyProgress(io: CliIo, command: string): StudyProgress {
  let lastPrinted = 0;
  return {
    update(done, total, detail) {
      const line = `${command}: ${done}/${total} studies${detail === undefined ? '' : ` (${detail})`}`;
      if (io.isTty) process.stderr.write(`\r${line}`);
      else if (done === total || done - lastPrinted >= Math.max(1, Math.ceil(total / 20))) {
        io.err(line);
        lastPrinted = done;
      }
    },
    warn: (message) => io.err(`${io.isTty ? '\n' : ''}${command}: ${message}`),
    end: () => {
      if (io.isTty) process.stderr.write('\n');
    },
  };
}
