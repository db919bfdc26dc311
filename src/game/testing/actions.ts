/** Hand-made play-by-play for game-tracking tests: terse to write, live-feed shaped. */
import type { LiveAction } from '../types.ts';

let nextNumber = 1;

/** `clock` as `m:ss` (written into the feed's ISO form), score as [home, away]. */
export function action(period: number, clock: string, kind: string, score: [number, number], extra: Partial<LiveAction> = {}): LiveAction {
  const [m, s] = clock.split(':');
  const n = nextNumber++;
  const [actionType, shotResult, subType] = KINDS[kind] ?? [kind, undefined, undefined];
  return {
    actionNumber: n,
    orderNumber: n * 10_000,
    clock: `PT${String(m).padStart(2, '0')}M${String(s).padStart(2, '0')}.00S`,
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
