import type { Possession } from './possession.ts';
import type { GameContext } from './predictor.ts';
import { seasonOfDate } from './season.ts';
import type { TeamForm, TeamHistory } from './team-form.ts';

/** Context of one game at 18:00, as numbers every component can use (home perspective). */
export interface GameFeatures {
  /** Season-to-date average final margin of the home team, shrunk toward last season's. */
  readonly homeMargin: number;
  readonly awayMargin: number;
  /** The same with nothing but this season's games and no shrinkage: the baseline uses it. */
  readonly homeMarginRaw: number;
  readonly awayMarginRaw: number;
  /** Who has the ball at 18:00: +1 home, −1 away, 0 unknown. */
  readonly possession: Possession;
}

export const NEUTRAL_FEATURES: GameFeatures = { homeMargin: 0, awayMargin: 0, homeMarginRaw: 0, awayMarginRaw: 0, possession: 0 };

/** The context's possession as a number. */
export function possessionOf(context: GameContext): Possession {
  return context.possession === 'home' ? 1 : context.possession === 'away' ? -1 : 0;
}

/**
 * Early in a season a handful of games says little, so the average is pulled toward half of
 * last season's margin (teams regress about halfway between seasons) with the weight of this
 * many games. On 2012-13..2014-15 anything from 3 to 20 games does equally well (and clearly
 * better than no shrinkage); 10 sits in the middle.
 */
const PRIOR_GAMES = 10;
const CARRY_OVER = 0.5;

/**
 * Season-to-date features of a game from games dated strictly before it. A team or season the
 * history has never seen (a live 2025-26 game, a new franchise) gets neutral values, never an
 * error.
 */
export function gameFeatures(history: TeamHistory, context: GameContext, season?: string): GameFeatures {
  const s = season ?? seasonOfDate(context.gameDate);
  if (s === undefined) return { ...NEUTRAL_FEATURES, possession: possessionOf(context) };
  const home = history.form(s, context.homeTeam, context.gameDate);
  const away = history.form(s, context.awayTeam, context.gameDate);
  return {
    homeMargin: shrunk(home, history.previous(s, context.homeTeam)),
    awayMargin: shrunk(away, history.previous(s, context.awayTeam)),
    homeMarginRaw: home.games > 0 ? home.margin / home.games : 0,
    awayMarginRaw: away.games > 0 ? away.margin / away.games : 0,
    possession: possessionOf(context),
  };
}

function shrunk(current: TeamForm, previous: TeamForm): number {
  const prior = previous.games > 0 ? (CARRY_OVER * previous.margin) / previous.games : 0;
  return (current.margin + PRIOR_GAMES * prior) / (current.games + PRIOR_GAMES);
}
