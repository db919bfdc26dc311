/**
 * What the broadcaster publishes: per-game messages, through the `MessageSink` port the live
 * pipeline writes to. The Broadcaster is the production sink; tests of the pipeline can use an
 * array-backed one.
 */
import type { ServerMessage } from '../protocol/messages.ts';

export type { MessageSink } from '../domain/message-sink.ts';

/** Messages about one game, fanned out to subscribers; `snapshot` and `error` are per client. */
export type GameMessage = Extract<ServerMessage, { game_id: string }>;
export type GameMessageType = GameMessage['type'];

export const GAME_MESSAGE_TYPES: ReadonlySet<string> = new Set<GameMessageType>([
  'score_update',
  'pattern_progress',
  'ml_prediction',
  'halftime_result',
  'forecast_update',
]);
