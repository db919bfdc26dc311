/**
 * `courtside record`: polls a live night like the service does and archives every response
 * (`<out>/<YYYY-MM-DD>.archive`), until Ctrl-C or, with `--exit-when-done`, every game is final.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { ArchiveError } from '../archive/errors.ts';
import { logLevel } from '../config/fields.ts';
import { parseConfig } from '../config/parse.ts';
import { createLogger } from '../logging.ts';
import { RecordOptions } from '../record/config.ts';
import type { NightArchive } from '../record/night-archives.ts';
import { startRecorder } from '../record/recorder.ts';
import { action, EXIT_FAILURE } from './fail.ts';
import { configOption, FEED_HELP, flagsOf } from './options.ts';

export const RecordCommandConfig = z.strictObject({ ...RecordOptions.shape, logLevel: logLevel().default('warn') });
type RecordCommandConfig = z.output<typeof RecordCommandConfig>;

export function register(program: Command): void {
  const option = (key: string, description: string, value?: string) => configOption(RecordCommandConfig, key, description, value);
  program
    .command('record')
    .description('record a live night (the NBA CDN by default) into one crash-safe archive per night, for replay --archive')
    .addOption(option('outDir', 'folder for the archives, one per night: <YYYY-MM-DD>.archive (required)', '<dir>'))
    .addOption(option('feedUrl', 'base URL of the live feed', '<url>'))
    .addOption(option('pollSeconds', FEED_HELP.pollSeconds, '<s>'))
    .addOption(option('feedTimeoutMs', FEED_HELP.feedTimeoutMs, '<ms>'))
    .addOption(option('speed', 'how fast the feed runs when it is itself a replay (e.g. courtside replay --speed 2000)', '<factor>'))
    .addOption(option('exitWhenDone', 'exit 0 once every game is final with its play-by-play and boxscore recorded'))
    .addOption(option('logLevel', 'pino log level', '<level>'))
    // An archive that cannot be written is the operator's to fix (the message names the file).
    .action(action(program, 'record', async (opts: Record<string, unknown>) => record(parseConfig(RecordCommandConfig, flagsOf(RecordCommandConfig, opts))), (e) => (e instanceof ArchiveError ? EXIT_FAILURE : undefined)));
}

async function record(config: RecordCommandConfig): Promise<void> {
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  const { logLevel: level, ...options } = config;
  const recorder = startRecorder(options, { logger: createLogger(level), onNight: (night, file) => out(`recording ${night} to ${file}`) });
  out(`Courtside record: ${config.feedUrl} → ${config.outDir}, polling every ${config.pollSeconds} s${config.speed === 1 ? '' : ` of a feed at speed ${config.speed}`}`);
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
  report(await recorder.done);
  out(signalled ? `${signalled}: stopped` : 'every game is final and recorded');
  process.exit(0);
}
