/**
 * Compile-time proof that the client's wire types (`../wire.ts`) describe exactly what the
 * server's zod schemas accept. Not shipped: it imports the server. When `tsc --noEmit` fails on a
 * line here, the protocol changed: update `../wire.ts` (and `../shape.ts`) to match.
 */
import type { z } from 'zod';
import type * as server from '../../../../src/protocol/messages.ts';
import type * as wire from '../wire.ts';
import type { Same } from './same.ts';

type Of<S extends z.ZodType> = z.output<S>;

export const WIRE_MATCHES_SERVER: {
  readonly status: Same<wire.GameStatus, Of<typeof server.GameStatus>>;
  readonly score_update: Same<wire.ScoreUpdate, Of<typeof server.ScoreUpdate>>;
  readonly pattern_progress: Same<wire.PatternProgress, Of<typeof server.PatternProgress>>;
  readonly prediction: Same<wire.Prediction, Of<typeof server.Prediction>>;
  readonly ml_prediction: Same<wire.MlPrediction, Of<typeof server.MlPrediction>>;
  readonly halftime_result: Same<wire.HalftimeResult, Of<typeof server.HalftimeResult>>;
  readonly feed_status: Same<wire.FeedStatus, Of<typeof server.FeedStatus>>;
  readonly feed_condition: Same<wire.FeedCondition, Of<typeof server.FeedCondition>>;
  readonly game_snapshot: Same<wire.GameSnapshot, Of<typeof server.GameSnapshot>>;
  readonly snapshot: Same<wire.Snapshot, Of<typeof server.Snapshot>>;
  readonly error: Same<wire.ErrorMessage, Of<typeof server.ErrorMessage>>;
  readonly forecast_update: Same<wire.ForecastUpdate, Of<typeof server.ForecastUpdate>>;
  readonly minute_forecast: Same<wire.MinuteForecast, Of<typeof server.MinuteForecast>>;
  readonly server_message: Same<wire.ServerMessage, Of<typeof server.ServerMessage>>;
  readonly client_message: Same<wire.ClientMessage, Of<typeof server.ClientMessage>>;
} = {
  status: true,
  score_update: true,
  pattern_progress: true,
  prediction: true,
  ml_prediction: true,
  halftime_result: true,
  feed_status: true,
  feed_condition: true,
  game_snapshot: true,
  snapshot: true,
  error: true,
  forecast_update: true,
  minute_forecast: true,
  server_message: true,
  client_message: true,
};
