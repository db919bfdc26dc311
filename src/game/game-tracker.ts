/**
 * Everything Courtside knows about one game, advanced by what the feed shows and answering with
 * the events the service must act on. Pure: no I/O, no timers, no clock of its own.
 */
import { formatClock, lastMinuteOf, type ClockError } from './clock.ts';
import { buildMinutePattern, type MinutePattern } from './pattern.ts';
import { ScoreboardPattern, TIP_OFF } from './scoreboard-pattern.ts';
import { readScoreboard } from './scoreboard-reading.ts';
import { isOff, type GameStatus } from './status.ts';
import type { LiveAction, ScoreboardObservation } from './types.ts';

export const TRIGGER_MINUTE = 18;
export const HALFTIME_MINUTE = 24;
/**
 * Failed play-by-play polls after the final buzzer before an approximate pattern is accepted as
 * all there will be (about five minutes at the live cadence).
 */
export const FINAL_RETRIES = 30;

export interface GameInfo {
  readonly gameId: string;
  readonly homeTeam: string;
  readonly awayTeam: string;
  /** The game's own date (US Eastern), `YYYY-MM-DD`. */
  readonly gameDate: string;
  /** Scheduled tip-off, ISO-8601. */
  readonly startTime: string;
}

export interface ScoreState {
  readonly homeScore: number;
  readonly awayScore: number;
  readonly period: number;
  /** `mm:ss`, or `""` when the clock is not shown (before tip-off, after the final buzzer). */
  readonly clock: string;
  readonly status: GameStatus;
}

export type TrackerEvent =
  | { readonly kind: 'score'; readonly score: ScoreState }
  | { readonly kind: 'minutes'; readonly pattern: readonly number[]; readonly approximate: boolean }
  | {
      readonly kind: 'trigger';
      readonly pattern: readonly number[];
      readonly approximate: boolean;
      readonly period: number;
      readonly clock: string;
      /** Made after halftime was already known (the service was down across 18:00–24:00). */
      readonly late: boolean;
    }
  | { readonly kind: 'halftime'; readonly actual: number; readonly approximate: boolean }
  /** The exact d24 of a game whose halftime was first known only approximately (once per game). */
  | { readonly kind: 'halftime_revised'; readonly actual: number }
  | { readonly kind: 'final' };

/** What survives a restart (see the store): a restored tracker never triggers or grades twice. */
export interface TrackerMemory {
  readonly pattern: readonly number[];
  readonly approximate: boolean;
  readonly triggered: boolean;
  readonly halftimeKnown: boolean;
  /** Halftime was known from scoreboard snapshots only: the exact d24 is still owed. */
  readonly halftimeApproximate?: boolean;
  /** The last scoreboard state, so the first poll after a restart sends only what changed. */
  readonly score?: ScoreState;
}

export class GameTracker {
  #score: ScoreState = { homeScore: 0, awayScore: 0, period: 0, clock: '', status: 'Scheduled' };
  #exact: MinutePattern | undefined;
  /** The actions `#exact` was built from. */
  #actions: readonly LiveAction[] = [];
  #playByPlayAvailable = true;
  readonly #scoreboard = new ScoreboardPattern();
  #pattern: readonly number[] = [];
  #approximate = false;
  #triggered = false;
  #halftimeKnown = false;
  #halftimeApproximate = false;
  #final = false;
  #finalPeriod = 0;
  #finalSent = false;
  #failuresSinceFinal = 0;
  /** Followed before its halftime was known: owed a forecast even if an outage spans 18:00–24:00. */
  #seenBeforeHalftime = false;
  #latest: { status: number; period: number; secondsLeft: number | undefined } | undefined;
  #clockError: ClockError | undefined;
  /** The score has been told once: a game first seen on the board is announced even at 0-0, so a client greeted before it appeared learns of it. */
  #scoreTold = false;

