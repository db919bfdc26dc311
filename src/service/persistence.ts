/**
 * Keeps the store in step with the pipeline: game rows and completed minutes as they change, every
 * forecast before it is broadcast, every halftime grade; and on start-up, rebuilds the games of a
 * night that was interrupted. Written against the `GameStore` port only.
 */
import { GameTracker, type GameInfo, type TrackerEvent } from '../game/game-tracker.ts';
import { isOff } from '../game/status.ts';
import { GameRecord, type ForecastRecord, type HalftimeRecord } from './game-record.ts';
import type { GameStore, RestoredGame, StoredForecast } from './store-port.ts';
import { predictionOf } from './wire.ts';

export class Persistence {
  /** What each game's stored pattern is, so a minutes event writes only what changed. */
  readonly #stored = new Map<string, { pattern: readonly number[]; approximate: boolean }>();

  constructor(readonly store: GameStore) {}

  /**
   * Games worth picking up again: unfinished ones, and any the feed touched in the last `withinMs`.
   * A game that is off (TBD, postponed, cancelled) is not unfinished: there is nothing to pick up.
   */
  restore(now: number, withinMs = 12 * 3_600_000): GameRecord[] {
    const pending = (status: RestoredGame['game']['status']): boolean => status !== 'Final' && !isOff(status);
    return this.store
      .loadGames()
      .filter((g) => pending(g.game.status) || now - Date.parse(g.game.updatedAt) < withinMs)
      .map((g) => this.#rebuild(g));
  }

  /** One game's state changes of one poll, in one transaction. */
  saveState(record: GameRecord, events: readonly TrackerEvent[]): void {
    this.saveStates([[record, events]]);
  }

  /** Several games' changes (a scoreboard's), in one transaction: one commit instead of fifteen. */
  saveStates(changes: ReadonlyArray<readonly [GameRecord, readonly TrackerEvent[]]>): void {
    this.store.transaction(() => {
      for (const [record, events] of changes) this.#write(record, events);
    });
  }

  #write(record: GameRecord, events: readonly TrackerEvent[]): void {
    const { info, score } = record.tracker;
    this.store.upsertGame({
      gameId: info.gameId, gameDate: info.gameDate, startTime: info.startTime, homeTeam: info.homeTeam, awayTeam: info.awayTeam,
      status: score.status, homeScore: score.homeScore, awayScore: score.awayScore, period: score.period, clock: score.clock,
      updatedAt: new Date(record.updatedAt).toISOString(),
    });
    for (const e of events) if (e.kind === 'minutes') this.#saveMinutes(info.gameId, e.pattern, e.approximate);
  }

  /**
   * Records the forecast before anyone sees it. When this game and model version already have one
   * (a restart), that one is returned instead, with whether it was ever sent.
   */
  recordForecast(record: GameRecord, forecast: ForecastRecord, createdAt: string): { forecast: ForecastRecord; alreadySent: boolean } {
    const { raw } = forecast;
    const { inserted, forecast: stored } = this.store.recordForecast({
      gameId: record.gameId, modelVersion: raw.modelVersion, pattern: forecast.pattern, context: record.context,
      point: raw.point, lower: raw.lower, upper: raw.upper, coverage: raw.coverage, components: raw.components,
      approximate: forecast.approximate, period: forecast.period, clock: forecast.clock, createdAt,
    });
    return inserted ? { forecast, alreadySent: false } : { forecast: forecastOf(stored), alreadySent: stored.seq !== null };
  }

  recordHalftime(record: GameRecord, halftime: HalftimeRecord, recordedAt: string): { alreadySent: boolean } {
    const { inserted, halftime: stored } = this.store.recordHalftime({
      gameId: record.gameId, actual: halftime.actual, modelVersion: halftime.model_version, error: halftime.error, covered: halftime.covered, recordedAt,
    });
    return { alreadySent: !inserted && stored.seq !== null };
  }

  #saveMinutes(gameId: string, pattern: readonly number[], approximate: boolean): void {
    const before = this.#stored.get(gameId);
    pattern.forEach((d, i) => {
      if (before && before.approximate === approximate && before.pattern[i] === d) return;
      this.store.saveMinute(gameId, i + 1, d, !approximate);
    });
    this.#stored.set(gameId, { pattern: [...pattern], approximate });
  }

  #rebuild(restored: RestoredGame): GameRecord {
    const g = restored.game;
    const info: GameInfo = { gameId: g.gameId, homeTeam: g.homeTeam, awayTeam: g.awayTeam, gameDate: g.gameDate, startTime: g.startTime };
    const forecast = restored.forecasts.at(-1);
    const tracker = new GameTracker(info, {
      pattern: restored.pattern,
      approximate: restored.approximateMinutes.length > 0,
      triggered: forecast !== undefined,
      halftimeKnown: restored.halftime !== null,
      score: { homeScore: g.homeScore, awayScore: g.awayScore, period: g.period, clock: g.clock, status: g.status },
    });
    const record = new GameRecord(tracker, Date.parse(g.updatedAt));
    this.#stored.set(g.gameId, { pattern: restored.pattern, approximate: restored.approximateMinutes.length > 0 });
    if (forecast) {
      record.forecast = forecastOf(forecast);
      record.unsent.forecast = forecast.seq === null;
    }
    const h = restored.halftime;
    if (h) {
      const p = record.forecast?.prediction ?? null;
      record.halftime = { actual: h.actual, forecast: p, model_version: h.modelVersion, error: h.error, covered: h.covered, approximate: false };
      record.unsent.halftime = h.seq === null;
    }
    return record;
  }
}

function forecastOf(stored: StoredForecast): ForecastRecord {
  const raw = { point: stored.point, lower: stored.lower, upper: stored.upper, coverage: stored.coverage, components: stored.components, modelVersion: stored.modelVersion };
  return {
    target: 'halftime_differential', prediction: predictionOf(raw), pattern: [...stored.pattern], model_version: stored.modelVersion,
    approximate: stored.approximate, period: stored.period, clock: stored.clock, raw,
    // Not stored: made at or after halftime is where the feed was when it was made.
    late: stored.period > 2 || (stored.period === 2 && stored.clock === '00:00'),
  };
}
