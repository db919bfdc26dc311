/**
 * The outbound port of the live pipeline: it hands every per-game message to a sink and never
 * learns about sockets. The Broadcaster is the production sink; tests of the pipeline can use an
 * array-backed one.
 */
import type { ServerMessage, Unsequenced } from '../protocol/messages.ts';

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

export interface MessageSink {
  /**
   * Stamps the next `seq` and delivers; the message must already carry its `timestamp`. Only
   * per-game messages (`GAME_MESSAGE_TYPES`) may be published. Returns the seq it went out with.
   */
  publish(message: Unsequenced<ServerMessage>): number;
}
