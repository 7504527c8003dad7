/**
 * Registry of CLI commands: each command lives in its own file beside this one.
 */
import type { CliCommand } from '../command';

export const COMMANDS: CliCommand[] = [];
