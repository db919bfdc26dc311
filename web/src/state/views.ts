/** Derived views of the dashboard state: orderings and data freshness. */
import type { GameStatus } from '../../../src/protocol/messages.ts';
import type { GameState } from '../../../packages/client/src/index.ts';

/** Scoreboard rows stay put as games progress: by tip-off, then id. */
export function scoreboardOrder(games: Readonly<Record<string, GameState>>): GameState[] {
  return Object.values(games).sort(byTip);
}

const CARD_RANK: Readonly<Record<GameStatus, number>> = { 'In Progress': 0, Halftime: 0, Final: 1, Scheduled: 2, TBD: 2, Postponed: 2, Cancelled: 2 };

const NOT_STARTED: ReadonlySet<GameStatus> = new Set<GameStatus>(['Scheduled', 'TBD', 'Postponed', 'Cancelled']);

/** Being played or over; a scheduled game, or one that is off (TBD, postponed, cancelled), has no score to show. */
export function tippedOff(status: GameStatus): boolean {
  return !NOT_STARTED.has(status);
}

/** Cards for games that have tipped off, the ones still being played first. */
export function cardOrder(games: Readonly<Record<string, GameState>>): GameState[] {
  return Object.values(games)
    .filter((g) => tippedOff(g.data.status))
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
  TBD: Infinity,
  Postponed: Infinity,
  Cancelled: Infinity,
};

export interface Freshness {
  readonly ageSeconds: number;
  readonly stale: boolean;
}

export function freshness(game: GameState, nowMs: number, clockOffsetMs: number): Freshness {
  const ageSeconds = Math.max(0, Math.floor((nowMs - clockOffsetMs - Date.parse(game.updated_at)) / 1000));
  return { ageSeconds, stale: ageSeconds > STALE_AFTER_S[game.data.status] };
}

/**
 * Where a game stands, for the line under its chart: gathering the minutes its forecast is made
 * from, then, once halftime is reached, the game's own state (the forecast is settled by then).
 */
export type GamePhase =
  | { readonly kind: 'pattern'; readonly minutes: number }
  | { readonly kind: 'halftime' | 'second_half' | 'overtime' | 'final'; readonly lead: number };

export function gamePhase(game: GameState): GamePhase {
  const { status, period, differential: lead } = game.data;
  if (status === 'Final') return { kind: 'final', lead };
  if (status === 'Halftime') return { kind: 'halftime', lead };
  if (status === 'In Progress' && period >= 5) return { kind: 'overtime', lead };
  if (status === 'In Progress' && period >= 3) return { kind: 'second_half', lead };
  return { kind: 'pattern', minutes: game.pattern.length };
}
