#!/usr/bin/env node
/**
 * The `courtside` command line. Each subcommand lives in `src/commands/` and registers itself;
 * this file only assembles them.
 */
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.ts';

const program = new Command('courtside')
  .description('Real-time NBA scores, exact minute patterns and a calibrated halftime forecast over WebSocket')
  .showHelpAfterError();

registerCommands(program);

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
  process.exit(error.exitCode);
}
