/**
 * Registry of CLI commands: each command lives in its own file beside this one.
 */
import type { CliCommand } from '../command';
import { analyzeCommand } from './analyze';
import { auditCommand } from './audit';
import { exportCommand } from './export';
import { importCommand } from './import';
import { listCommand } from './list';
import { overrideCommand } from './override';
import { pacsCommand } from './pacs';
import { storeCommand } from './pacsStorePurge';
import { phantomCommand } from './phantom';
import { prepCommand } from './prep';
import { evaluateCommand } from './evaluate';
import { scoreCommand } from './score';
import { showCommand } from './show';
import { signCommand } from './sign';

export const COMMANDS: CliCommand[] = [
  importCommand,
  prepCommand,
  evaluateCommand,
  scoreCommand,
  analyzeCommand,
  phantomCommand,
  listCommand,
  showCommand,
  overrideCommand,
  signCommand,
  exportCommand,
  auditCommand,
  pacsCommand,
  storeCommand,
];
