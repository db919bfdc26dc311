/**
 * The game clock: the one reader of every clock text the NBA has published, its writers, and the
 * arithmetic of periods and minutes.
 */
import { CourtsideError } from '../errors.ts';

export const REGULATION_PERIODS = 4;
export const REGULATION_PERIOD_SECONDS = 720;
export const OVERTIME_PERIOD_SECONDS = 300;
export const REGULATION_SECONDS = REGULATION_PERIODS * REGULATION_PERIOD_SECONDS;

/** Longest clock text quoted back in an error, so a garbage megabyte never reaches a log line whole. */
const QUOTED_MAX = 100;

export class ClockError extends CourtsideError<'invalid_clock'> {
  /** The text as received (cut at 100 characters). */
  readonly text: string;
  constructor(text: string) {
    const quoted = text.length > QUOTED_MAX ? `${text.slice(0, QUOTED_MAX)}…` : text;
    super('invalid_clock', `invalid game clock ${JSON.stringify(quoted)}: expected an ISO duration (PT05M32.00S), m:ss or ss.s`);
    this.text = quoted;
  }
}

/**
 * The forms, case aside: ISO-8601 durations padded or not, with or without fractions or either
 * part (`PT05M04.00S`, `PT5M4S`, `PT5M`, `PT45.2S`, three-digit minutes); `m:ss` and `mm:ss`,
 * fractions allowed (the live feed and stats.nba.com); seconds with tenths in the last minute
 * (`45.2`, data.nba.net). Any surrounding whitespace is ignored.
 */
const ISO_CLOCK = /^PT(?:(\d{1,3})M)?(?:(\d{1,2}(?:\.\d+)?)S)?$/i;
const COLON_CLOCK = /^(\d{1,3}):(\d{2}(?:\.\d+)?)$/;
const LAST_MINUTE_CLOCK = /^()(\d{1,2}\.\d+)$/;

/**
 * Seconds left in the period, or undefined when no clock is shown (`""` or blanks: before
 * tip-off, at some period breaks, after the final buzzer). Throws `ClockError` on anything else.
 */
export function readClock(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const m = ISO_CLOCK.exec(trimmed) ?? COLON_CLOCK.exec(trimmed) ?? LAST_MINUTE_CLOCK.exec(trimmed);
  if (!m || (m[1] === undefined && m[2] === undefined)) throw new ClockError(text);
  const seconds = Number(m[2] ?? 0);
  // 75 seconds are a minute and 15 only in ISO without minutes (`PT75S`); anywhere else, a typo.
  if (seconds >= 60 && m[1] !== undefined) throw new ClockError(text);
  return Number(m[1] || 0) * 60 + seconds;
}

/** `readClock` where a clock must be shown (a play-by-play action): blank is an error too. */
export function parseClock(text: string): number {
  const seconds = readClock(text);
  if (seconds === undefined) throw new ClockError(text);
  return seconds;
}

export function periodLength(period: number): number {
  return period <= REGULATION_PERIODS ? REGULATION_PERIOD_SECONDS : OVERTIME_PERIOD_SECONDS;
}

/** Elapsed game seconds when `period` starts (5-minute periods after the fourth). */
export function periodStart(period: number): number {
  if (!Number.isInteger(period) || period < 1) throw new RangeError(`invalid period ${period}`);
  if (period <= REGULATION_PERIODS) return (period - 1) * REGULATION_PERIOD_SECONDS;
  return REGULATION_SECONDS + (period - REGULATION_PERIODS - 1) * OVERTIME_PERIOD_SECONDS;
}

export function elapsedSeconds(period: number, secondsLeft: number): number {
  return periodStart(period) + periodLength(period) - secondsLeft;
}

/**
 * The game minute (1-based) an instant belongs to: minute k covers elapsed ((k−1)·60, k·60], so an
 * event stamped exactly 6:00 left in Q2 is minute 18. An event at the very start of a period (12:00
 * of Q2, say a technical free throw before the tip) belongs to that period's first minute, never to
 * the previous period's last.
 */
export function minuteOf(period: number, secondsLeft: number): number {
  const byTime = Math.ceil(elapsedSeconds(period, secondsLeft) / 60);
  return Math.max(byTime, periodStart(period) / 60 + 1);
}

/** The last minute of a period: 12, 24, 36, 48, then 53, 58, … for overtimes. */
export function lastMinuteOf(period: number): number {
  return (periodStart(period) + periodLength(period)) / 60;
}

/**
 * `mm:ss` for the wire. Fractions are dropped, so a game just past 18:00 (5:59.9 left in Q2) reads
 * `05:59`, never `06:00`.
 */
export function formatClock(secondsLeft: number): string {
  const whole = Math.floor(secondsLeft + 1e-9);
  const mm = Math.floor(whole / 60);
  const ss = whole % 60;
  return `${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}`;
}

/** The live feed's form: `PT05M32.00S` (what the replay's fake CDN writes). */
export function isoClock(secondsLeft: number): string {
  // Hundredths, rounded down: a clock at 359.999 s must not read 6:00 (that would be before 18:00).
  const hundredths = Math.max(0, Math.floor(secondsLeft * 100 + 1e-6));
  const minutes = Math.floor(hundredths / 6000);
  const seconds = (hundredths % 6000) / 100;
  return `PT${String(minutes).padStart(2, '0')}M${seconds.toFixed(2).padStart(5, '0')}S`;
}
