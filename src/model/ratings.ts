import { ModelError } from './errors.ts';
import { franchiseOf } from './franchise.ts';
import { seasonOfDate } from './season.ts';
import { countBefore } from './team-form.ts';

/** A finished game as the ratings need it. */
export interface RatedGame {
  readonly gameId: string;
  readonly season: string;
  /** `YYYY-MM-DD`, US Eastern. */
  readonly gameDate: string;
  readonly homeTeam: string;
  readonly awayTeam: string;
  /** Final home-minus-away margin, overtime included. */
  readonly margin: number;
}

export interface RatingParams {
  /** Share of a game's surprise (margin minus expectation) that moves the two ratings. */
  readonly k: number;
  /** Share of a rating kept from one season to the next (teams regress toward the mean). */
  readonly carryOver: number;
  /** Margins are clipped to ±this before updating: a 40-point rout says little more than a 30-point one. */
  readonly marginCap: number;
  /** Home advantage in points, added to every expectation. */
  readonly homeAdvantage: number;
}

export const DEFAULT_RATING_PARAMS: RatingParams = { k: 0.04, carryOver: 0.6, marginCap: 30, homeAdvantage: 3 };

export function validateRatingParams(p: RatingParams): void {
  const bad = (name: string, v: number, what: string): never => {
    throw new ModelError('invalid_option', `rating ${name} must be ${what}, got ${v}`);
  };
  if (!(p.k > 0 && p.k < 1)) bad('k', p.k, 'in (0, 1)');
  if (!(p.carryOver >= 0 && p.carryOver <= 1)) bad('carryOver', p.carryOver, 'in [0, 1]');
  if (!(p.marginCap > 0)) bad('marginCap', p.marginCap, 'positive');
  if (!Number.isFinite(p.homeAdvantage)) bad('homeAdvantage', p.homeAdvantage, 'finite');
}

interface Ledger {
  /** Dates after whose games the rating changed, ascending. */
  readonly dates: string[];
  readonly seasons: string[];
  readonly ratings: number[];
}

/**
 * Pre-game team ratings (an Elo on points): each team has a rating in points, a game is expected
 * to end home advantage + home rating − away rating, and after it both ratings move by k times
 * the surprise, in opposite directions. A new season keeps `carryOver` of each rating. Relocated
 * franchises are one team. A game only ever sees games dated strictly before it: games of the same
 * night are played at the same time.
 */
export class TeamRatings {
  readonly params: RatingParams;
  readonly #ledgers = new Map<string, Ledger>();
  readonly #expected = new Map<string, number>();

  constructor(games: Iterable<RatedGame>, params: RatingParams = DEFAULT_RATING_PARAMS) {
    validateRatingParams(params);
    this.params = params;
    const sorted = [...games].sort((a, b) => (a.gameDate < b.gameDate ? -1 : a.gameDate > b.gameDate ? 1 : 0));
    // The running state while the history is read; the ledgers answer queries at any date.
    const current = new Map<string, { rating: number; season: string }>();
    const ratingOf = (team: string, season: string): number => {
      const c = current.get(team);
      return c === undefined ? 0 : c.rating * params.carryOver ** seasonGap(c.season, season);
    };
    for (let i = 0; i < sorted.length; ) {
      const date = (sorted[i] as RatedGame).gameDate;
      let j = i;
      while (j < sorted.length && (sorted[j] as RatedGame).gameDate === date) j++;
      const moves = new Map<string, { move: number; season: string }>();
      for (let n = i; n < j; n++) {
        const g = sorted[n] as RatedGame;
        const home = franchiseOf(g.homeTeam);
        const away = franchiseOf(g.awayTeam);
        const expected = params.homeAdvantage + ratingOf(home, g.season) - ratingOf(away, g.season);
        this.#expected.set(g.gameId, expected);
        const surprise = Math.max(-params.marginCap, Math.min(params.marginCap, g.margin)) - expected;
        moves.set(home, { move: (moves.get(home)?.move ?? 0) + params.k * surprise, season: g.season });
        moves.set(away, { move: (moves.get(away)?.move ?? 0) - params.k * surprise, season: g.season });
      }
      for (const [team, { move, season }] of moves) {
        const rating = ratingOf(team, season) + move;
        current.set(team, { rating, season });
        this.#record(team, date, season, rating);
      }
      i = j;
    }
  }

