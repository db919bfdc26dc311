import type { GameRecord } from './dataset.ts';
import type { GameFeatures } from './features.ts';
import { gameFeatures } from './features.ts';
import type { GameContext } from './predictor.ts';
import { PATTERN_MINUTES } from './predictor.ts';
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
  const p = possessions?.get(gameId)?.[PATTERN_MINUTES - 1];
  return p === 1 ? 'home' : p === -1 ? 'away' : undefined;
}

/** @param possessions possession by minute of the games whose play-by-play is known */
export function toExamples(games: readonly GameRecord[], history: TeamHistory, possessions?: ReadonlyMap<string, Int8Array>): Example[] {
  return games.map((g) => {
    const context: GameContext = { gameId: g.gameId, homeTeam: g.homeTeam, awayTeam: g.awayTeam, gameDate: g.gameDate, possession: possessionAt18(possessions, g.gameId) };
    return {
      season: g.season,
      context,
      pattern: g.d.slice(0, PATTERN_MINUTES),
      features: gameFeatures(history, context, g.season),
      actual: g.d[23] as number,
    };
  });
}

/** d24 − d18, what every component actually forecasts. */
export function changeOf(e: Example): number {
  return e.actual - (e.pattern[17] as number);
}
