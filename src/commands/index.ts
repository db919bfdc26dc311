import type { Command } from 'commander';

/** Every subcommand module exports `register(program)`; add new ones here. */
const modules: Array<() => Promise<{ register(program: Command): void }>> = [];

export function registerCommands(program: Command): void {
  void modules;
  void program;
}
