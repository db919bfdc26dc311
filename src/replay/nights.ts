/**
 * Which nights can be replayed, the default one, and the speed that plays a night in a given time.
 */
import { optionError, ReplayError } from './errors.ts';
import { pulledSeasons } from '../data/pulled.ts';
import { loadSchedule, seasonFiles } from './dataset.ts';
import type { HistoricalGame } from '../domain/historical-game.ts';
import type { Night } from './night.ts';

export interface NightSummary {
  /** `YYYY-MM-DD`, US Eastern. */
  readonly date: string;
  readonly season: string;
  readonly games: number;
}

/** The season the default night is taken from, and what counts as a busy night. */
export const DEFAULT_SEASON = '2017-18';
export const BUSY_NIGHT_GAMES = 10;
export const DEFAULT_REPLAY_MINUTES = 10;

/** Every date of a season that has a play-by-play file or was pulled, with its number of games, oldest first. */
export function listNights(dataDir: string, schedule: readonly HistoricalGame[] = loadSchedule(dataDir)): NightSummary[] {
  const seasons = new Set([...seasonFiles(dataDir).map((s) => s.season), ...pulledSeasons(dataDir)]);
  const byDate = new Map<string, NightSummary>();
  for (const g of schedule) {
    if (!seasons.has(g.season)) continue;
    const known = byDate.get(g.gameDate);
    byDate.set(g.gameDate, { date: g.gameDate, season: g.season, games: (known?.games ?? 0) + 1 });
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The busiest night of 2017-18 (the earliest if several tie), or of the latest season present when
 * that file is missing. Always 10+ games on a full season.
 */
export function defaultNight(nights: readonly NightSummary[]): string {
  const latest = nights.at(-1)?.season;
  if (latest === undefined) throw new ReplayError('replay_no_data', 'no replayable nights: no pbp_<season>.csv or pulled live_<season>/ with games in minute_diffs.csv');
  const season = nights.some((n) => n.season === DEFAULT_SEASON) ? DEFAULT_SEASON : latest;
  let best: NightSummary | undefined;
  for (const n of nights) if (n.season === season && (!best || n.games > best.games)) best = n;
  return (best as NightSummary).date;
}

/** A whole-number speed that plays the night, from its opening to the last final, in about `minutes`. */
export function speedForMinutes(night: Night, minutes = DEFAULT_REPLAY_MINUTES): number {
  if (!(minutes > 0) || !Number.isFinite(minutes)) throw optionError(`minutes must be a positive number, got ${String(minutes)}`);
  return Math.max(1, Math.round((night.closesAt - night.opensAt) / (minutes * 60_000)));
}
