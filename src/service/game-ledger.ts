/**
 * Each game as the published messages tell it. Every message carries the whole of what it is
 * about (the score, the pattern so far, the forecast, the grade), so folding a stream of them in
 * order gives the games' state as of its last message: what an edge snapshots from, and what a
 * poller that takes over picks the night up from, so that it publishes nothing twice.
 */
import { GameTracker, type GameInfo } from '../game/game-tracker.ts';
import type { GameSnapshot, HalftimeResult, MlPrediction, ScoreUpdateData, ServerMessage } from '../protocol/messages.ts';
import { TrackedGame, type ForecastRecord, type HalftimeRecord } from './tracked-game.ts';

interface Told {
  /** The seq of the first message about the game: games are listed in that order, whatever order they were told in. */
  firstSeq: number;
  data: ScoreUpdateData | undefined;
  pattern: readonly number[];
  approximate: boolean;
  forecast: ForecastRecord | undefined;
  halftime: HalftimeRecord | undefined;
  updatedAt: string;
}

export class GameLedger {
  readonly #games = new Map<string, Told>();

  get size(): number {
    return this.#games.size;
  }

  /** Messages other than the per-game ones (`snapshot`, `error`) tell nothing here and are ignored. */
  apply(message: ServerMessage): void {
    if (!('game_id' in message)) return;
    const told = this.#told(message.game_id, message.seq, message.timestamp);
    told.updatedAt = message.timestamp;
    switch (message.type) {
      case 'score_update':
        told.data = message.data;
        return;
      case 'pattern_progress':
        told.pattern = message.pattern;
        told.approximate = message.approximate;
        return;
      case 'ml_prediction':
        told.forecast = forecastOf(message);
        return;
      case 'halftime_result':
        told.halftime = halftimeOf(message);
        return;
    }
  }

  /** Drops what was told about a game (an edge no longer following it). */
  forget(gameId: string): void {
    this.#games.delete(gameId);
  }

  /** Games whose score has been told (a game is known by its first `score_update`), in the stream's order. */
  snapshot(): GameSnapshot[] {
    const games: GameSnapshot[] = [];
    for (const [gameId, told] of this.#inOrder()) {
      if (!told.data) continue;
      games.push({
        game_id: gameId,
        data: told.data,
        pattern: [...told.pattern],
        approximate: told.approximate,
        prediction: told.forecast ? (({ raw: _raw, ...wire }) => wire)(told.forecast) : null,
        halftime: told.halftime ?? null,
        updated_at: told.updatedAt,
      });
    }
    return games;
  }

  /**
   * The games as trackers that go on from where the messages left off: a forecast or grade told is
   * made and sent (never made again), the score and pattern told are not told again.
   */
  records(): TrackedGame[] {
    const records: TrackedGame[] = [];
    for (const [gameId, told] of this.#inOrder()) {
      const data = told.data;
      if (!data) continue;
      const info: GameInfo = { gameId, homeTeam: data.home_team, awayTeam: data.away_team, gameDate: data.game_date, startTime: data.start_time };
      const tracker = GameTracker.restore(info, {
        pattern: told.pattern,
        approximate: told.approximate,
        triggered: told.forecast !== undefined,
        halftimeKnown: told.halftime !== undefined,
        halftimeApproximate: told.halftime?.approximate ?? false,
        score: { homeScore: data.home_score, awayScore: data.away_score, period: data.period, clock: data.clock, status: data.status },
      });
      const record = new TrackedGame(tracker, Date.parse(told.updatedAt));
      record.forecast = record.sent.forecast = told.forecast;
      record.halftime = record.sent.halftime = told.halftime;
      records.push(record);
    }
    return records;
  }

  #inOrder(): Array<[string, Told]> {
    return [...this.#games].sort(([, a], [, b]) => a.firstSeq - b.firstSeq);
  }

  #told(gameId: string, seq: number, timestamp: string): Told {
    let told = this.#games.get(gameId);
    if (!told) {
      told = { firstSeq: seq, data: undefined, pattern: [], approximate: false, forecast: undefined, halftime: undefined, updatedAt: timestamp };
      this.#games.set(gameId, told);
    }
    return told;
  }
}

function forecastOf(message: MlPrediction): ForecastRecord {
  const { type: _t, seq: _s, timestamp: _ts, game_id: _g, ...wire } = message;
  const p = message.prediction;
  const { ensemble_forecast: _e, ...components } = p.components;
  const raw = { point: p.point_forecast, lower: p.interval_lower, upper: p.interval_upper, coverage: p.coverage_probability, components, modelVersion: message.model_version };
  return { ...wire, raw };
}

function halftimeOf(message: HalftimeResult): HalftimeRecord {
  const { type: _t, seq: _s, timestamp: _ts, game_id: _g, ...record } = message;
  return record;
}
