/**
 * Game clock arithmetic. The live feed writes the time left in a period as an ISO-8601 duration
 * (`PT05M32.00S`, minutes sometimes with three digits); older sources write `5:32`.
 */

export const REGULATION_PERIODS = 4;
export const REGULATION_PERIOD_SECONDS = 720;
export const OVERTIME_PERIOD_SECONDS = 300;
export const REGULATION_SECONDS = REGULATION_PERIODS * REGULATION_PERIOD_SECONDS;

export class ClockError extends Error {
  readonly code = 'invalid_clock';
  constructor(readonly text: string) {
    super(`invalid game clock ${JSON.stringify(text)}: expected PTmmMss.ssS or m:ss`);
    this.name = 'ClockError';
  }
}

const ISO_CLOCK = /^PT(?:(\d{1,3})M)?(\d{1,2}(?:\.\d+)?)S$/;
const COLON_CLOCK = /^(\d{1,3}):(\d{2}(?:\.\d+)?)$/;

/** Seconds left in the period. Throws `ClockError` on anything else (including `""`). */
export function parseClock(text: string): number {
  const m = ISO_CLOCK.exec(text) ?? COLON_CLOCK.exec(text);
  if (!m) throw new ClockError(text);
  const seconds = Number(m[2]);
  if (seconds >= 60 && m[1] !== undefined) throw new ClockError(text);
  return Number(m[1] ?? 0) * 60 + seconds;
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
