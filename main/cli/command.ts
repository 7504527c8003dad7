/**
 * The shape of one CLI command and the exit codes every command uses.
 * Plain Node; never imports electron.
 */

/** Documented exit codes (README "CLI exit codes"). */
export const EXIT = {
  OK: 0,
  /** The command ran but found nothing usable (e.g. no study imported). */
  NOTHING_USABLE: 1,
  /** Wrong arguments: usage printed. */
  USAGE: 2,
  /** Expected failure with a message (bad input, missing model, locked analysis). */
  FAILED: 3,
  /** Unexpected internal error (a bug): please report with the printed stack. */
  INTERNAL: 70,
} as const;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** True when stderr is a terminal (progress bars), else plain progress lines. */
  isTty: boolean;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run: (argv: string[], io: CliIo) => Promise<number>;
}
