/**
 * Who had the ball at the end of a game minute, from the live play-by-play: each action carries
 * `possession`, the id of the team with the ball during it (0 when nobody's), and team actions
 * carry `teamId` with `teamTricode`, which say which id is the home team's. Inside a period the
 * ball at the minute's end is where the last action before it left it (the team of a made shot,
 * a turnover or a last free throw made hands it over), the state the model was trained on; at a
 * period's end it is the model's rule (`possessionAtPeriodEnd`).
 */
import { elapsedSeconds, readClock } from '../game/clock.ts';
import type { LiveAction } from '../game/types.ts';
import { OVERTIME_MINUTES, QUARTER_MINUTES, REGULATION_MINUTES } from '../domain/minutes.ts';
import { possessionAtPeriodEnd, type Possession } from '../model/possession.ts';

/** What possession reads of an action beyond `LiveAction`: unknown on purpose, a feed may send anything there. */
type Action = LiveAction & { readonly possession?: unknown; readonly teamId?: unknown; readonly teamTricode?: unknown };

export interface Teams {
  readonly homeTeam: string;
  readonly awayTeam: string;
}

interface Stamped {
  readonly elapsed: number;
  readonly order: number;
  readonly period: number;
  /** A jump ball, a shot or a turnover: what shows who had the ball first. */
  readonly opens: boolean;
  /** Who had the ball during the action. */
  readonly during: Possession;
  /** Who has the ball once the action is done. */
  readonly after: Possession;
}

export class LivePossession {
  readonly #stamped: readonly Stamped[];
  readonly #opening: Possession;

  constructor(actions: readonly LiveAction[], teams: Teams) {
    const sides = sidesOf(actions as readonly Action[], teams);
    const stamped: Stamped[] = [];
    for (const a of actions as readonly Action[]) {
      const secondsLeft = clockOf(a);
      if (secondsLeft === undefined || !Number.isInteger(a.period) || a.period < 1) continue;
      const during = typeof a.possession === 'number' ? (sides.get(a.possession) ?? 0) : 0;
      const after = handsOver(a) ? (-during as Possession) : during;
      stamped.push({ elapsed: elapsedSeconds(a.period, secondsLeft), order: a.orderNumber, period: a.period, opens: OPENING_ACTIONS.has(a.actionType), during, after });
    }
    stamped.sort((x, y) => x.elapsed - y.elapsed || x.order - y.order);
    this.#stamped = stamped;
    // Who had the ball first: the opening tip's winner, else the first team to shoot or turn it over.
    this.#opening = stamped.find((s) => s.period === 1 && s.opens && s.during !== 0)?.during ?? 0;
  }

  /** +1 home, −1 away, 0 unknown, at the end of `minute`. */
  atEndOf(minute: number): Possession {
    const atPeriodEnd = minute >= QUARTER_MINUTES ? possessionAtPeriodEnd(minute, this.#opening) : undefined;
    if (atPeriodEnd !== undefined) return atPeriodEnd;
    const boundary = minute * 60;
    const period = periodOfMinute(minute);
    let side: Possession = 0;
    for (const s of this.#stamped) {
      if (s.elapsed > boundary) break;
      if (s.period === period && s.after !== 0) side = s.after;
    }
    return side;
  }
}

const MADE_SHOTS = new Set(['2pt', '3pt']);
const OPENING_ACTIONS = new Set(['jumpball', '2pt', '3pt', 'turnover']);
/** `1 of 1`, `2 of 2`, `3 of 3`: the free throw that ends a trip. */
const LAST_FREE_THROW = /^([123]) of \1$/;

/** Done by the team with the ball and giving it to the other: a made shot, a turnover, a last free throw made. */
function handsOver(a: Action): boolean {
  if (typeof a.teamId !== 'number' || a.teamId !== a.possession) return false;
  if (a.actionType === 'turnover') return true;
  if (a.shotResult !== 'Made') return false;
  return MADE_SHOTS.has(a.actionType) || (a.actionType === 'freethrow' && LAST_FREE_THROW.test(a.subType ?? ''));
}

/** Team id → side, from team actions; ids the actions never tie to a tricode stay unknown. */
function sidesOf(actions: readonly Action[], teams: Teams): Map<number, Possession> {
  const sides = new Map<number, Possession>();
  for (const a of actions) {
    if (typeof a.teamId !== 'number' || sides.has(a.teamId)) continue;
    if (a.teamTricode === teams.homeTeam) sides.set(a.teamId, 1);
    else if (a.teamTricode === teams.awayTeam) sides.set(a.teamId, -1);
  }
  return sides;
}

/** An action whose clock cannot be read tells nothing about possession (the tracker reports it). */
function clockOf(a: Action): number | undefined {
  try {
    return readClock(a.clock);
  } catch {
    return undefined;
  }
}

function periodOfMinute(minute: number): number {
  return minute <= REGULATION_MINUTES ? Math.ceil(minute / QUARTER_MINUTES) : 4 + Math.ceil((minute - REGULATION_MINUTES) / OVERTIME_MINUTES);
}
