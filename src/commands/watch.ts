import type { Command } from 'commander';
import { z } from 'zod';
import { secret } from '../config/fields.ts';
import { parseConfig } from '../config/parse.ts';
import { DEFAULT_STREAM_URL, WatchError } from '../watch/stream-url.ts';
import { watch } from '../watch/watch.ts';
import { action, EXIT_USAGE } from './fail.ts';
import { configOption, flagsOf } from './options.ts';

/** The stream's address and game are checked by `watch` itself (`WatchError`), which knows their forms. */
export const WatchConfig = z.strictObject({
  game: z.string().optional(),
  /** The same variable the server reads its token from. */
  token: secret('COURTSIDE_TOKEN').optional(),
});

export function register(program: Command): void {
  const option = (key: string, description: string, value?: string) => configOption(WatchConfig, key, description, value);
  program
    .command('watch')
    .description('watch a Courtside stream in the terminal: scores, clocks, pattern progress, forecasts with their intervals, halftime verdicts, the night\'s tally (one line per event when not on a terminal)')
    .argument('[url]', 'the stream', DEFAULT_STREAM_URL)
    .addOption(option('game', 'follow one game (its 10-digit id) instead of every game', '<id>'))
    .addOption(option('token', 'the server\'s token, when it requires one', '<token>'))
    .action(action(program, 'watch', async (url: string, opts: Record<string, unknown>) => {
      const config = parseConfig(WatchConfig, flagsOf(WatchConfig, opts));
      const watching = watch({ url, game: config.game, token: config.token, out: process.stdout, color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR });
      const stop = () => void watching.stop();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      process.exit(await watching.exited);
    }, (e) => (e instanceof WatchError ? EXIT_USAGE : undefined)));
}
