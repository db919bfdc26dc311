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
import { pulledGames, seasonFolder } from '../data/pulled.ts';
import { NbaFeedClient } from '../feed/client.ts';
import type { FeedError } from '../feed/errors.ts';
import { resolveOptions } from '../feed/options.ts';
import type { GameRecord } from '../model/dataset.ts';
import { writeSeasonRows } from './dataset-file.ts';
import { PullError } from './errors.ts';
import type { BreakerWait } from './fetch-document.ts';
import { resolvePullOptions, type PullOptions, type ResolvedPullOptions } from './options.ts';
import { pullGame, type GameContext } from './pull-game.ts';
import { duration } from './progress.ts';
import { writeSeasonReport, type SeasonReport, type SkippedGame } from './report.ts';
import { listSeason } from './season-listing.ts';
import { storedGameRow } from './stored-game.ts';

export interface PullResult {
  readonly report: SeasonReport;
  readonly reportFile: string;
  readonly datasetFile: string;
}

/** Games of the schedule refused (403/404) in a row after which the CDN is taken to refuse us, not them. */
export const REFUSED_IN_A_ROW = 20;
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
    controller.abort(new PullError('ERR_PULL_CDN', reason));
  };

  // Games already in the folder give their rows from their files; one whose files do not (a file
  // damaged since) is fetched again like a missing one.
  const stored = new Map<string, GameRecord>();
  for (const id of pulledGames(o.to, o.season)) {
    const row = storedGameRow(o.to, o.season, id);
    if (row.ok) stored.set(id, row.game);
  }
  const present = new Set(stored.keys());
  const rows = new Map<string, GameRecord>();
  const skipped: SkippedGame[] = [];
  let gamesFrom = 'not listed (interrupted)';
  let fatal: unknown;
  try {
    const listing = await listSeason(client, o.season, o.missRun, present, signal);
    gamesFrom = listing.gamesFrom;
    skipped.push(...listing.notFinal);
    let done = 0;
    let refusedInARow = 0;
    const ctx: GameContext = { client, season: o.season, dataDir: o.to, breaker: breakerWait(o, stop), signal };
    o.progress?.start(listing.total);
    const worker = async (): Promise<void> => {
      for (let id = await listing.queue.next(); id !== undefined; id = await listing.queue.next()) {
        if (signal.aborted) {
          // Handed out but never asked for: settled all the same, or a worker waiting on it would wait forever.
          listing.queue.settle(id, true);
          return;
        }
        let found = true;
        try {
          const outcome = await pullGame(ctx, id);
          if (outcome.kind === 'written') rows.set(id, outcome.game);
          else if (outcome.kind === 'skipped' || !listing.estimated) skipped.push(outcome.skip);
          found = outcome.kind !== 'missing';
          refusedInARow = found ? 0 : refusedInARow + 1;
          if (!listing.estimated && refusedInARow >= REFUSED_IN_A_ROW && outcome.kind === 'missing') {
            stop(`the CDN refused ${refusedInARow} scheduled games in a row (last: ${outcome.skip.detail}); stopping`);
          }
        } catch (error) {
          if (error instanceof PullError && error.code === 'ERR_PULL_CDN') stop(error.message);
          else if (!signal.aborted || error instanceof PullError) {
            // A bug or a folder that cannot be written: nothing more is fetched, and it is thrown.
            fatal ??= error;
            controller.abort(error);
          }
        } finally {
          listing.queue.settle(id, found);
          done += 1;
          const total = listing.estimated ? Math.max(listing.total, done + 1) : listing.total;
          o.progress?.update({ done, total, skipped: skipped.length });
        }
      }
    };
    await Promise.all(Array.from({ length: o.concurrency }, worker));
    if (listing.estimated) {
      skipped.push(...listing.queue.holes().map((id): SkippedGame => ({ game_id: id, reason: 'missing', detail: 'no documents on the CDN, though later game ids have some' })));
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    o.progress?.stop();
  }
  if (fatal !== undefined) throw fatal;
  if (o.signal?.aborted) stopped ??= 'interrupted';

  const pulledNow = rows.size;
  for (const [id, game] of stored) rows.set(id, game);
  const datasetFile = await writeSeasonRows(o.to, o.season, [...rows.values()]);
  const report: SeasonReport = {
    season: o.season,
    finished_at: new Date().toISOString(),
    feed_url: o.feedUrl,
    games_from: gamesFrom,
    in_dataset: rows.size,
    pulled_now: pulledNow,
    already_there: present.size,
    requests,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    stopped,
    skipped: skipped.sort((a, b) => a.game_id.localeCompare(b.game_id)),
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
    throw new PullError('ERR_PULL_FILE', `cannot prepare ${folder}: ${(cause as Error).message}`, { cause });
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
      throw new PullError('ERR_PULL_CDN', reason);
    },
    onAnswer() {
      lastAnswer = performance.now();
    },
  };
}
