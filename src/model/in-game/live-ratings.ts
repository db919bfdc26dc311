import type { GameContext } from '../predictor.ts';
import type { RatedGame, RatingParams } from '../ratings.ts';
import { TeamRatings } from '../ratings.ts';

/**
 * Team ratings that grow as games finish: the history the model was loaded with, plus every game
 * the service saw end. Each game's expectation still comes from games dated before it only. The
 * ratings are rebuilt lazily (tens of milliseconds over the whole history) the first time an
 * expectation is asked after a game was added, which is once a night in practice.
 */
export class LiveRatings {
  readonly #params: RatingParams;
  readonly #games = new Map<string, RatedGame>();
  #ratings: TeamRatings | undefined;

  constructor(history: Iterable<RatedGame>, params: RatingParams) {
    this.#params = params;
    for (const g of history) this.#games.set(g.gameId, g);
  }

  get size(): number {
    return this.#games.size;
  }

  /** A finished game; a game already known keeps its first result. Returns whether it was new. */
  add(game: RatedGame): boolean {
    if (this.#games.has(game.gameId)) return false;
    this.#games.set(game.gameId, game);
    this.#ratings = undefined;
    return true;
  }

  /** The pre-game expected home-minus-away final margin of a game. */
  expectedMargin(context: GameContext): number {
    this.#ratings ??= new TeamRatings(this.#games.values(), this.#params);
    return this.#ratings.expectedFor(context.gameId) ?? this.#ratings.expectedMargin(context.homeTeam, context.awayTeam, context.gameDate);
  }
}
