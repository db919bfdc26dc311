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

/** Messages about the service itself (its feed), numbered like game messages but sent to every client. */
export type ServiceMessage = Extract<ServerMessage, { type: 'feed_status' }>;
/** What `publish` takes: numbered by `seq`, logged and resumable. */
export type BroadcastMessage = GameMessage | ServiceMessage;
export type BroadcastMessageType = BroadcastMessage['type'];

export const SERVICE_MESSAGE_TYPES: ReadonlySet<string> = new Set<ServiceMessage['type']>(['feed_status']);

export function isBroadcastType(type: unknown): type is BroadcastMessageType {
  return typeof type === 'string' && (GAME_MESSAGE_TYPES.has(type) || SERVICE_MESSAGE_TYPES.has(type));
}
