import type { Command } from 'commander';
import { register as data } from './data.ts';
import { register as evaluate } from './evaluate.ts';
import { register as record } from './record.ts';
import { register as replay } from './replay.ts';
import { register as serve } from './serve.ts';
import { register as train } from './train.ts';
import { register as watch } from './watch.ts';

/**
 * Every subcommand module exports `register(program)`; the list is kept here, in help order.
 * A command composes its config from the adapters' schemas (`src/<adapter>/config.ts`), parses it
 * with `parseConfig` and runs inside `action()` (`fail.ts`), so every command refuses a wrong
 * option the same way.
 */
const commands: Array<(program: Command) => void> = [serve, watch, replay, record, train, evaluate, data];

export function registerCommands(program: Command): void {
  for (const register of commands) register(program);
}
