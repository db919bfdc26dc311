/** Hand-made play-by-play for game-tracking tests: terse to write, live-feed shaped. */
import { isoClock, parseClock } from '../clock.ts';
import type { LiveAction } from '../types.ts';

let nextNumber = 1;

/** `clock` as `m:ss` (written into the feed's ISO form), score as [home, away]. */
export function action(period: number, clock: string, kind: string, score: [number, number], extra: Partial<LiveAction> = {}): LiveAction {
  const n = nextNumber++;
  const [actionType, shotResult, subType] = KINDS[kind] ?? [kind, undefined, undefined];
  return {
    actionNumber: n,
    orderNumber: n * 10_000,
    clock: isoClock(parseClock(clock)),
    period,
    actionType,
    subType,
    shotResult,
    scoreHome: String(score[0]),
    scoreAway: String(score[1]),
    ...extra,
  };
}

const KINDS: Record<string, [string, string | undefined, string | undefined]> = {
  made2: ['2pt', 'Made', 'Jump Shot'],
  made3: ['3pt', 'Made', 'Jump Shot'],
  miss2: ['2pt', 'Missed', 'Jump Shot'],
  ft: ['freethrow', 'Made', '1 of 1'],
  ftMiss: ['freethrow', 'Missed', '1 of 1'],
  start: ['period', undefined, 'start'],
  end: ['period', undefined, 'end'],
  gameEnd: ['game', undefined, 'end'],
  rebound: ['rebound', undefined, 'defensive'],
  replay: ['instantreplay', undefined, 'challenge'],
};

/** A quiet filler action every `step` seconds so minutes complete, carrying the current score. */
export function fill(period: number, fromSecondsLeft: number, toSecondsLeft: number, score: [number, number], step = 30): LiveAction[] {
  const out: LiveAction[] = [];
  for (let t = fromSecondsLeft; t >= toSecondsLeft; t -= step) {
    out.push(action(period, `${Math.floor(t / 60)}:${String(t % 60).padStart(2, '0')}`, 'rebound', score));
  }
  return out;
}

/**
 * A basket a minute for the first `minutes` minutes, with period ends: at the end of minute k the
 * score is 3k–2k, so home leads by exactly k.
 */
export function basketEachMinute(minutes: number): LiveAction[] {
  const out: LiveAction[] = [];
  for (let k = 1; k <= minutes; k++) {
    const period = k <= 12 ? 1 : 2;
    const left = period * 720 - k * 60 + 30;
    out.push(action(period, `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`, 'made2', [k * 3, k * 2]));
    if (k === 12) out.push(action(1, '0:00', 'end', [36, 24]));
    if (k === 24) out.push(action(2, '0:00', 'end', [72, 48]));
  }
  return out;
}
