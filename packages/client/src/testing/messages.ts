/** Terse, valid protocol messages for the client's tests (typed with the client's own wire types). */
import type { FeedCondition, FeedStatus, ForecastUpdate, GameSnapshot, HalftimeResult, MarginDistribution, MlPrediction, QuantileKey, PatternProgress, Prediction, ScoreUpdate, ScoreUpdateData, Snapshot } from '../wire.ts';

export const GAME_A = '0021700001';
export const GAME_B = '0021700002';

const T0 = Date.parse('2017-10-17T23:00:00.000Z');
export const at = (s: number): string => new Date(T0 + s * 1000).toISOString();

export function data(extra: Partial<ScoreUpdateData> = {}): ScoreUpdateData {
  return {
    away_team: 'BOS', home_team: 'CLE', away_score: 10, home_score: 12, differential: 2, period: 1, clock: '06:30',
    status: 'In Progress', game_date: '2017-10-17', start_time: at(0), ...extra,
  };
}

export const PREDICTION: Prediction = {
  point_forecast: 3.4, interval_lower: -7.1, interval_upper: 13.9, coverage_probability: 0.95,
  components: { ensemble_forecast: 3.4, dejavu_prediction: 2.9 },
};

export function game(id: string, extra: Partial<GameSnapshot> = {}): GameSnapshot {
  return { game_id: id, data: data(), pattern: [1, 2], approximate: false, prediction: null, halftime: null, updated_at: at(0), ...extra };
}

export function snapshot(seq: number, games: GameSnapshot[], epoch = 'e1', extra: Partial<Snapshot> = {}): Snapshot {
  return { type: 'snapshot', seq, timestamp: at(seq), epoch, games, ...extra };
}

export function score(seq: number, id: string, extra: Partial<ScoreUpdateData> = {}): ScoreUpdate {
  return { type: 'score_update', seq, timestamp: at(seq), game_id: id, data: data(extra) };
}

export function progress(seq: number, id: string, pattern: number[]): PatternProgress {
  return {
    type: 'pattern_progress', seq, timestamp: at(seq), game_id: id, minutes_collected: pattern.length, minutes_needed: 18,
    progress_percent: Math.min(100, Math.round((pattern.length / 18) * 1000) / 10), pattern, approximate: false,
  };
}

export function forecast(seq: number, id: string): MlPrediction {
  return {
    type: 'ml_prediction', seq, timestamp: at(seq), game_id: id, target: 'halftime_differential', prediction: PREDICTION,
    pattern: Array.from({ length: 18 }, (_, i) => i % 3), model_version: 'baseline-2017-18', approximate: false, period: 2, clock: '05:58',
  };
}

export function halftime(seq: number, id: string, actual: number): HalftimeResult {
  const error = Math.round((actual - PREDICTION.point_forecast) * 10) / 10;
  const covered = actual >= PREDICTION.interval_lower && actual <= PREDICTION.interval_upper;
  return { type: 'halftime_result', seq, timestamp: at(seq), game_id: id, actual, forecast: PREDICTION, model_version: 'baseline-2017-18', error, covered, approximate: false };
}

const KEYS: readonly QuantileKey[] = ['q025', 'q05', 'q10', 'q15', 'q20', 'q25', 'q30', 'q35', 'q40', 'q45', 'q50', 'q55', 'q60', 'q65', 'q70', 'q75', 'q80', 'q85', 'q90', 'q95', 'q975'];

/** A distribution centred on `point`, one point apart per level. */
export function distribution(point: number): MarginDistribution {
  return { point, quantiles: Object.fromEntries(KEYS.map((k, i) => [k, point + i - 10])) as Record<QuantileKey, number> };
}

export function minuteForecast(seq: number, id: string, minute: number, homeWin = 0.6): ForecastUpdate {
  return {
    type: 'forecast_update', seq, timestamp: at(seq), game_id: id, minute, margin: 2, possession: 'home', final_margin: distribution(3.5),
    halftime_margin: minute < 24 ? distribution(1.5) : null, home_win_probability: homeWin, model_version: 'in-game-2017-18-test', approximate: false,
  };
}

/** The feed failing since `since` (seconds after T0) on a 403, or `ok` again. */
export function feedCondition(state: FeedCondition['state'], since: number): FeedCondition {
  const problem = { at: at(since), endpoint: 'scoreboard', code: 'forbidden', message: '403 Forbidden from https://cdn.nba.com/…: HTML page "Access Denied"' };
  return { state, since: at(since), last_success_at: at(since - 10), last_error: state === 'ok' ? null : problem };
}

export function feedStatus(seq: number, state: FeedCondition['state'], since = seq): FeedStatus {
  return { type: 'feed_status', seq, timestamp: at(seq), ...feedCondition(state, since) };
}
