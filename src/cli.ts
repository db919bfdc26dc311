#!/usr/bin/env node
/**
 * The `courtside` command line. Each subcommand lives in `src/commands/` and registers itself;
 * this file only assembles them.
 */
import { Command } from 'commander';
import { registerCommands } from './commands/index.ts';

const program = new Command('courtside')
  .description('Real-time NBA scores, exact minute patterns and a calibrated halftime forecast over WebSocket')
  .showHelpAfterError();

registerCommands(program);

await program.parseAsync(process.argv);
