import { OVERTIME_MINUTES, QUARTER_MINUTES, REGULATION_MINUTES } from './game-time.ts';

/**
 * Who has the ball at the end of each game minute, derived from stats.nba.com `playbyplayv2`
 * rows (the live feed says it directly in `actions[].possession`). +1 the home team, −1 the away
 * team, 0 unknown.
 */
export type Possession = -1 | 0 | 1;

/** The fields of a play-by-play row that possession follows from (the replay's `PbpRow` has them). */
export interface PlayEvent {
  /** EVENTMSGTYPE: 1 made FG, 2 missed FG, 3 free throw, 4 rebound, 5 turnover, 6 foul, 10 jump ball, … */
  readonly msgType: number;
  readonly msgActionType: number;
  readonly period: number;
  /** Seconds left in the period. */
  readonly secondsLeft: number;
  readonly homeDescription: string;
  readonly visitorDescription: string;
}

const MADE_SHOT = 1;
const MISSED_SHOT = 2;
const FREE_THROW = 3;
const REBOUND = 4;
const TURNOVER = 5;
const FOUL = 6;
const JUMP_BALL = 10;

/** Foul action types that leave the ball where it was: technicals, double fouls, delay, 3 seconds, taunting, excess timeout, too many players. */
const FOULS_WITHOUT_CHANGE = new Set([10, 11, 12, 13, 16, 17, 18, 19, 25, 30]);
/** Free throw action types that end a trip and hand the ball over when made: 1 of 1, 2 of 2, 3 of 3. */
const LAST_FREE_THROWS = new Set([10, 12, 15]);

function sideOf(e: PlayEvent, marker?: RegExp): Possession {
  const home = e.homeDescription !== '' && (marker === undefined || marker.test(e.homeDescription));
  const away = e.visitorDescription !== '' && (marker === undefined || marker.test(e.visitorDescription));
  if (home === away) return 0;
  return home ? 1 : -1;
}

const opponent = (side: Possession): Possession => (side === 0 ? 0 : side === 1 ? -1 : 1);

/**
 * The event rules: a made shot gives the ball to the opponent, a rebound to the
 * rebounder's team, a turnover to the opponent, the last free throw of a trip (made) to the
 * opponent, a non-technical foul to the fouled team, a jump ball to the team it was tipped to.
 * Technical free throws and fouls change nothing; flagrant and clear-path trips keep the ball
 * with the fouled team, which the foul itself already gave it.
 */
export function possessionAfter(e: PlayEvent, before: Possession, tippedTo: () => Possession): Possession {
  switch (e.msgType) {
    case MADE_SHOT:
      return orKeep(opponent(sideOf(e)), before);
    case MISSED_SHOT:
      return orKeep(sideOf(e, /\bMISS\b/), before);
    case REBOUND:
      return orKeep(sideOf(e), before);
    case TURNOVER:
      return orKeep(opponent(sideOf(e, /turnover/i)), before);
    case FOUL:
      return FOULS_WITHOUT_CHANGE.has(e.msgActionType) ? before : orKeep(opponent(sideOf(e)), before);
    case FREE_THROW: {
      const shooter = sideOf(e);
      if (!LAST_FREE_THROWS.has(e.msgActionType)) return e.msgActionType <= 15 ? orKeep(shooter, before) : before;
      return /\bMISS\b/.test(e.homeDescription + e.visitorDescription) ? orKeep(shooter, before) : orKeep(opponent(shooter), before);
    }
    case JUMP_BALL:
      return orKeep(tippedTo(), before);
    default:
      return before;
  }
}

function orKeep(side: Possession, before: Possession): Possession {
  return side === 0 ? before : side;
}

const TIP_TO = /Tip to ([^:(]+?)\s*$/;

/**
 * A jump ball row names the player it was tipped to, not the team: the team is the side whose
 * descriptions start with that name elsewhere in the game (shots, rebounds, fouls).
 */
function tipSide(e: PlayEvent, game: readonly PlayEvent[]): Possession {
  const name = TIP_TO.exec(e.homeDescription || e.visitorDescription)?.[1];
  if (!name) return 0;
  let home = 0;
  let away = 0;
  const starts = (text: string): boolean => text.startsWith(`${name} `) || text.startsWith(`MISS ${name} `);
  for (const other of game) {
    if (other.msgType === JUMP_BALL) continue;
    if (starts(other.homeDescription)) home++;
    if (starts(other.visitorDescription)) away++;
  }
  return home > away ? 1 : away > home ? -1 : 0;
}

/** Elapsed game seconds at an event (periods 1–4 are 12 minutes, overtimes 5). */
function elapsedSeconds(e: PlayEvent): number {
  if (e.period <= 4) return (e.period - 1) * QUARTER_MINUTES * 60 + (QUARTER_MINUTES * 60 - e.secondsLeft);
  return REGULATION_MINUTES * 60 + (e.period - 5) * OVERTIME_MINUTES * 60 + (OVERTIME_MINUTES * 60 - e.secondsLeft);
}

/** The minute an event counts toward: one stamped at the very start of a period opens its first minute. */
function minuteOf(e: PlayEvent): number {
  const start = e.period <= 4 ? (e.period - 1) * QUARTER_MINUTES : REGULATION_MINUTES + (e.period - 5) * OVERTIME_MINUTES;
  return Math.max(start + 1, Math.ceil(elapsedSeconds(e) / 60));
}

/**
 * Possession at the end of every minute played (48, plus five per overtime), index m − 1 for
 * minute m. Events are taken in period and clock order (file order within the same second), as
 * the minute margins are. At the end of the first three quarters the ball belongs to the team
 * that starts the next one: the loser of the opening tip starts the second and third, the winner
 * the fourth (the live feed's period-end actions say the same). A tied regulation or overtime
 * ends in a jump ball: unknown.
 */
export function possessionByMinute(events: readonly PlayEvent[]): Int8Array {
  const ordered = events.map((e, i) => ({ e, i })).sort((a, b) => a.e.period - b.e.period || b.e.secondsLeft - a.e.secondsLeft || a.i - b.i).map((x) => x.e);
  const lastPeriod = ordered.reduce((p, x) => Math.max(p, x.period), 4);
  const minutes = REGULATION_MINUTES + Math.max(0, lastPeriod - 4) * OVERTIME_MINUTES;
  const out = new Int8Array(minutes);
  let current: Possession = 0;
  let opening: Possession = 0;
  let k = 0;
  for (let minute = 1; minute <= minutes; minute++) {
    for (; k < ordered.length && minuteOf(ordered[k] as PlayEvent) <= minute; k++) {
      const e = ordered[k] as PlayEvent;
      const before = current;
      current = possessionAfter(e, current, () => tipSide(e, ordered));
      // Who had the ball first: the tip's team, else the first to shoot or turn it over.
      if (opening === 0 && e.period === 1) {
        if (e.msgType === JUMP_BALL) opening = current !== before ? current : 0;
        else if (e.msgType === MADE_SHOT || e.msgType === TURNOVER) opening = e.msgType === MADE_SHOT ? sideOf(e) : sideOf(e, /turnover/i);
        else if (e.msgType === MISSED_SHOT) opening = sideOf(e, /\bMISS\b/);
      }
    }
    out[minute - 1] = current;
  }
  for (const [end, starter] of [[QUARTER_MINUTES, opponent(opening)], [2 * QUARTER_MINUTES, opponent(opening)], [3 * QUARTER_MINUTES, opening]] as const) out[end - 1] = starter;
  for (let end = REGULATION_MINUTES; end <= minutes; end += OVERTIME_MINUTES) out[end - 1] = 0;
  return out;
}
