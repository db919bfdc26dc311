/**
 * The public wire contract of Courtside's WebSocket stream.
 *
 * Field names and nesting of `score_update`, `pattern_progress` and `ml_prediction` are fixed by
 * the reference design's clients: fields may be added, never removed or renamed. The dashboard
 * and downstream programs import these schemas, so the server never sends a message that does
 * not validate here (the broadcaster checks in tests).
 */
import { z } from 'zod';
import { GAME_STATUSES } from '../domain/game-status.ts';
import { TRIGGER_MINUTE } from '../domain/minutes.ts';

export const GAME_ID = z.string().regex(/^\d{10}$/, 'game_id is 10 digits');
export const TRICODE = z.string().regex(/^[A-Z]{2,4}$/, 'team tricode');
const TIMESTAMP = z.iso.datetime({ offset: true });
const SEQ = z.number().int().nonnegative();
/** Numbers that people read are carried with one decimal. */
const ONE_DECIMAL = z.number().refine((n) => Number.isFinite(n) && Math.round(n * 10) === n * 10, {
  message: 'a number with at most one decimal',
});

export { GAME_STATUSES };
/** The domain's statuses (`src/domain/game-status.ts`), as the wire carries them. */
export const GameStatus = z.enum(GAME_STATUSES);
export type GameStatus = z.infer<typeof GameStatus>;

const envelope = {
  seq: SEQ,
  timestamp: TIMESTAMP,
};

export const ScoreUpdateData = z.object({
  away_team: TRICODE,
  home_team: TRICODE,
  away_score: z.number().int().nonnegative(),
  home_score: z.number().int().nonnegative(),
  /** Home minus away. */
  differential: z.number().int(),
  period: z.number().int().nonnegative(),
  /** Time left in the period, `mm:ss`; empty before tip-off and after the final buzzer. */
  clock: z.string().regex(/^(\d{2,3}:\d{2})?$/),
  status: GameStatus,
  /** The game's own date (US Eastern), never the server's local date. */
  game_date: z.iso.date(),
  /** Scheduled tip-off. */
  start_time: TIMESTAMP,
});
export type ScoreUpdateData = z.infer<typeof ScoreUpdateData>;

export const ScoreUpdate = z.object({
  type: z.literal('score_update'),
  ...envelope,
  game_id: GAME_ID,
  data: ScoreUpdateData,
});
export type ScoreUpdate = z.infer<typeof ScoreUpdate>;

export const PatternProgress = z.object({
  type: z.literal('pattern_progress'),
  ...envelope,
  game_id: GAME_ID,
  /** Completed game minutes so far (keeps counting past 18, through overtime). */
  minutes_collected: z.number().int().nonnegative(),
  minutes_needed: z.number().int().positive(),
  /** minutes_collected / minutes_needed, capped at 100, one decimal. */
  progress_percent: ONE_DECIMAL,
  /** d1..dk: home minus away at the end of each completed minute. */
  pattern: z.array(z.number().int()),
  /** True while the pattern comes from scoreboard snapshots because play-by-play is unavailable. */
  approximate: z.boolean(),
});
export type PatternProgress = z.infer<typeof PatternProgress>;

export const Components = z
  .object({
    /** The forecast itself, repeated among the components for the reference clients. */
    ensemble_forecast: ONE_DECIMAL,
    dejavu_prediction: ONE_DECIMAL.optional(),
    lstm_prediction: ONE_DECIMAL.optional(),
  })
  .catchall(ONE_DECIMAL);
export type Components = z.infer<typeof Components>;

export const Prediction = z.object({
  point_forecast: ONE_DECIMAL,
  interval_lower: ONE_DECIMAL,
  interval_upper: ONE_DECIMAL,
  coverage_probability: z.number().gt(0).lt(1),
  components: Components,
});
export type Prediction = z.infer<typeof Prediction>;

export const MlPrediction = z.object({
  type: z.literal('ml_prediction'),
  ...envelope,
  game_id: GAME_ID,
  /** What is forecast: the home-minus-away differential at halftime (d24). */
  target: z.literal('halftime_differential'),
  prediction: Prediction,
  /** d1..d18, the pattern the forecast was made from. */
  pattern: z.array(z.number().int()).length(TRIGGER_MINUTE),
  model_version: z.string().min(1),
  approximate: z.boolean(),
  /** Where the feed was when the forecast was made (always past 18:00 of game time). */
  period: z.number().int().positive(),
  clock: z.string(),
  /**
   * True when the forecast was made after halftime was already known, because the service was
   * down from before 18:00 until after halftime. It still uses d1..d18 only; don't trade on it.
   * Always sent by this server; optional so that older recordings still validate.
   */
  late: z.boolean().optional(),
});
export type MlPrediction = z.infer<typeof MlPrediction>;

