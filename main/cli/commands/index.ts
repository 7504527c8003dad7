/**
 * Registry of CLI commands: each command lives in its own file beside this one.
 */
import type { CliCommand } from '../command';
import { importCommand } from './import';
import { prepCommand } from './prep';

export const COMMANDS: CliCommand[] = [importCommand, prepCommand];
