/** Derived views of the dashboard state: orderings and data freshness. */
import type { GameStatus } from '../../../src/protocol/messages.ts';
import type { GameState } from '../../../packages/client/src/index.ts';

/** Scoreboard rows stay put as games progress: by tip-off, then id. */
export function scoreboardOrder(games: Readonly<Record<string, GameState>>): GameState[] {
  return Object.values(games).sort(byTip);
}

const CARD_RANK: Readonly<Record<GameStatus, number>> = { 'In Progress': 0, Halftime: 0, Final: 1, Scheduled: 2 };

/** Cards for games that have tipped off, the ones still being played first. */
export function cardOrder(games: Readonly<Record<string, GameState>>): GameState[] {
  return Object.values(games)
    .filter((g) => g.data.status !== 'Scheduled')
    .sort((a, b) => CARD_RANK[a.data.status] - CARD_RANK[b.data.status] || byTip(a, b));
}

function byTip(a: GameState, b: GameState): number {
  return a.data.start_time.localeCompare(b.data.start_time) || a.game_id.localeCompare(b.game_id);
}

/**
 * How long a silent feed is still believable. A running game changes its clock on every poll
 * (10 s), so a minute of silence means the feed stalled; halftime is ~15 minutes of nothing.
 */
const STALE_AFTER_S: Readonly<Record<GameStatus, number>> = {
  'In Progress': 60,
  Halftime: 20 * 60,
  Scheduled: Infinity,
  Final: Infinity,
};

export interface Freshness {
  readonly ageSeconds: number;
  readonly stale: boolean;
}

export function freshness(game: GameState, nowMs: number, clockOffsetMs: number): Freshness {
  const ageSeconds = Math.max(0, Math.floor((nowMs - clockOffsetMs - Date.parse(game.updated_at)) / 1000));
  return { ageSeconds, stale: ageSeconds > STALE_AFTER_S[game.data.status] };
}
