/**
 * The minute pattern d1..dk from play-by-play, with exactly the semantics of the dataset
 * (`minute_diffs.csv`): d_k is home − away after every scoring action stamped at or before elapsed
 * k·60, ordered by period and clock (then `orderNumber`), never by `actionNumber`, because late-filed
 * actions exist. Only made field goals and free throws carry the score: other actions (period starts,
 * replays) can carry a stale one.
 */
import { lastMinuteOf, minuteOf, parseClock } from './clock.ts';
import type { LiveAction } from './types.ts';

export interface GamePosition {
  readonly period: number;
  readonly secondsLeft: number;
}

export interface MinutePattern {
  /** d1..dk for every completed minute k (overtime minutes follow d48). */
  readonly pattern: number[];
  /** The furthest point of the game the actions reach; undefined when there are none. */
  readonly position: GamePosition | undefined;
  /** Score after the last scoring action. */
  readonly homeScore: number;
  readonly awayScore: number;
  /** Scoring actions whose score is below an earlier one's: a feed glitch worth logging. */
  readonly backwardScores: number[];
}

interface Scoring {
  readonly minute: number;
  readonly period: number;
  readonly secondsLeft: number;
  readonly order: number;
  readonly home: number;
  readonly away: number;
  readonly actionNumber: number;
}

const SCORING_TYPES = new Set(['2pt', '3pt', 'freethrow']);
const isScoring = (a: LiveAction): boolean => a.shotResult === 'Made' && SCORING_TYPES.has(a.actionType);
/** Actions after which nothing more can happen in their period. */
const closesPeriod = (a: LiveAction): boolean =>
  a.subType === 'end' && (a.actionType === 'period' || a.actionType === 'game');

/** What one action tells the pattern, worked out once per action. */
interface Reading {
  readonly secondsLeft: number;
  /** The last minute this action shows complete. */
  readonly completes: number;
  readonly scoring: Scoring | undefined;
}

/**
 * Readings of frozen actions: the feed reader hands back the same frozen object while an action's
 * bytes are unchanged, so a live game's ~500 actions are read once, not on every poll.
 */
const readings = new WeakMap<LiveAction, Reading>();

function read(a: LiveAction): Reading {
  const known = readings.get(a);
  if (known) return known;
  const secondsLeft = parseClock(a.clock);
  const minute = minuteOf(a.period, secondsLeft);
  const reading: Reading = {
    secondsLeft,
    // A minute is complete once the game is seen past it, or its period is closed.
    completes: closesPeriod(a) ? lastMinuteOf(a.period) : minute - 1,
    scoring: isScoring(a)
      ? { minute, period: a.period, secondsLeft, order: a.orderNumber, home: Number(a.scoreHome), away: Number(a.scoreAway), actionNumber: a.actionNumber }
      : undefined,
  };
  // An action that is not frozen could change under the same identity.
  if (Object.isFrozen(a)) readings.set(a, reading);
  return reading;
}

export function buildMinutePattern(actions: readonly LiveAction[]): MinutePattern {
  // The same actionNumber twice (a feed that repeats a row): the later copy is the edited one.
  const unique = new Map<number, LiveAction>();
  for (const a of actions) unique.set(a.actionNumber, a);

  const scoring: Scoring[] = [];
  let completed = 0;
  let position: GamePosition | undefined;
  for (const a of unique.values()) {
    const { secondsLeft, completes, scoring: score } = read(a);
    completed = Math.max(completed, completes);
    if (!position || a.period > position.period || (a.period === position.period && secondsLeft < position.secondsLeft)) {
      position = { period: a.period, secondsLeft };
    }
    if (score) scoring.push(score);
  }
  scoring.sort((x, y) => x.period - y.period || y.secondsLeft - x.secondsLeft || x.order - y.order);

  const pattern: number[] = [];
  const backwardScores: number[] = [];
  let home = 0;
  let away = 0;
  let next = 0;
  /** Applies every scoring action up to and including `minute`. */
  const scoreThrough = (minute: number): void => {
    for (let s = scoring[next]; s && s.minute <= minute; s = scoring[++next]) {
      if (s.home < home || s.away < away) backwardScores.push(s.actionNumber);
      home = s.home;
      away = s.away;
    }
  };
  for (let k = 1; k <= completed; k++) {
    scoreThrough(k);
    pattern.push(home - away);
  }
  scoreThrough(Number.POSITIVE_INFINITY);
  return { pattern, position, homeScore: home, awayScore: away, backwardScores };
}
