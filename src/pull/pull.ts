/**
 * `courtside data pull`: a season of the CDN as a data folder. The season's games (schedule, or
 * ids tried in order), each finished game fetched by one of at most four workers through the feed
 * client (its headers, retries, Retry-After and breaker), checked by the live tracker and written as
 * the CDN sent it. A game already in the folder is never fetched again, so a pull interrupted at any
 * point (Ctrl-C, kill -9, the CDN failing) is finished by running it again. The season's rows of
 * `minute_diffs.csv` are always those the documents in the folder give (games already there are
 * rebuilt from their files), and `pull-report.json` says what was left out and why.
 */
import { mkdir, readdir, rm } from 'node:fs/promises';
import { seasonFolder } from '../data/pulled.ts';
import { NbaFeedClient } from '../feed/client.ts';
import type { FeedError } from '../feed/errors.ts';
import { resolveOptions } from '../feed/options.ts';
import { writeSeasonRows } from './dataset-file.ts';
import { PullError } from './errors.ts';
import type { BreakerWait } from './fetch-document.ts';
import { resolvePullOptions, type PullOptions, type ResolvedPullOptions } from './options.ts';
import { duration } from './progress.ts';
import { writeSeasonReport, type SeasonReport, type SkippedGame } from './report.ts';
import { listSeason, type SeasonListing } from './season-listing.ts';
import { storedRows } from './stored-game.ts';
import { runWorkers, type WorkDone } from './workers.ts';

export interface PullResult {
  readonly report: SeasonReport;
  readonly reportFile: string;
  readonly datasetFile: string;
}

/** Breaker openings are waited out until the CDN has answered nothing for this many half-open periods. */
export const SILENT_PERIODS = 4;

const STALE_TEMPORARY = /\.json\.gz\.\d+$/;

export async function pullSeason(options: PullOptions): Promise<PullResult> {
  const o = resolvePullOptions(options);
  const started = performance.now();
  await prepareFolder(o);
  let requests = 0;
  const client = new NbaFeedClient({ ...o.feed, baseUrl: o.feedUrl, observer: { onResponse: (e) => (requests += e.attempts) } });
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(o.signal?.reason);
  o.signal?.addEventListener('abort', onAbort, { once: true });
  const { signal } = controller;
  let stopped: string | null = null;
  const stop = (reason: string): void => {
    stopped ??= reason;
    controller.abort(new PullError('pull_cdn', reason));
  };

  const stored = storedRows(o.to, o.season);
  let work: WorkDone = { rows: new Map(), skipped: [] };
  let listing: SeasonListing | undefined;
  try {
    listing = await listSeason(client, o.season, o.missRun, new Set(stored.keys()), signal);
  } catch (error) {
    if (!signal.aborted) throw error;
  }
  try {
    if (listing) {
      const ctx = { client, season: o.season, dataDir: o.to, breaker: breakerWait(o, stop), signal };
      work = await runWorkers({ ...listing, concurrency: o.concurrency, progress: o.progress, stop, abort: (e) => controller.abort(e) }, ctx);
      if (listing.estimated) {
        work.skipped.push(...listing.queue.holes().map((id): SkippedGame => ({ game_id: id, reason: 'missing', detail: 'no documents on the CDN, though later game ids have some' })));
      }
    }
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
  }
  if (o.signal?.aborted) stopped ??= 'interrupted';

  const rows = new Map([...stored, ...work.rows]);
  const datasetFile = await writeSeasonRows(o.to, o.season, [...rows.values()]);
  const report: SeasonReport = {
    season: o.season,
    finished_at: new Date().toISOString(),
    feed_url: o.feedUrl,
    games_from: listing?.gamesFrom ?? 'not listed (interrupted)',
    in_dataset: rows.size,
    pulled_now: work.rows.size,
    already_there: stored.size,
    requests,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    stopped,
    skipped: [...(listing?.notFinal ?? []), ...work.skipped].sort((a, b) => a.game_id.localeCompare(b.game_id)),
  };
  const reportFile = await writeSeasonReport(o.to, report);
  return { report, reportFile, datasetFile };
}

/** The folder exists, and temporaries a killed run left behind are gone. */
async function prepareFolder(o: ResolvedPullOptions): Promise<void> {
  const folder = seasonFolder(o.to, o.season);
  try {
    await mkdir(folder, { recursive: true });
    for (const name of await readdir(folder)) if (STALE_TEMPORARY.test(name)) await rm(`${folder}/${name}`, { force: true });
  } catch (cause) {
    throw new PullError('pull_file', `cannot prepare ${folder}: ${(cause as Error).message}`, { cause });
  }
}

/** Waits out the breaker while the CDN answered something within the last few half-open periods. */
function breakerWait(o: ResolvedPullOptions, stop: (reason: string) => void): BreakerWait {
  const halfOpenAfterMs = resolveOptions({ ...o.feed, baseUrl: o.feedUrl }).breakerHalfOpenAfterMs;
  let lastAnswer = performance.now();
  return {
    halfOpenAfterMs,
    onOpen(error: FeedError) {
      const silent = performance.now() - lastAnswer;
      if (silent < SILENT_PERIODS * halfOpenAfterMs) return;
      const reason = `the CDN has answered nothing for ${duration(silent)} (${error.message}); stopping`;
      stop(reason);
      throw new PullError('pull_cdn', reason);
    },
    onAnswer() {
      lastAnswer = performance.now();
    },
  };
}
