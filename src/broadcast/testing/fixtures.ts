/** Valid protocol messages for broadcaster tests, terse to write. */
import type { FeedStatus, GameSnapshot, HalftimeResult, MlPrediction, PatternProgress, ScoreUpdate, Unsequenced } from '../../protocol/messages.ts';

export const GAME_A = '0021700001';
export const GAME_B = '0021700002';
export const GAME_C = '0021700003';

const TIPOFF = '2017-10-17T23:30:00Z';
const TEAMS: Record<string, [home: string, away: string]> = {
  [GAME_A]: ['CLE', 'BOS'],
  [GAME_B]: ['GSW', 'HOU'],
  [GAME_C]: ['DET', 'CHA'],
};

function teamsOf(gameId: string): [string, string] {
  return TEAMS[gameId] ?? ['NYK', 'BKN'];
}

export function scoreUpdate(gameId: string, home: number, away: number, period = 1, clock = '06:30'): Unsequenced<ScoreUpdate> {
  const [homeTeam, awayTeam] = teamsOf(gameId);
  return {
    type: 'score_update',
    timestamp: '2017-10-18T00:01:00Z',
    game_id: gameId,
    data: {
      away_team: awayTeam,
      home_team: homeTeam,
      away_score: away,
      home_score: home,
      differential: home - away,
      period,
      clock,
      status: 'In Progress',
      game_date: '2017-10-17',
      start_time: TIPOFF,
    },
  };
}

export function patternProgress(gameId: string, pattern: number[]): Unsequenced<PatternProgress> {
  return {
    type: 'pattern_progress',
    timestamp: '2017-10-18T00:02:00Z',
    game_id: gameId,
    minutes_collected: pattern.length,
    minutes_needed: 18,
    progress_percent: Math.min(100, Math.round((pattern.length / 18) * 1000) / 10),
    pattern,
    approximate: false,
  };
}

export const PATTERN_18 = [0, 2, 2, 4, 1, -1, 0, 3, 5, 5, 7, 6, 8, 10, 9, 11, 12, 12];

export function mlPrediction(gameId: string): Unsequenced<MlPrediction> {
  return {
    type: 'ml_prediction',
    timestamp: '2017-10-18T00:40:00Z',
    game_id: gameId,
    target: 'halftime_differential',
    prediction: {
      point_forecast: 13.4,
      interval_lower: 2.5,
      interval_upper: 24.3,
      coverage_probability: 0.95,
      components: { ensemble_forecast: 13.4 },
    },
    pattern: PATTERN_18,
    model_version: 'baseline-test',
    approximate: false,
    period: 2,
    clock: '05:58',
  };
}

export function halftimeResult(gameId: string, actual: number): Unsequenced<HalftimeResult> {
  const forecast = mlPrediction(gameId).prediction;
  return {
    type: 'halftime_result',
    timestamp: '2017-10-18T00:55:00Z',
    game_id: gameId,
    actual,
    forecast,
    model_version: 'baseline-test',
    error: Math.round((actual - forecast.point_forecast) * 10) / 10,
    covered: actual >= forecast.interval_lower && actual <= forecast.interval_upper,
    approximate: false,
  };
}

export function gameSnapshot(gameId: string, home = 0, away = 0): GameSnapshot {
  const { data } = scoreUpdate(gameId, home, away);
  return { game_id: gameId, data, pattern: [], approximate: false, prediction: null, halftime: null, updated_at: TIPOFF };
}

/** The feed failing on a 403 since 01:15, or `ok` again. */
export function feedStatus(state: FeedStatus['state']): Unsequenced<FeedStatus> {
  const at = '2017-10-18T01:15:03.220Z';
  const problem = { at, endpoint: 'scoreboard', code: 'forbidden', message: '403 Forbidden from http://127.0.0.1/scoreboard: HTML page "Access Denied"' };
  return { type: 'feed_status', timestamp: at, state, since: at, last_success_at: '2017-10-18T01:14:52.907Z', last_error: state === 'ok' ? null : problem };
}