export const HalftimeResult = z.object({
  type: z.literal('halftime_result'),
  ...envelope,
  game_id: GAME_ID,
  /** d24, the actual halftime differential. */
  actual: z.number().int(),
  /** Null when the game passed halftime without a forecast (e.g. the service started late). */
  forecast: Prediction.nullable(),
  model_version: z.string().nullable(),
  /** actual − point_forecast. */
  error: ONE_DECIMAL.nullable(),
  covered: z.boolean().nullable(),
  /** True when d24 came from scoreboard snapshots rather than play-by-play. */
  approximate: z.boolean(),
  /**
   * True on the exact result that replaces an approximate one already sent (once per game, when
   * play-by-play returns with d24): it supersedes the earlier `halftime_result` of the game.
   * Always sent by this server; optional so that older recordings still validate.
   */
  revised: z.boolean().optional(),
});
export type HalftimeResult = z.infer<typeof HalftimeResult>;

/**
 * The published quantile levels of a forecast distribution, as keys: 2.5%, 5%, 10%, 15%, …, 90%,
 * 95%, 97.5%. Central intervals are symmetric pairs (50%: q25..q75, 80%: q10..q90, 95%: q025..q975).
 */
export const QUANTILE_KEYS = [
  'q025', 'q05', 'q10', 'q15', 'q20', 'q25', 'q30', 'q35', 'q40', 'q45', 'q50',
  'q55', 'q60', 'q65', 'q70', 'q75', 'q80', 'q85', 'q90', 'q95', 'q975',
] as const;
export type QuantileKey = (typeof QUANTILE_KEYS)[number];

const QUANTILES = z
  .object(Object.fromEntries(QUANTILE_KEYS.map((k) => [k, ONE_DECIMAL])) as Record<QuantileKey, typeof ONE_DECIMAL>)
  .refine((q) => QUANTILE_KEYS.every((k, i) => i === 0 || q[k] >= q[QUANTILE_KEYS[i - 1] as QuantileKey]), { message: 'quantiles must not decrease from q025 to q975' });

/** A predictive distribution of a home-minus-away margin. */
export const MarginDistribution = z.object({
  /** The point forecast (the mean). */
  point: ONE_DECIMAL,
  quantiles: QUANTILES,
});
export type MarginDistribution = z.infer<typeof MarginDistribution>;

export const ForecastUpdate = z.object({
  type: z.literal('forecast_update'),
  ...envelope,
  game_id: GAME_ID,
  /** The game minute that just ended: 1..47, then each overtime minute (48 too when regulation ends tied). */
  minute: z.number().int().positive(),
  /** Home minus away at the end of that minute. */
  margin: z.number().int(),
  /** Who had the ball at the end of that minute, as play-by-play shows it; null when unknown. */
  possession: z.enum(['home', 'away']).nullable(),
  /** The final margin, overtime included. */
  final_margin: MarginDistribution,
  /** The halftime margin (d24), until halftime (minutes 1..23); null after. */
  halftime_margin: MarginDistribution.nullable(),
  /** P(home team wins), overtime included; three decimals. */
  home_win_probability: z.number().gt(0).lt(1),
  model_version: z.string().min(1),
  /** True when the pattern came from scoreboard snapshots rather than play-by-play. */
  approximate: z.boolean(),
});
export type ForecastUpdate = z.infer<typeof ForecastUpdate>;

/** A game's latest `forecast_update` without the message envelope. */
export const MinuteForecast = ForecastUpdate.omit({ type: true, seq: true, timestamp: true, game_id: true }).extend({
  /** When it was made (the message's timestamp). */
  made_at: TIMESTAMP,
});
export type MinuteForecast = z.infer<typeof MinuteForecast>;

/**
 * How the NBA feed is doing, judged as `/health` judges it: `failing` from the first poll cycle
 * that fails (or while the circuit breaker is open) until the next good one; `stale` when the feed
 * has not answered for over a minute without a cycle failing; `ok` otherwise.
 */
export const FEED_STATES = ['ok', 'failing', 'stale'] as const;
export const FeedState = z.enum(FEED_STATES);
export type FeedState = z.infer<typeof FeedState>;