  #record(team: string, date: string, season: string, rating: number): void {
    let ledger = this.#ledgers.get(team);
    if (!ledger) this.#ledgers.set(team, (ledger = { dates: [], seasons: [], ratings: [] }));
    ledger.dates.push(date);
    ledger.seasons.push(season);
    ledger.ratings.push(rating);
  }

  /** A team's rating before its games of `beforeDate` (0 for a team never seen). */
  rating(team: string, beforeDate: string, season = seasonOfDate(beforeDate)): number {
    const ledger = this.#ledgers.get(franchiseOf(team));
    if (!ledger) return 0;
    const lo = countBefore(ledger.dates, beforeDate);
    if (lo === 0) return 0;
    const last = ledger.ratings[lo - 1] as number;
    const seasonsApart = season === undefined ? 0 : seasonGap(ledger.seasons[lo - 1] as string, season);
    return last * this.params.carryOver ** seasonsApart;
  }

  /** Expected home-minus-away final margin of a game on `gameDate`, from games before it. */
  expectedMargin(homeTeam: string, awayTeam: string, gameDate: string, season = seasonOfDate(gameDate)): number {
    return this.params.homeAdvantage + this.rating(homeTeam, gameDate, season) - this.rating(awayTeam, gameDate, season);
  }

  /** The expectation a game of the rated history had before it was played. */
  expectedFor(gameId: string): number | undefined {
    return this.#expected.get(gameId);
  }
}

function seasonGap(from: string, to: string): number {
  return Math.max(0, Number(to.slice(0, 4)) - Number(from.slice(0, 4)));
}

/** A finished game of the dataset as the ratings read it. */
export function ratedGame(g: { gameId: string; season: string; gameDate: string; homeTeam: string; awayTeam: string; finalHome: number; finalAway: number }): RatedGame {
  return { gameId: g.gameId, season: g.season, gameDate: g.gameDate, homeTeam: g.homeTeam, awayTeam: g.awayTeam, margin: g.finalHome - g.finalAway };
}

const K_GRID = [0.02, 0.03, 0.04, 0.05, 0.06, 0.08];
const CARRY_OVER_GRID = [0.4, 0.5, 0.6, 0.7, 0.8];
const HOME_ADVANTAGE_SEASONS = 5;

/**
 * Rating parameters from training games only: home advantage is the mean home margin of the last
 * five seasons (it has shrunk over the years), k and the carry-over minimise the squared error of
 * the pre-game expectations over every season but the first (which only warms the ratings up).
 */
export function fitRatingParams(games: readonly RatedGame[]): RatingParams {
  const seasons = [...new Set(games.map((g) => g.season))].sort();
  if (seasons.length < 2) throw new ModelError('dataset_empty', `fitting team ratings needs at least two seasons, got ${seasons.length}`);
  const recent = games.filter((g) => g.season >= (seasons.at(-HOME_ADVANTAGE_SEASONS) ?? (seasons[0] as string)));
  const homeAdvantage = recent.reduce((s, g) => s + g.margin, 0) / recent.length;
  const scored = games.filter((g) => g.season !== seasons[0]);
  let best: { params: RatingParams; mse: number } | undefined;
  for (const k of K_GRID) {
    for (const carryOver of CARRY_OVER_GRID) {
      const params = { k, carryOver, marginCap: DEFAULT_RATING_PARAMS.marginCap, homeAdvantage };
      const ratings = new TeamRatings(games, params);
      const mse = scored.reduce((s, g) => s + (g.margin - (ratings.expectedFor(g.gameId) as number)) ** 2, 0) / scored.length;
      if (!best || mse < best.mse) best = { params, mse };
    }
  }
  return (best as { params: RatingParams }).params;
}
