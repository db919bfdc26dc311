/**
 * The games a pull goes after. The CDN's schedule only ever holds the season in progress (or the
 * one just over): for that season it lists every game with its status; for any other, or when it
 * cannot be had, game ids are tried one by one (`game-queue.ts`). Regular-season games only
 * (`002…`), as in the dataset: no preseason, play-in, playoffs or Cup final.
 */
import type { NbaFeedClient } from '../feed/client.ts';
import { FeedError } from '../feed/errors.ts';
import type { ScheduledGame } from '../feed/schedule-schema.ts';
import { enumerationQueue, listQueue, type GameQueue } from './game-queue.ts';
import type { SkippedGame } from './report.ts';

/** 30 teams × 82 games / 2: what a season being enumerated is expected to hold, for the ETA. */
export const REGULAR_SEASON_GAMES = 1230;

const REGULAR_SEASON = /^002\d{7}$/;

export interface SeasonListing {
  readonly queue: GameQueue;
  /** Games to fetch (an estimate while ids are enumerated). */
  readonly total: number;
  readonly estimated: boolean;
  /** For the report: where the games came from. */
  readonly gamesFrom: string;
  /** Scheduled games not over yet. */
  readonly notFinal: SkippedGame[];
}

export async function listSeason(client: NbaFeedClient, season: string, missRun: number, present: ReadonlySet<string>, signal: AbortSignal): Promise<SeasonListing> {
  let why: string;
  try {
    const { document } = await client.verbatim('schedule', undefined, { signal });
    const { seasonYear } = document.leagueSchedule;
    if (seasonYear === season) return fromSchedule(document.leagueSchedule.gameDates.flatMap((d) => d.games), present);
    why = `the CDN's schedule is of ${seasonYear}`;
  } catch (error) {
    if (!(error instanceof FeedError)) throw error;
    why = `no schedule: ${error.message}`;
  }
  return {
    queue: enumerationQueue(season, missRun, present),
    total: Math.max(0, REGULAR_SEASON_GAMES - present.size),
    estimated: true,
    gamesFrom: `game ids 002${season.slice(2, 4)}00001 on, until ${missRun} in a row had no documents (${why})`,
    notFinal: [],
  };
}

function fromSchedule(scheduled: readonly ScheduledGame[], present: ReadonlySet<string>): SeasonListing {
  const games = new Map<string, ScheduledGame>();
  for (const g of scheduled) if (REGULAR_SEASON.test(g.gameId)) games.set(g.gameId, g);
  const missing = [...games.values()].filter((g) => !present.has(g.gameId)).sort((a, b) => a.gameId.localeCompare(b.gameId));
  const final = missing.filter((g) => g.gameStatus === 3);
  const notFinal = missing
    .filter((g) => g.gameStatus !== 3)
    .map((g): SkippedGame => ({ game_id: g.gameId, reason: 'not_final', detail: `schedule status ${g.gameStatus} (${g.gameStatusText?.trim() || 'no status text'})` }));
  return {
    queue: listQueue(final.map((g) => g.gameId)),
    total: final.length,
    estimated: false,
    gamesFrom: `the schedule (${games.size} regular-season games)`,
    notFinal,
  };
}
