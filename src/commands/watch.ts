import type { Command } from 'commander';
import { DEFAULT_STREAM_URL, WatchError } from '../watch/stream-url.ts';
import { watch } from '../watch/watch.ts';

export function register(program: Command): void {
  program
    .command('watch')
    .description('watch a Courtside stream in the terminal: scores, clocks, pattern progress, forecasts with their intervals, halftime verdicts, the night\'s tally (one line per event when not on a terminal)')
    .argument('[url]', 'the stream', DEFAULT_STREAM_URL)
    .option('--game <id>', 'follow one game (its 10-digit id) instead of every game')
    .option('--token <token>', 'the server\'s token, when it requires one (default: $COURTSIDE_TOKEN)')
    .action(async (url: string, opts: { game?: string; token?: string }) => {
      let watching;
      try {
        watching = watch({ url, game: opts.game, token: opts.token ?? (process.env.COURTSIDE_TOKEN || undefined), out: process.stdout, color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR });
      } catch (error) {
        if (!(error instanceof WatchError)) throw error;
        process.stderr.write(`courtside watch: ${error.message}\n`);
        process.exit(2);
      }
      const stop = () => void watching.stop();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      process.exit(await watching.exited);
    });
}
