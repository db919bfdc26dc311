/**
 * `courtside data pull`: a season of the NBA CDN as a data folder (`src/pull/`). Ctrl-C stops it
 * cleanly: what was fetched stays, the dataset and report are brought up to date, and the same
 * command goes on from there.
 */
import path from 'node:path';
import type { Command } from 'commander';
import type { z } from 'zod';
import { parseConfig } from '../config/parse.ts';
import { PullConfig } from '../pull/config.ts';
import { PullError } from '../pull/errors.ts';
import { MAX_CONCURRENCY } from '../pull/options.ts';
import { progressFor } from '../pull/progress.ts';
import { pullSeason } from '../pull/pull.ts';
import type { SeasonReport } from '../pull/report.ts';
import { action, EXIT_FAILURE, EXIT_USAGE } from './fail.ts';
import { configOption, flagsOf } from './options.ts';

/** Exit status of a pull stopped by Ctrl-C, as a shell reports a SIGINT. */
const INTERRUPTED = 130;

export function register(program: Command): void {
  const option = (key: string, description: string, value?: string) => configOption(PullConfig, key, description, value);
  const data = program.command('data').description('build data folders from the NBA CDN');
  data
    .command('pull')
    .description("pull a season from the NBA CDN into a data folder: minute_diffs.csv, each finished game's play-by-play and boxscore as the CDN sent them, and pull-report.json; run again, it fetches only what is missing")
    .addOption(option('season', 'the season, e.g. 2024-25 (required)', '<season>'))
    .addOption(option('to', 'the data folder to write (created if missing)', '<dir>'))
    .addOption(option('feedUrl', 'live-data base URL of the CDN; the schedule is read beside it, at ../staticData/', '<url>'))
    .addOption(option('concurrency', `games fetched at once, 1..${MAX_CONCURRENCY}`, '<n>'))
    // An option the pull itself refuses is one too (status 2); a folder or a CDN that failed it, 1.
    .action(action(program, 'data pull', async (opts: Record<string, unknown>) => pull(parseConfig(PullConfig, flagsOf(PullConfig, opts))), (e) => (e instanceof PullError ? (e.code === 'invalid_option' ? EXIT_USAGE : EXIT_FAILURE) : undefined)));
}

async function pull(config: z.output<typeof PullConfig>): Promise<void> {
  const controller = new AbortController();
  const interrupt = (): void => {
    if (controller.signal.aborted) process.exit(INTERRUPTED);
    process.stderr.write('courtside data pull: stopping; what is fetched is kept (Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', interrupt);
  try {
    const { report, reportFile, datasetFile } = await pullSeason({
      ...config,
      to: path.resolve(config.to),
      signal: controller.signal,
      progress: progressFor(process.stderr, config.season),
    });
    process.stdout.write(summary(report, datasetFile, reportFile));
    if (report.stopped === 'interrupted') process.exitCode = INTERRUPTED;
    else if (report.stopped !== null) process.exitCode = 1;
  } finally {
    process.off('SIGINT', interrupt);
  }
}

function summary(r: SeasonReport, datasetFile: string, reportFile: string): string {
  const lines = [`${r.season}: ${r.in_dataset} games in ${datasetFile} (${r.pulled_now} pulled now, ${r.already_there} already there; ${r.requests} requests in ${r.seconds} s)`];
  if (r.skipped.length > 0) {
    const reasons = new Map<string, number>();
    for (const s of r.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
    lines.push(`left out ${r.skipped.length} (${[...reasons].map(([reason, n]) => `${n} ${reason}`).join(', ')}): see ${reportFile}`);
  }
  if (r.stopped !== null) lines.push(`stopped: ${r.stopped}; run the same command again to go on`);
  return `${lines.join('\n')}\n`;
}
