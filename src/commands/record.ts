/**
 * `courtside record`: polls a live night like the service does and archives every response
 * (`<out>/<YYYY-MM-DD>.archive`), until Ctrl-C or, with `--exit-when-done`, every game is final.
 */
import { Option, type Command } from 'commander';
import { ArchiveError } from '../archive/errors.ts';
import { DEFAULT_BASE_URL } from '../feed/endpoints.ts';
import { createLogger } from '../logging.ts';
import type { NightArchive } from '../record/night-archives.ts';
import { startRecorder, type Recorder } from '../record/recorder.ts';

interface RecordCommandOptions {
  out: string;
  feedUrl: string;
  pollSeconds: string;
  speed: string;
  exitWhenDone: boolean;
  logLevel: string;
}

export function register(program: Command): void {
  program
    .command('record')
    .description('record a live night (the NBA CDN by default) into one crash-safe archive per night, for replay --archive')
    .requiredOption('--out <dir>', 'folder for the archives, one per night: <YYYY-MM-DD>.archive')
    .option('--feed-url <url>', 'base URL of the live feed', DEFAULT_BASE_URL)
    .option('--poll-seconds <s>', 'seconds between scoreboard polls while games are live', '10')
    .option('--speed <factor>', 'how fast the feed runs when it is itself a replay (e.g. courtside replay --speed 2000)', '1')
    .option('--exit-when-done', 'exit 0 once every game is final with its play-by-play and boxscore recorded', false)
    .addOption(new Option('--log-level <level>', 'pino level').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'))
    .action(async (opts: RecordCommandOptions) => {
      const out = (line: string): boolean => process.stdout.write(`${line}\n`);
      let recorder: Recorder;
      try {
        recorder = startRecorder(
          { outDir: opts.out, feedUrl: opts.feedUrl, pollSeconds: opts.pollSeconds, speed: opts.speed, exitWhenDone: opts.exitWhenDone },
          { logger: createLogger(opts.logLevel), onNight: (night, file) => out(`recording ${night} to ${file}`) },
        );
      } catch (error) {
        const badOption = (error as { code?: unknown }).code === 'invalid_option';
        if (!(error instanceof ArchiveError) && !badOption) throw error;
        // Option errors already start with "record: ".
        process.stderr.write(`courtside ${badOption ? '' : 'record: '}${(error as Error).message}\n`);
        process.exitCode = badOption ? 2 : 1;
        return;
      }
      out(`Courtside record: ${opts.feedUrl} → ${opts.out}, polling every ${opts.pollSeconds} s${opts.speed === '1' ? '' : ` of a feed at speed ${opts.speed}`}`);
      const report = (archives: readonly NightArchive[]): void => {
        for (const a of archives) out(`${a.night}: ${a.records} responses, ${(a.bytes / 1e6).toFixed(2)} MB in ${a.file}`);
      };
      let signalled: string | undefined;
      const stop = (signal: string): void => {
        signalled = signal;
        void recorder.stop().catch(() => undefined);
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
      try {
        report(await recorder.done);
      } catch (error) {
        if (!(error instanceof ArchiveError)) throw error;
        process.stderr.write(`courtside record: ${error.message}\n`);
        process.exit(1);
      }
      out(signalled ? `${signalled}: stopped` : 'every game is final and recorded');
      process.exit(0);
    });
}
