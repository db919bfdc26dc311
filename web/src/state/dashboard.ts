/**
 * What the page knows, rebuilt from the WebSocket stream alone: a pure reducer over protocol
 * messages, so the browser state after a reconnect is exactly what the server's snapshot says.
 */
import type { GameSnapshot, ScoreUpdateData, ServerMessage } from '../../../src/protocol/messages.ts';

export type ForecastView = NonNullable<GameSnapshot['prediction']>;
export type HalftimeView = NonNullable<GameSnapshot['halftime']>;

export interface GameView {
  readonly id: string;
  readonly data: ScoreUpdateData;
  /** d1..dk so far. */
  readonly pattern: readonly number[];
  readonly approximate: boolean;
  readonly forecast: ForecastView | null;
  readonly halftime: HalftimeView | null;
  /** Server clock (ms): when the feed last changed anything about this game. */
  readonly updatedAt: number;
}

export interface DashboardState {
  readonly games: Readonly<Record<string, GameView>>;
  /** False until the first snapshot: the page says "waiting" rather than "no games". */
  readonly synced: boolean;
  readonly epoch: string | null;
  readonly lastSeq: number;
  /** Browser clock minus server clock, so freshness is measured on the server's clock. */
  readonly clockOffsetMs: number;
  readonly serverError: string | null;
}

export const EMPTY: DashboardState = {
  games: {},
  synced: false,
  epoch: null,
  lastSeq: -1,
  clockOffsetMs: 0,
  serverError: null,
};

export function applyMessage(state: DashboardState, msg: ServerMessage, receivedAt: number): DashboardState {
  const sentAt = Date.parse(msg.timestamp);
  const clockOffsetMs = receivedAt - sentAt;
  if (msg.type === 'snapshot') {
    const games: Record<string, GameView> = {};
    for (const g of msg.games) games[g.game_id] = fromSnapshot(g);
    return { ...EMPTY, games, synced: true, epoch: msg.epoch, lastSeq: msg.seq, clockOffsetMs };
  }
  // seq only grows on the server; an older one is a duplicate of what a snapshot already holds.
  if (msg.seq <= state.lastSeq) return state;
  const next = { ...state, lastSeq: msg.seq, clockOffsetMs };
  if (msg.type === 'error') return { ...next, serverError: `${msg.code}: ${msg.message}` };
  if (msg.type === 'score_update') {
    const known = state.games[msg.game_id];
    const game: GameView = known
      ? { ...known, data: msg.data, updatedAt: sentAt }
      : { id: msg.game_id, data: msg.data, pattern: [], approximate: false, forecast: null, halftime: null, updatedAt: sentAt };
    return withGame(next, game);
  }
  // The server introduces every game with a score_update (or a snapshot) first.
  const known = state.games[msg.game_id];
  if (!known) return next;
  switch (msg.type) {
    case 'pattern_progress':
      return withGame(next, { ...known, pattern: msg.pattern, approximate: msg.approximate, updatedAt: sentAt });
    case 'ml_prediction': {
      const { type: _t, seq: _s, timestamp: _ts, game_id: _g, ...forecast } = msg;
      return withGame(next, { ...known, forecast });
    }
    case 'halftime_result': {
      const { type: _t, seq: _s, timestamp: _ts, game_id: _g, ...halftime } = msg;
      return withGame(next, { ...known, halftime });
    }
  }
}

function fromSnapshot(g: GameSnapshot): GameView {
  return {
    id: g.game_id,
    data: g.data,
    pattern: g.pattern,
    approximate: g.approximate,
    forecast: g.prediction,
    halftime: g.halftime,
    updatedAt: Date.parse(g.updated_at),
  };
}

function withGame(state: DashboardState, game: GameView): DashboardState {
  return { ...state, games: { ...state.games, [game.id]: game } };
}
