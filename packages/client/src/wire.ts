/**
 * The messages of Courtside's WebSocket stream, as plain TypeScript types. The server's zod
 * schemas (`src/protocol/messages.ts`) are the source of truth: `check/wire-check.ts` fails
 * `tsc --noEmit` when these and the schemas stop describing the same values.
 *
 * A newer server may add fields and message types; this client keeps the fields it does not know
 * on the objects it hands out and ignores the message types it does not know.
 */

export type GameStatus = 'Scheduled' | 'In Progress' | 'Halftime' | 'Final' | 'TBD' | 'Postponed' | 'Cancelled';

export interface ScoreUpdateData {
  away_team: string;
  home_team: string;
  away_score: number;
  home_score: number;
  /** Home minus away. */
  differential: number;
  period: number;
  /** Time left in the period, `mm:ss`; empty before tip-off and after the final buzzer. */
  clock: string;
  status: GameStatus;
  /** The game's own date (US Eastern), `YYYY-MM-DD`. */
  game_date: string;
  /** Scheduled tip-off, ISO 8601. */
  start_time: string;
}

export interface ScoreUpdate {
  type: 'score_update';
  seq: number;
  timestamp: string;
  game_id: string;
  data: ScoreUpdateData;
}

export interface PatternProgress {
  type: 'pattern_progress';
  seq: number;
  timestamp: string;
  game_id: string;
  /** Completed game minutes so far (keeps counting past 18, through overtime). */
  minutes_collected: number;
  minutes_needed: number;
  progress_percent: number;
  /** d1..dk: home minus away at the end of each completed minute. */
  pattern: number[];
  /** True while the pattern comes from scoreboard snapshots because play-by-play is unavailable. */
  approximate: boolean;
}

/** The forecast's parts by name; a newer model may add components. */
export type Components = {
  /** The forecast itself, repeated among the components. */
  ensemble_forecast: number;
  dejavu_prediction?: number;
  lstm_prediction?: number;
} & { [component: string]: number };

export interface Prediction {
  point_forecast: number;
  interval_lower: number;
  interval_upper: number;
  coverage_probability: number;
  components: Components;
}

export interface MlPrediction {
  type: 'ml_prediction';
  seq: number;
  timestamp: string;
  game_id: string;
  target: 'halftime_differential';
  prediction: Prediction;
  /** d1..d18, the pattern the forecast was made from. */
  pattern: number[];
  model_version: string;
  approximate: boolean;
  period: number;
  clock: string;
  /** Made after halftime was already known (the service was down from before 18:00 until after it). */
  late?: boolean;
}

export interface HalftimeResult {
  type: 'halftime_result';
  seq: number;
  timestamp: string;
  game_id: string;
  /** d24, the actual halftime differential. */
  actual: number;
  /** Null when the game passed halftime without a forecast. */
  forecast: Prediction | null;
  model_version: string | null;
  /** actual − point_forecast. */
  error: number | null;
  covered: boolean | null;
  approximate: boolean;
  /** True on the exact result that replaces an approximate one already sent: it supersedes it. */
  revised?: boolean;
}

/**
 * How the NBA feed is doing, as the server's `/health` judges it: `failing` from the first poll
 * cycle that fails until the next good one, `stale` after a minute without an answer. A newer
 * server may add states.
 */
export type FeedState = 'ok' | 'failing' | 'stale';

export interface FeedProblem {
  at: string;
  /** The feed document that failed: `scoreboard`, `playbyplay` or `boxscore`. */
  endpoint: string;
  /** Stable: `forbidden`, `not_found`, `rate_limited`, `server_error`, `timeout`, `network`, `circuit_open`, … */
  code: string;
  /** For people: the URL, the HTTP status and what was wrong. */
  message: string;
}

/** Sent to every client when the feed's state changes. */
export interface FeedStatus {
  type: 'feed_status';
  seq: number;
  timestamp: string;
  state: FeedState;
  /** When the feed entered this state. */
  since: string;
  /** When the feed last answered; null if it has not since the server started. */
  last_success_at: string | null;
  /** What went wrong most recently while not `ok`; null when `ok`. */
  last_error: FeedProblem | null;
}

/** A `feed_status` without the message envelope: what a snapshot carries and what the client keeps. */
export type FeedCondition = Omit<FeedStatus, 'type' | 'seq' | 'timestamp'>;

