import { atMinute, HALFTIME_MINUTE, minuteDiff, TRIGGER_MINUTE } from '../domain/minutes.ts';
import type { HistoricalGame } from '../domain/historical-game.ts';
import type { GameFeatures } from './features.ts';
import { gameFeatures } from './features.ts';
import type { GameContext } from './predictor.ts';
import type { TeamHistory } from './team-form.ts';

/** One game as every model sees it at 18:00, with the halftime answer for fitting and scoring. */
export interface Example {
  readonly season: string;
  readonly context: GameContext;
  /** d1..d18 */
  readonly pattern: readonly number[];
  readonly features: GameFeatures;
  /** d24 */
  readonly actual: number;
}

/** Who had the ball at 18:00 in a game of the possession table, as the context says it. */
export function possessionAt18(possessions: ReadonlyMap<string, Int8Array> | undefined, gameId: string): GameContext['possession'] {
  const byMinute = possessions?.get(gameId);
  const p = byMinute && atMinute(byMinute, TRIGGER_MINUTE);
  return p === 1 ? 'home' : p === -1 ? 'away' : undefined;
}

/** @param possessions possession by minute of the games whose play-by-play is known */
export function toExamples(games: readonly HistoricalGame[], history: TeamHistory, possessions?: ReadonlyMap<string, Int8Array>): Example[] {
  return games.map((g) => {
    const context: GameContext = { gameId: g.gameId, homeTeam: g.homeTeam, awayTeam: g.awayTeam, gameDate: g.gameDate, possession: possessionAt18(possessions, g.gameId) };
    return {
      season: g.season,
      context,
      pattern: g.d.slice(0, TRIGGER_MINUTE),
      features: gameFeatures(history, context, g.season),
      actual: minuteDiff(g.d, HALFTIME_MINUTE),
    };
  });
}

/** d24 − d18, what every component actually forecasts. */
export function changeOf(e: Example): number {
  return e.actual - minuteDiff(e.pattern, TRIGGER_MINUTE);
}