  constructor(readonly info: GameInfo, memory?: TrackerMemory) {
    if (memory) {
      this.#pattern = [...memory.pattern];
      this.#approximate = memory.approximate;
      this.#triggered = memory.triggered;
      this.#halftimeKnown = memory.halftimeKnown;
      this.#halftimeApproximate = memory.halftimeApproximate ?? false;
      if (memory.score) {
        this.#score = memory.score;
        this.#scoreTold = true;
      }
      this.#seenBeforeHalftime = !memory.halftimeKnown;
    }
  }

  get score(): ScoreState {
    return this.#score;
  }
  get pattern(): readonly number[] {
    return this.#pattern;
  }
  get approximate(): boolean {
    return this.#approximate;
  }
  get triggered(): boolean {
    return this.#triggered;
  }
  /** Final on the scoreboard and every minute of the pattern collected, exactly. */
  get complete(): boolean {
    return this.#full && !this.#approximate;
  }

  /**
   * Nothing more to wait for: complete, or final with an approximate pattern that play-by-play
   * has refused to make exact for `FINAL_RETRIES` polls, or off (TBD, postponed, cancelled) for
   * as long as the scoreboard says so.
   */
  get settled(): boolean {
    return this.#over || isOff(this.#score.status);
  }

  get #over(): boolean {
    return this.complete || (this.#final && this.#failuresSinceFinal >= FINAL_RETRIES);
  }

  /** The latest scoreboard entry's clock, when it could not be read (the game went on without it). */
  get clockError(): ClockError | undefined {
    return this.#clockError;
  }

