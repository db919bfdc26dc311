/**
 * Keeps the store in step with the pipeline: game rows and completed minutes as they change, every
 * forecast before it is broadcast, every halftime grade; and on start-up, rebuilds the games of a
 * night that was interrupted. While the store fails for want of storage, games' state is kept here
 * and written whole once it works again. Written against the `GameStore` port only.
 */
import { GameTracker, type GameInfo } from '../game/game-tracker.ts';
import { isOff } from '../domain/game-status.ts';
import { TrackedGame, type ForecastRecord, type HalftimeRecord } from './tracked-game.ts';
import type { StoreHealth } from './store-health.ts';
import { isStorageFailure, type GameStore, type HalftimeInput, type RestoredGame, type StoredForecast } from './store-port.ts';
import { predictionOf } from './wire.ts';

export class Persistence {
  /** What each game's stored pattern is, so a save writes only the minutes that changed. */
  readonly #stored = new Map<string, { pattern: readonly number[]; approximate: boolean }>();
  /** Games whose latest state the store lacks (its write failed for want of storage): written whole by `retry`. */
  readonly #unsaved = new Map<string, TrackedGame>();
  readonly #health: StoreHealth | undefined;

  constructor(readonly store: GameStore, health?: StoreHealth) {
    this.#health = health;
    health?.track('games', () => this.#unsaved.size);
  }

  /**
   * Games worth picking up again: unfinished ones, and any the feed touched in the last `withinMs`.
   * A game that is off (TBD, postponed, cancelled) is not unfinished: there is nothing to pick up.
   */
  restore(now: number, withinMs = 12 * 3_600_000): TrackedGame[] {
    const pending = (status: RestoredGame['game']['status']): boolean => status !== 'Final' && !isOff(status);
    return this.store
      .loadGames()
      .filter((g) => pending(g.game.status) || now - Date.parse(g.game.updatedAt) < withinMs)
      .map((g) => this.#rebuild(g));
  }

  /**
   * Several games' latest state (a scoreboard's changes) in one transaction: one commit instead of
   * fifteen. A storage failure is kept, not thrown: those games are written again by `retry`, and
   * the caller streams on. Returns the games whose records the store refused (bad input), each
   * with its error: only those must not be broadcast.
   */
  save(records: readonly TrackedGame[]): ReadonlyMap<TrackedGame, unknown> {
    const refused = new Map<TrackedGame, unknown>();
    try {
      this.#saveAll(records);
      return refused;
    } catch (error) {
      if (this.#kept(records, error)) return refused;
    }
    // A record was refused: game by game, so that it holds back only its own game.
    for (const record of records) {
      try {
        this.#saveAll([record]);
      } catch (error) {
        if (!this.#kept([record], error)) refused.set(record, error);
      }
    }
    return refused;
  }

  /** Writes the games whose state the store lacks; returns those it refused (and forgets them). */
  retry(): ReadonlyMap<TrackedGame, unknown> {
    if (this.#unsaved.size === 0) return new Map();
    const refused = this.save([...this.#unsaved.values()]);
    for (const record of refused.keys()) this.#unsaved.delete(record.gameId);
    return refused;
  }

  /**
   * Records the forecast before anyone sees it. When this game and model version already have one
   * (a restart), that one is returned instead, with whether it was ever sent. Throws when the
   * store fails.
   */
  recordForecast(record: TrackedGame, forecast: ForecastRecord, createdAt: string): { forecast: ForecastRecord; alreadySent: boolean } {
    this.#saveFirst(record);
    const { raw } = forecast;
    const { inserted, forecast: stored } = this.store.recordForecast({
      gameId: record.gameId, modelVersion: raw.modelVersion, pattern: forecast.pattern, context: record.context,
      point: raw.point, lower: raw.lower, upper: raw.upper, coverage: raw.coverage, components: raw.components,
      approximate: forecast.approximate, late: forecast.late === true, period: forecast.period, clock: forecast.clock, createdAt,
    });
    return inserted ? { forecast, alreadySent: false } : { forecast: forecastOf(stored), alreadySent: stored.seq !== null };
  }

  /** The first grade of a game; `alreadySent` when a restart finds it recorded and sent. Throws when the store fails. */
  recordHalftime(record: TrackedGame, halftime: HalftimeRecord, recordedAt: string): { alreadySent: boolean } {
    this.#saveFirst(record);
    const { inserted, halftime: stored } = this.store.recordHalftime(halftimeInput(record, halftime, recordedAt));
    return { alreadySent: !inserted && stored.seq !== null };
  }

  /** The exact grade replacing an approximate one; false when the stored one is already exact. Throws when the store fails. */
  reviseHalftime(record: TrackedGame, halftime: HalftimeRecord, recordedAt: string): boolean {
    return this.store.reviseHalftime(halftimeInput(record, halftime, recordedAt), halftime.revised === true).replaced;
  }

  #saveAll(records: readonly TrackedGame[]): void {
    try {
      this.store.transaction(() => {
        for (const record of records) this.#write(record);
      });
    } catch (error) {
      // What the cache says was written may have been rolled back: such a game is written whole next time.
      for (const record of records) this.#stored.delete(record.gameId);
      throw error;
    }
    for (const record of records) this.#unsaved.delete(record.gameId);
  }

  /** A storage failure: the games wait in `#unsaved` and the failure is reported. */
  #kept(records: readonly TrackedGame[], error: unknown): boolean {
    if (!isStorageFailure(error)) return false;
    for (const record of records) this.#unsaved.set(record.gameId, record);
    this.#health?.failed('saving game state', error);
    return true;
  }

  /** A forecast or grade refers to its game's row: a game the store lacks is written first (the caller reports a failure). */
  #saveFirst(record: TrackedGame): void {
    if (this.#unsaved.has(record.gameId)) this.#saveAll([record]);
  }

  #write(record: TrackedGame): void {
    const { info, score, pattern, approximate } = record.tracker;
    this.store.upsertGame({
      gameId: info.gameId, gameDate: info.gameDate, startTime: info.startTime, homeTeam: info.homeTeam, awayTeam: info.awayTeam,
      status: score.status, homeScore: score.homeScore, awayScore: score.awayScore, period: score.period, clock: score.clock,
      updatedAt: new Date(record.updatedAt).toISOString(),
    });
    this.#saveMinutes(info.gameId, pattern, approximate);
  }

  #saveMinutes(gameId: string, pattern: readonly number[], approximate: boolean): void {
    const before = this.#stored.get(gameId);
    pattern.forEach((d, i) => {
      if (before && before.approximate === approximate && before.pattern[i] === d) return;
      this.store.saveMinute(gameId, i + 1, d, !approximate);
    });
    this.#stored.set(gameId, { pattern: [...pattern], approximate });
  }

  #rebuild(restored: RestoredGame): TrackedGame {
    const g = restored.game;
    const info: GameInfo = { gameId: g.gameId, homeTeam: g.homeTeam, awayTeam: g.awayTeam, gameDate: g.gameDate, startTime: g.startTime };
    const forecast = restored.forecasts.at(-1);
    // Each field from the rows that record it: a trigger or grade counts once its forecast or grade
    // row is written (one lost to a storage failure is owed again), minutes carry their exactness.
    const tracker = GameTracker.restore(info, {
      pattern: restored.pattern,
      approximate: restored.approximateMinutes.length > 0,
      triggered: forecast !== undefined,
      halftimeKnown: restored.halftime !== null,
      halftimeApproximate: restored.halftime?.approximate ?? false,
      score: { homeScore: g.homeScore, awayScore: g.awayScore, period: g.period, clock: g.clock, status: g.status },
    });
    const record = new TrackedGame(tracker, Date.parse(g.updatedAt));
    this.#stored.set(g.gameId, { pattern: restored.pattern, approximate: restored.approximateMinutes.length > 0 });
    if (forecast) {
      record.forecast = forecastOf(forecast);
      if (forecast.seq !== null) record.sent.forecast = record.forecast;
    }
    const h = restored.halftime;
    if (h) {
      const p = record.forecast?.prediction ?? null;
      record.halftime = { actual: h.actual, forecast: p, model_version: h.modelVersion, error: h.error, covered: h.covered, approximate: h.approximate, revised: h.revised };
      if (h.seq !== null) record.sent.halftime = record.halftime;
    }
    return record;
  }
}

function halftimeInput(record: TrackedGame, h: HalftimeRecord, recordedAt: string): HalftimeInput {
  return { gameId: record.gameId, actual: h.actual, modelVersion: h.model_version, error: h.error, covered: h.covered, approximate: h.approximate, recordedAt };
}

function forecastOf(stored: StoredForecast): ForecastRecord {
  const raw = { point: stored.point, lower: stored.lower, upper: stored.upper, coverage: stored.coverage, components: stored.components, modelVersion: stored.modelVersion };
  return {
    target: 'halftime_differential', prediction: predictionOf(raw), pattern: [...stored.pattern], model_version: stored.modelVersion,
    approximate: stored.approximate, late: stored.late, period: stored.period, clock: stored.clock, raw,
  };
}
