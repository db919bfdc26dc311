#!/usr/bin/env node
/**
 * The `courtside` command line. Each subcommand lives in `src/commands/` and registers itself;
 * this file only assembles them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.ts';
import { PROJECT_ROOT } from './data/location.ts';

const { version } = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };

const program = new Command('courtside')
  .description('Real-time NBA scores, exact minute patterns and a calibrated halftime forecast over WebSocket')
  .version(version, '-V, --version', 'print the version and exit')
  .showHelpAfterError()
  .exitOverride();

registerCommands(program);

/** What commander itself refuses on a command line: each is a usage mistake, status 2 like a wrong value. */
const USAGE_ERRORS = new Set(['unknownOption', 'unknownCommand', 'missingArgument', 'optionMissingArgument', 'missingMandatoryOptionValue', 'invalidArgument', 'excessArguments', 'conflictingOption'].map((c) => `commander.${c}`));

// A mistake on a command's line is one line naming it and pointing at that command's own help.
const explain = (command: Command, name: string): void => {
  command.showHelpAfterError(false).configureOutput({
    outputError: (text, write) => write(`courtside ${name}: ${text.replace(/^error: /, '').trimEnd()} (courtside ${name} --help lists its options)\n`),
  });
  for (const sub of command.commands) explain(sub, `${name} ${sub.name()}`);
};
for (const command of program.commands) explain(command, command.name());

// A reader that went away (`courtside replay --list | head -1`) is no error: stop quietly, as
// SIGPIPE stops other tools (Node ignores it and reports EPIPE instead).
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // A command that failed on a mistake it already explained in one line (`src/commands/fail.ts`).
  if (!(error instanceof CommanderError)) throw error;
  process.exit(USAGE_ERRORS.has(error.code) ? 2 : error.exitCode);
}
