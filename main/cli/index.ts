#!/usr/bin/env node
/**
 * CLI entry: argv -> command -> exit code. Thin: all logic lives in main/engine.
 */
import { isAppError } from '../shared/errors';
import { EXIT, type CliIo } from './command';
import { COMMANDS } from './commands/index';

function usage(io: CliIo): void {
  io.out('Usage: spinegrade <command> [args]\n\nCommands:');
  for (const c of COMMANDS) io.out(`  ${c.name.padEnd(10)} ${c.summary}`);
  io.out('\nRun "spinegrade <command> --help" for a command\'s options.');
}

export async function main(argv: string[]): Promise<number> {
  const io: CliIo = {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    isTty: Boolean(process.stderr.isTTY),
  };
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    usage(io);
    return name ? EXIT.OK : EXIT.USAGE;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.err(`Unknown command "${name}".`);
    usage(io);
    return EXIT.USAGE;
  }
  // Only this command's module (and what it imports) is loaded.
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage);
    return EXIT.OK;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (isAppError(e)) {
      io.err(`${command.name}: ${e.message}${e.file ? ` (${e.file})` : ''} [${e.code}]`);
      return EXIT.FAILED;
    }
    io.err(
      `${command.name}: internal error, please report: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
    );
    return EXIT.INTERNAL;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(String(e) + '\n');
      process.exitCode = EXIT.INTERNAL;
    },
  );
}
