import type { Command } from 'commander';

/** Every subcommand module exports `register(program)`; the list is kept here, in help order. */
const commands: Array<(program: Command) => void> = [];

export function registerCommands(program: Command): void {
  for (const register of commands) register(program);
}
