/**
 * A season as the CDN serves it once it is over: the schedule with every game final, each game's
 * complete play-by-play and final boxscore, in the CDN's formats and at its paths. It is the fake
 * CDN of a night (same handler: Referer check, faults, gzip, validators) given one "night" that
 * holds every game asked for, with its clock stopped after the last final. `data pull` is tested
 * and benchmarked against it.
 */
import { loadSchedule, loadScheduledGames } from './dataset.ts';
import type { HistoricalGame } from '../domain/historical-game.ts';
import { optionError, ReplayError } from './errors.ts';
import { startFakeCdn, type FakeCdn, type FakeCdnOptions } from './fake-cdn.ts';
import { buildNight, type Night } from './night.ts';

export interface SeasonSelection {
  readonly season: string;
  /** Only the games of these dates (`YYYY-MM-DD`); default the whole season. */
  readonly dates?: readonly string[];
}

/** The selected games of a season of the data folder, timed as nights, all in one `Night`. */
export function loadSeason(dataDir: string, selection: SeasonSelection, schedule: readonly HistoricalGame[] = loadSchedule(dataDir)): Night {
  const dates = selection.dates === undefined ? undefined : new Set(selection.dates);
  const games = schedule.filter((g) => g.season === selection.season && (dates === undefined || dates.has(g.gameDate)));
  const what = dates === undefined ? selection.season : `${selection.season} (${[...dates].join(', ')})`;
  if (games.length === 0) throw new ReplayError('replay_no_games', `no games of ${what} in the data`);
  const first = games.reduce((a, g) => (g.gameDate < a ? g.gameDate : a), games[0]?.gameDate as string);
  return buildNight(first, loadScheduledGames(dataDir, games, what));
}

/** Serves `season` (every game final) until closed. */
export function startSeasonCdn(season: Night, options: Omit<FakeCdnOptions, 'night' | 'dataDir' | 'date' | 'speed' | 'now'> = {}): Promise<FakeCdn> {
  if (season.games.length === 0) throw optionError('a season needs at least one game');
  // The clock starts (and stays) a minute after the last final: every document is the finished one.
  return startFakeCdn({ ...options, night: { ...season, opensAt: season.closesAt + 60_000 }, speed: 1, now: () => 0 });
}