export const FeedProblem = z.object({
  at: TIMESTAMP,
  /** The feed document that failed: `scoreboard`, `playbyplay` or `boxscore`. */
  endpoint: z.string().min(1),
  /**
   * Stable, for programs: `forbidden`, `not_found`, `rate_limited`, `server_error`, `http_error`,
   * `timeout`, `network`, `invalid_json`, `schema_mismatch`, `circuit_open`, `body_too_large`
   * (more may be added).
   */
  code: z.string().min(1),
  /** For people: the URL, the HTTP status and what was wrong. */
  message: z.string(),
});
export type FeedProblem = z.infer<typeof FeedProblem>;

export const FeedStatus = z.object({
  type: z.literal('feed_status'),
  ...envelope,
  state: FeedState,
  /** When the feed entered this state: the first error of a failure, the last answer before silence, the recovery. */
  since: TIMESTAMP,
  /** When the feed last answered; null if it has not since the server started. */
  last_success_at: TIMESTAMP.nullable(),
  /** What went wrong most recently while the feed is `failing` or `stale`; null when it is `ok`. */
  last_error: FeedProblem.nullable(),
});
export type FeedStatus = z.infer<typeof FeedStatus>;

/** A `feed_status` without its envelope: what a snapshot carries. */
export const FeedCondition = FeedStatus.omit({ type: true, seq: true, timestamp: true });
export type FeedCondition = z.infer<typeof FeedCondition>;

export const GameSnapshot = z.object({
  game_id: GAME_ID,
  data: ScoreUpdateData,
  pattern: z.array(z.number().int()),
  approximate: z.boolean(),
  prediction: MlPrediction.omit({ type: true, seq: true, timestamp: true, game_id: true }).nullable(),
  halftime: HalftimeResult.omit({ type: true, seq: true, timestamp: true, game_id: true }).nullable(),
  /** The latest `forecast_update` of the game. Always sent by this server; optional so that older recordings still validate. */
  minute_forecast: MinuteForecast.nullable().optional(),
  /** When the feed last changed anything about this game. */
  updated_at: TIMESTAMP,
});
export type GameSnapshot = z.infer<typeof GameSnapshot>;

export const Snapshot = z.object({
  type: z.literal('snapshot'),
  ...envelope,
  /** Changes whenever the server's message history is lost; `seq` is comparable only within one epoch. */
  epoch: z.string().min(1),
  games: z.array(GameSnapshot),
  /** Set on a reply to `resume`: false when the gap was too old and this snapshot replaces it. */
  resumed: z.boolean().optional(),
  /** The latest `feed_status`, without its envelope; absent until the server has judged the feed (its first poll). */
  feed_status: FeedCondition.optional(),
});
export type Snapshot = z.infer<typeof Snapshot>;

export const ERROR_CODES = [
  'invalid_json',
  'invalid_message',
  'unknown_type',
  'message_too_large',
  'unknown_game',
] as const;
export const ErrorMessage = z.object({
  type: z.literal('error'),
  ...envelope,
  code: z.enum(ERROR_CODES),
  message: z.string(),
});
export type ErrorMessage = z.infer<typeof ErrorMessage>;

export const ServerMessage = z.discriminatedUnion('type', [
  ScoreUpdate,
  PatternProgress,
  MlPrediction,
  HalftimeResult,
  FeedStatus,
  Snapshot,
  ErrorMessage,
  ForecastUpdate,
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
export type ServerMessageType = ServerMessage['type'];

// Client → server.
export const Subscribe = z.object({
  type: z.literal('subscribe'),
  /** Games to receive; an empty list or `"*"` means every game (the default on connect). */
  game_ids: z.union([z.array(GAME_ID).max(100), z.literal('*')]),
});
export const Resume = z.object({
  type: z.literal('resume'),
  epoch: z.string().min(1),
  last_seq: SEQ,
});
export const ClientMessage = z.discriminatedUnion('type', [Subscribe, Resume]);
export type ClientMessage = z.infer<typeof ClientMessage>;
export const CLIENT_MESSAGE_TYPES = ['subscribe', 'resume'] as const;

/** A message as built by the service, before the broadcaster stamps `seq`. */
export type Unsequenced<M> = M extends unknown ? Omit<M, 'seq'> : never;

/** Rounds to the one decimal the protocol carries. */
export function oneDecimal(n: number): number {
  const r = Math.round(n * 10) / 10;
  return Object.is(r, -0) ? 0 : r;
}
