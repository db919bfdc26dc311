/**
 * One example of every message, validated against its schema in tests and shown in
 * `docs/protocol.md`. Numbers are those of a real game (BOS @ CLE, 2017-10-17).
 */
import { QUANTILE_KEYS, type ClientMessage, type QuantileKey, type ServerMessage } from './messages.ts';

const data = {
  away_team: 'BOS', home_team: 'CLE', away_score: 28, home_score: 26, differential: -2,
  period: 1, clock: '06:30', status: 'In Progress' as const, game_date: '2017-10-17', start_time: '2017-10-18T00:01:00Z',
};
const pattern18 = [0, -2, -1, 1, 3, 2, 4, 2, 0, -3, -2, -1, 1, 4, 6, 8, 9, 11];
const prediction = {
  point_forecast: 11.3, interval_lower: 0.6, interval_upper: 22.1, coverage_probability: 0.95,
  components: { dejavu_prediction: 10.9, lstm_prediction: 11.6, ensemble_forecast: 11.3 },
};

const quantiles = (values: readonly number[]) => Object.fromEntries(QUANTILE_KEYS.map((k, i) => [k, values[i] as number])) as Record<QuantileKey, number>;
const minuteForecast = {
  minute: 12, margin: -1, possession: 'away' as const,
  final_margin: { point: 1.5, quantiles: quantiles([-22.4, -18.1, -13.7, -11.3, -9.1, -7, -4.9, -3.3, -1.8, -0.4, 1, 2.2, 3.6, 5, 6.4, 8.1, 10.3, 12.9, 15.5, 19.1, 23.6]) },
  halftime_margin: { point: -0.4, quantiles: quantiles([-15.5, -13.5, -10.7, -8.7, -7.2, -5.9, -4.7, -3.6, -2.6, -1.6, -0.7, 0.3, 1.3, 2.4, 3.4, 4.5, 5.9, 7.3, 9.2, 12.1, 14.9]) },
  home_win_probability: 0.536, model_version: 'in-game-2017-18-865b143c', approximate: false,
};
const feedStatus = {
  state: 'failing' as const, since: '2017-10-18T01:15:03.220Z', last_success_at: '2017-10-18T01:14:52.907Z',
  last_error: {
    at: '2017-10-18T01:15:03.220Z', endpoint: 'scoreboard', code: 'forbidden',
    message: '403 Forbidden from https://cdn.nba.com/static/json/liveData/scoreboard/todaysScoreboard_00.json: HTML page "Access Denied"',
  },
};

export const SERVER_EXAMPLES: Record<ServerMessage['type'], ServerMessage> = {
  score_update: { type: 'score_update', seq: 41, timestamp: '2017-10-18T00:24:10.512Z', game_id: '0021700001', data },
  pattern_progress: {
    type: 'pattern_progress', seq: 57, timestamp: '2017-10-18T00:41:02.003Z', game_id: '0021700001',
    minutes_collected: 12, minutes_needed: 18, progress_percent: 66.7, pattern: pattern18.slice(0, 12), approximate: false,
  },
  ml_prediction: {
    type: 'ml_prediction', seq: 90, timestamp: '2017-10-18T01:02:44.871Z', game_id: '0021700001',
    target: 'halftime_differential', prediction, pattern: pattern18, model_version: 'halftime-2017-18-v1',
    approximate: false, period: 2, clock: '05:52', late: false,
  },
  halftime_result: {
    type: 'halftime_result', seq: 131, timestamp: '2017-10-18T01:15:20.118Z', game_id: '0021700001',
    actual: 13, forecast: prediction, model_version: 'halftime-2017-18-v1', error: 1.7, covered: true, approximate: false, revised: false,
  },
  snapshot: {
    type: 'snapshot', seq: 131, timestamp: '2017-10-18T01:15:21.000Z', epoch: '6f1c2a9e', games: [{
      game_id: '0021700001', data: { ...data, home_score: 54, away_score: 41, differential: 13, period: 2, clock: '00:00', status: 'Halftime' },
      pattern: [...pattern18, 10, 12, 11, 12, 14, 13], approximate: false,
      prediction: { target: 'halftime_differential', prediction, pattern: pattern18, model_version: 'halftime-2017-18-v1', approximate: false, period: 2, clock: '05:52', late: false },
      halftime: { actual: 13, forecast: prediction, model_version: 'halftime-2017-18-v1', error: 1.7, covered: true, approximate: false, revised: false },
      minute_forecast: {
        ...minuteForecast, minute: 24, margin: 13, possession: 'home', halftime_margin: null, home_win_probability: 0.85, made_at: '2017-10-18T01:15:20.119Z',
        final_margin: { point: 10.9, quantiles: quantiles([-9.4, -6.4, -2.6, 0, 2.1, 3.7, 5.3, 6.6, 7.8, 9.1, 10.4, 11.5, 12.7, 14.1, 15.6, 17.2, 18.9, 20.9, 23.1, 26.2, 29.4]) },
      },
      updated_at: '2017-10-18T01:15:20.118Z',
    }],
    feed_status: feedStatus,
  },
  forecast_update: { type: 'forecast_update', seq: 58, timestamp: '2017-10-18T00:41:02.004Z', game_id: '0021700001', ...minuteForecast },
  feed_status: { type: 'feed_status', seq: 128, timestamp: '2017-10-18T01:15:05.013Z', ...feedStatus },
  error: { type: 'error', seq: 131, timestamp: '2017-10-18T01:15:22.000Z', code: 'unknown_type', message: 'unknown message type "subscribe_all"; expected one of: subscribe, resume' },
};

export const CLIENT_EXAMPLES: Record<ClientMessage['type'], ClientMessage> = {
  subscribe: { type: 'subscribe', game_ids: ['0021700001', '0021700002'] },
  resume: { type: 'resume', epoch: '6f1c2a9e', last_seq: 57 },
};