  get #full(): boolean {
    return this.#final && this.#pattern.length >= lastMinuteOf(Math.max(this.#finalPeriod, 4));
  }
  /** Backward scores seen in the latest play-by-play (action numbers), for logging. */
  get backwardScores(): readonly number[] {
    return this.#exact?.backwardScores ?? [];
  }

  observeScoreboard(obs: ScoreboardObservation): TrackerEvent[] {
    const events: TrackerEvent[] = [];
    const { status, secondsLeft, clockError } = readScoreboard(obs);
    this.#clockError = clockError;
    // A stale copy from a lagging CDN edge must never take the game back in time.
    if (isEarlier(obs, secondsLeft, this.#latest)) return [];
    this.#latest = { status: obs.gameStatus, period: obs.period, secondsLeft };
    const next: ScoreState = {
      homeScore: obs.homeScore,
      awayScore: obs.awayScore,
      period: obs.period,
      clock: secondsLeft === undefined || obs.gameStatus !== 2 ? '' : formatClock(secondsLeft),
      status,
    };
    if (!this.#scoreTold || !sameScore(next, this.#score)) events.push({ kind: 'score', score: next });
    this.#score = next;
    this.#scoreTold = true;
    if (obs.gameStatus === 3 && !isOff(status)) {
      this.#final = true;
      this.#finalPeriod = obs.period;
    }
    if (obs.gameStatus === 1 || (obs.gameStatus === 2 && obs.period <= 2 && next.status !== 'Halftime')) this.#seenBeforeHalftime = true;
    if (obs.gameStatus === 1) this.#scoreboard.observe(TIP_OFF, false);
    // A live game whose clock is not known gives no point: nothing is invented.
    if (obs.period > 0 && (obs.gameStatus === 3 || (obs.gameStatus === 2 && secondsLeft !== undefined))) {
      this.#scoreboard.observe(
        { period: obs.period, secondsLeft: secondsLeft ?? 0, home: obs.homeScore, away: obs.awayScore },
        obs.gameStatus === 3,
      );
    }
    return [...events, ...this.#recompute()];
  }

  observePlayByPlay(actions: readonly LiveAction[]): TrackerEvent[] {
    // A new body with the very same (frozen) actions, e.g. only `meta.time` moved: nothing to rebuild.
    if (!this.#exact || !sameFrozenActions(actions, this.#actions)) this.#exact = buildMinutePattern(actions);
    this.#actions = actions;
    this.#playByPlayAvailable = true;
    return this.#recompute();
  }

  /** Play-by-play could not be had (403, errors): carry on from the scoreboard, approximately. */
  playByPlayUnavailable(): TrackerEvent[] {
    this.#playByPlayAvailable = false;
    if (this.#final) this.#failuresSinceFinal += 1;
    return this.#recompute();
  }

  /** Play-by-play answered 304: what we have is still the latest. */
  playByPlayUnchanged(): TrackerEvent[] {
    if (this.#exact) this.#playByPlayAvailable = true;
    return this.#recompute();
  }

  #recompute(): TrackerEvent[] {
    const exact = this.#exact?.pattern ?? [];
    let pattern: readonly number[] = exact;
    let approximate = false;
    if (!this.#playByPlayAvailable) {
      const extra = this.#scoreboard.minutes(exact.length + 1);
      if (extra.length > 0) {
        pattern = [...exact, ...extra];
        approximate = true;
      }
    }
    // A restored pattern stands until the feed shows at least as much again.
    if (pattern.length < this.#pattern.length && this.#exact === undefined) return this.#milestones();
    const events: TrackerEvent[] = [];
    if (approximate !== this.#approximate || !samePattern(pattern, this.#pattern)) {
      this.#pattern = pattern;
      this.#approximate = approximate;
      events.push({ kind: 'minutes', pattern, approximate });
    }
    return [...events, ...this.#milestones()];
  }

  #milestones(): TrackerEvent[] {
    const events: TrackerEvent[] = [];
    const minutes = this.#pattern.length;
    if (!this.#triggered && minutes >= TRIGGER_MINUTE) {
      this.#triggered = true;
      const late = minutes >= HALFTIME_MINUTE;
      // First seen after halftime: a forecast of a known result would be no forecast at all. A game
      // followed earlier is still owed its one forecast from d1..d18, flagged late.
      if (!late || this.#seenBeforeHalftime) {
        const where = this.#exact?.position;
        const period = where && this.#playByPlayAvailable ? where.period : this.#score.period;
        const clock = where && this.#playByPlayAvailable ? formatClock(where.secondsLeft) : this.#score.clock;
        events.push({ kind: 'trigger', pattern: this.#pattern.slice(0, TRIGGER_MINUTE), approximate: this.#approximate, period, clock, late });
      }
    }
    const d24 = this.#pattern[HALFTIME_MINUTE - 1] ?? 0;
    if (!this.#halftimeKnown && minutes >= HALFTIME_MINUTE) {
      this.#halftimeKnown = true;
      this.#halftimeApproximate = this.#approximate;
      events.push({ kind: 'halftime', actual: d24, approximate: this.#approximate });
    } else if (this.#halftimeApproximate && !this.#approximate && minutes >= HALFTIME_MINUTE) {
      this.#halftimeApproximate = false;
      events.push({ kind: 'halftime_revised', actual: d24 });
    }
    if (this.#over && !this.#finalSent) {
      this.#finalSent = true;
      events.push({ kind: 'final' });
    }
    return events;
  }
}

/** Earlier in the game than what was already seen: status, then period, then clock. */
function isEarlier(obs: ScoreboardObservation, secondsLeft: number | undefined, latest: { status: number; period: number; secondsLeft: number | undefined } | undefined): boolean {
  if (!latest) return false;
  if (obs.gameStatus !== latest.status) return obs.gameStatus < latest.status;
  if (obs.period !== latest.period) return obs.period < latest.period;
  return secondsLeft !== undefined && latest.secondsLeft !== undefined && secondsLeft > latest.secondsLeft;
}

function sameScore(a: ScoreState, b: ScoreState): boolean {
  return a.homeScore === b.homeScore && a.awayScore === b.awayScore && a.period === b.period && a.clock === b.clock && a.status === b.status;
}

/** Element for element the same objects, all frozen (so none can have changed since). */
function sameFrozenActions(a: readonly LiveAction[], b: readonly LiveAction[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] || !Object.isFrozen(a[i])) return false;
  return true;
}

function samePattern(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
