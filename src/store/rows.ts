/** Table rows and their mapping to the port's records: the only place column names meet field names. */
import type { GameContext } from '../model/predictor.ts';
import type { GameStatus } from '../domain/game-status.ts';
import type { HalftimeInput, StoredForecast, StoredGame, StoredHalftime } from '../service/store-port.ts';

export interface GameRow {
  game_id: string;
  game_date: string;
  start_time: string;
  home_team: string;
  away_team: string;
  status: string;
  home_score: number;
  away_score: number;
  period: number;
  clock: string;
  updated_at: string;
}

export interface MinuteRow {
  game_id: string;
  minute: number;
  differential: number;
  exact: 0 | 1;
}

export interface ForecastRow {
  idempotency_key: string;
  game_id: string;
  model_version: string;
  pattern: string;
  context: string;
  point: number;
  lower: number;
  upper: number;
  coverage: number;
  components: string;
  approximate: 0 | 1;
  late: 0 | 1;
  period: number;
  clock: string;
  created_at: string;
  seq: number | null;
}

export interface HalftimeRow {
  game_id: string;
  actual: number;
  model_version: string | null;
  error: number | null;
  covered: 0 | 1 | null;
  approximate: 0 | 1;
  recorded_at: string;
  revised: 0 | 1;
  seq: number | null;
}

export function gameToRow(g: StoredGame): GameRow {
  return {
    game_id: g.gameId,
    game_date: g.gameDate,
    start_time: g.startTime,
    home_team: g.homeTeam,
    away_team: g.awayTeam,
    status: g.status,
    home_score: g.homeScore,
    away_score: g.awayScore,
    period: g.period,
    clock: g.clock,
    updated_at: g.updatedAt,
  };
}

export function gameFromRow(r: GameRow): StoredGame {
  return {
    gameId: r.game_id,
    gameDate: r.game_date,
    startTime: r.start_time,
    homeTeam: r.home_team,
    awayTeam: r.away_team,
    // Only validated statuses are ever written.
    status: r.status as GameStatus,
    homeScore: r.home_score,
    awayScore: r.away_score,
    period: r.period,
    clock: r.clock,
    updatedAt: r.updated_at,
  };
}

export function forecastToRow(f: Omit<StoredForecast, 'seq'>): Omit<ForecastRow, 'seq'> {
  return {
    idempotency_key: f.key,
    game_id: f.gameId,
    model_version: f.modelVersion,
    pattern: JSON.stringify(f.pattern),
    context: JSON.stringify(f.context),
    point: f.point,
    lower: f.lower,
    upper: f.upper,
    coverage: f.coverage,
    components: JSON.stringify(f.components),
    approximate: f.approximate ? 1 : 0,
    late: f.late ? 1 : 0,
    period: f.period,
    clock: f.clock,
    created_at: f.createdAt,
  };
}

export function forecastFromRow(r: ForecastRow): StoredForecast {
  return {
    key: r.idempotency_key,
    gameId: r.game_id,
    modelVersion: r.model_version,
    pattern: JSON.parse(r.pattern) as number[],
    context: JSON.parse(r.context) as GameContext,
    point: r.point,
    lower: r.lower,
    upper: r.upper,
    coverage: r.coverage,
    components: JSON.parse(r.components) as Record<string, number>,
    approximate: r.approximate === 1,
    late: r.late === 1,
    period: r.period,
    clock: r.clock,
    createdAt: r.created_at,
    seq: r.seq,
  };
}

export function halftimeToRow(h: HalftimeInput): Omit<HalftimeRow, 'seq' | 'revised'> {
  return {
    game_id: h.gameId,
    actual: h.actual,
    model_version: h.modelVersion,
    error: h.error,
    covered: h.covered === null ? null : h.covered ? 1 : 0,
    approximate: h.approximate ? 1 : 0,
    recorded_at: h.recordedAt,
  };
}

export function halftimeFromRow(r: HalftimeRow): StoredHalftime {
  return {
    gameId: r.game_id,
    actual: r.actual,
    modelVersion: r.model_version,
    error: r.error,
    covered: r.covered === null ? null : r.covered === 1,
    approximate: r.approximate === 1,
    recordedAt: r.recorded_at,
    revised: r.revised === 1,
    seq: r.seq,
  };
}
