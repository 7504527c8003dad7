/**
 * Argument parsing shared by every CLI command (node:util parseArgs with typed errors).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AppError } from '../shared/errors';
import { EXIT, type CliIo } from './command';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** Parse argv strictly; unknown options become an INVALID_ARGUMENT error with the command's usage. */
export function parseCommandArgs(argv: string[], options: Options, usage: string): ParsedArgs {
  try {
    const r = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: r.values as ParsedArgs['values'], positionals: r.positionals };
  } catch (e) {
    throw new AppError('INVALID_ARGUMENT', `${e instanceof Error ? e.message : String(e)}\n${usage}`);
  }
}

/** A wrong command line (argument count, missing choice): prints `problem` and the usage; returns EXIT.USAGE. */
export function usageError(io: CliIo, problem: string, usage: string): number {
  io.err(`${problem}\n${usage}`);
  return EXIT.USAGE;
}

/** A required integer option within [min, max]. */
export function intOption(value: unknown, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `--${name} must be an integer from ${min} to ${max} (got "${String(value)}").`,
    );
  }
  return n;
}

/** A required string option. */
export function requiredString(value: unknown, name: string, usage: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new AppError('INVALID_ARGUMENT', `--${name} is required.\n${usage}`);
  }
  return value;
}
