import type { Command } from 'commander';
import { register as serve } from './serve.ts';

/** Every subcommand module exports `register(program)`; the list is kept here, in help order. */
const commands: Array<(program: Command) => void> = [serve];

export function registerCommands(program: Command): void {
  for (const register of commands) register(program);
}