/** A game's `ml_prediction` without the message envelope. */
export type GamePrediction = Omit<MlPrediction, 'type' | 'seq' | 'timestamp' | 'game_id'>;
/** A game's `halftime_result` without the message envelope. */
export type GameHalftime = Omit<HalftimeResult, 'type' | 'seq' | 'timestamp' | 'game_id'>;

/** The published quantile levels: 2.5%, 5%, 10%, 15%, …, 90%, 95%, 97.5%. */
export type QuantileKey =
  | 'q025' | 'q05' | 'q10' | 'q15' | 'q20' | 'q25' | 'q30' | 'q35' | 'q40' | 'q45' | 'q50'
  | 'q55' | 'q60' | 'q65' | 'q70' | 'q75' | 'q80' | 'q85' | 'q90' | 'q95' | 'q975';

/** A predictive distribution of a home-minus-away margin. Central intervals: 50% q25..q75, 80% q10..q90, 95% q025..q975. */
export interface MarginDistribution {
  /** The point forecast (the mean). */
  point: number;
  /** Never decreasing from q025 to q975. */
  quantiles: Record<QuantileKey, number>;
}

/** Sent at the end of every game minute (1..47, and each overtime minute) of a live game. */
export interface ForecastUpdate {
  type: 'forecast_update';
  seq: number;
  timestamp: string;
  game_id: string;
  /** The game minute that just ended. */
  minute: number;
  /** Home minus away at the end of that minute. */
  margin: number;
  /** Who had the ball at the end of that minute; null when unknown. */
  possession: 'home' | 'away' | null;
  /** The final margin, overtime included. */
  final_margin: MarginDistribution;
  /** The halftime margin, until halftime (minutes 1..23); null after. */
  halftime_margin: MarginDistribution | null;
  /** P(home team wins), overtime included. */
  home_win_probability: number;
  model_version: string;
  /** True when the pattern came from scoreboard snapshots rather than play-by-play. */
  approximate: boolean;
}

/** A game's latest `forecast_update` without the message envelope. */
export type MinuteForecast = Omit<ForecastUpdate, 'type' | 'seq' | 'timestamp' | 'game_id'> & {
  /** When it was made (the message's timestamp). */
  made_at: string;
};

/** Everything known about one game: an entry of `snapshot.games`, and the state this client keeps. */
export interface GameSnapshot {
  game_id: string;
  data: ScoreUpdateData;
  pattern: number[];
  approximate: boolean;
  prediction: GamePrediction | null;
  halftime: GameHalftime | null;
  /** The latest `forecast_update` of the game (absent from older servers). */
  minute_forecast?: MinuteForecast | null;
  /** When the feed last changed anything about this game. */
  updated_at: string;
}

export interface Snapshot {
  type: 'snapshot';
  seq: number;
  timestamp: string;
  /** Changes whenever the server's message history is lost; `seq` is comparable only within one epoch. */
  epoch: string;
  games: GameSnapshot[];
  /** Set on a reply to a resume: false when the gap was too old and this snapshot replaces it. */
  resumed?: boolean;
  /** The latest `feed_status`; absent until the server has judged the feed (and from older servers). */
  feed_status?: FeedCondition;
}

export type ErrorCode = 'invalid_json' | 'invalid_message' | 'unknown_type' | 'message_too_large' | 'unknown_game';

/** The server's reply to a client message it could not use; the connection stays open. */
export interface ErrorMessage {
  type: 'error';
  seq: number;
  timestamp: string;
  code: ErrorCode;
  message: string;
}

export type ServerMessage = ScoreUpdate | PatternProgress | MlPrediction | HalftimeResult | FeedStatus | Snapshot | ErrorMessage | ForecastUpdate;
export type ServerMessageType = ServerMessage['type'];
/** The messages about one game, broadcast in `seq` order to its subscribers. */
export type GameMessage = ScoreUpdate | PatternProgress | MlPrediction | HalftimeResult | ForecastUpdate;

export interface Subscribe {
  type: 'subscribe';
  /** Games to receive; an empty list or `"*"` means every game. */
  game_ids: string[] | '*';
}

export interface Resume {
  type: 'resume';
  epoch: string;
  last_seq: number;
}

export type ClientMessage = Subscribe | Resume;
