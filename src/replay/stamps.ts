/**
 * Makes WCTIMESTRING stamps usable as a timeline. What the 2017-18 data shows: stamps are US
 * Eastern (a 7:30 pm tip in Los Angeles reads `10:41 PM`), minute-resolution, and they cross
 * midnight for late games. In game order they mostly rise, with two kinds of exceptions: late-filed
 * rows stamped when they were filed (minutes to hours later), and a few stray values hours off
 * (`1:50 PM` in the middle of an 11 pm fourth quarter). Stray values are dropped by a running
 * median; small bumps are flattened so the timeline never goes backwards. A game whose stamps stay
 * implausible after that is reported, and paced without them.
 */

export interface CleanStamps {
  /** Per row: minutes after midnight of the game date (past 1440 after midnight), or undefined. */
  readonly minutes: ReadonlyArray<number | undefined>;
  /** Why the stamps cannot be trusted; undefined when they can. */
  readonly problem: string | undefined;
}

const DAY = 1440;
/** A first stamp before 6 am belongs to the next day's early hours (a game started before midnight). */
const EARLY_MORNING = 6 * 60;
const MEDIAN_RADIUS = 4;
/** Farther than this from its neighbours' median, a stamp is a stray value, not the game's pace. */
const STRAY_MINUTES = 5;
const MIN_USABLE_SHARE = 0.8;
const MIN_GAME_MINUTES = 60;
const MAX_GAME_MINUTES = 360;

export function cleanStamps(wallClocks: ReadonlyArray<number | undefined>): CleanStamps {
  const unwrapped = unwrap(wallClocks);
  const defined = unwrapped.flatMap((m, i) => (m === undefined ? [] : [i]));
  if (defined.length === 0) return { minutes: unwrapped.map(() => undefined), problem: 'no WCTIMESTRING stamps' };

  const kept: Array<number | undefined> = unwrapped.map(() => undefined);
  const value = (k: number): number => unwrapped[defined[k] as number] as number;
  for (let k = 0; k < defined.length; k++) {
    const from = Math.max(0, k - MEDIAN_RADIUS);
    const to = Math.min(defined.length - 1, k + MEDIAN_RADIUS);
    const m = value(k);
    // A rising window (the usual case) is already sorted: its median needs no sort.
    let rising = true;
    for (let j = from; j < to && rising; j++) rising = value(j) <= value(j + 1);
    let median: number;
    if (rising) median = value(from + ((to - from + 1) >> 1));
    else {
      const window: number[] = [];
      for (let j = from; j <= to; j++) window.push(value(j));
      window.sort((a, b) => a - b);
      median = window[window.length >> 1] as number;
    }
    if (Math.abs(m - median) > STRAY_MINUTES) continue;
    kept[defined[k] as number] = m;
  }
  // A stamp later than one after it was filed late: it happened no later than that one.
  let floor = Infinity;
  for (let i = kept.length - 1; i >= 0; i--) {
    const m = kept[i];
    if (m === undefined) continue;
    floor = Math.min(floor, m);
    kept[i] = floor;
  }

  const usable = kept.filter((m) => m !== undefined) as number[];
  const share = usable.length / wallClocks.length;
  const span = (usable.at(-1) ?? 0) - (usable[0] ?? 0);
  let problem: string | undefined;
  if (share < MIN_USABLE_SHARE) {
    problem = `only ${usable.length} of ${wallClocks.length} WCTIMESTRING stamps are consistent`;
  } else if (span < MIN_GAME_MINUTES || span > MAX_GAME_MINUTES) {
    problem = `WCTIMESTRING stamps span ${span} minutes, not a game's length`;
  }
  return { minutes: kept, problem };
}

/** Places each stamp on the game's own timeline, taking the day that keeps it nearest the previous one. */
function unwrap(wallClocks: ReadonlyArray<number | undefined>): Array<number | undefined> {
  let previous: number | undefined;
  return wallClocks.map((m) => {
    if (m === undefined) return undefined;
    if (previous === undefined) {
      previous = m < EARLY_MORNING ? m + DAY : m;
      return previous;
    }
    const base: number = previous;
    const candidates = [m - DAY, m, m + DAY, m + 2 * DAY];
    previous = candidates.reduce((best, c) => (Math.abs(c - base) < Math.abs(best - base) ? c : best));
    return previous;
  });
}
