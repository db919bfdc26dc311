/**
 * One poll cycle of the live service: scoreboard → trackers → play-by-play → trackers → messages.
 * The feed, the sink, the predictor and the clock are all injected, so the same code runs against
 * the NBA, the replay, and hand-written fakes in tests.
 */
import { GameTracker, type TrackerEvent } from '../game/game-tracker.ts';
import type { ScoreboardObservation } from '../game/types.ts';
import type { ScoreboardGame } from '../feed/nba-schemas.ts';
import type { Predictor } from '../model/predictor.ts';
import { oneDecimal, type GameSnapshot } from '../protocol/messages.ts';
import { GameRecord, type ForecastRecord } from './game-record.ts';
import type { Persistence } from './persistence.ts';
import type { LiveFeed, Logger, MessageSink } from './ports.ts';
import { predictionOf, scoreData } from './wire.ts';

export interface PipelineOptions {
  readonly feed: LiveFeed;
  readonly sink: MessageSink;
  readonly predictor: Predictor;
  readonly logger: Logger;
  readonly now?: () => number;
  /** Play-by-play requests in flight at once: polite to the CDN, enough for a 15-game night. */
  readonly concurrency?: number;
  readonly hooks?: PipelineHooks;
  /** Durable state: restored at start, written before anything is broadcast. */
  readonly persistence?: Persistence;
}

/** Optional observers for metrics and persistence; called synchronously, before broadcast. */
export interface PipelineHooks {
  onFeedError?(endpoint: 'scoreboard' | 'playbyplay', error: unknown, gameId?: string): void;
  onGameEvent?(record: GameRecord, event: TrackerEvent): void;
}

/** One game's events from one document. */
type Change = readonly [GameRecord, readonly TrackerEvent[]];

export interface CycleSummary {
  readonly gamesTracked: number;
  readonly live: number;
  readonly halftime: number;
  readonly scoreboardOk: boolean;
}

export class Pipeline {
  readonly #games = new Map<string, GameRecord>();
  readonly #feed: LiveFeed;
  readonly #sink: MessageSink;
  readonly #predictor: Predictor;
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #concurrency: number;
  readonly #hooks: PipelineHooks;
  readonly #persistence: Persistence | undefined;
  #scoreboardSeen = false;
  #restoredToSend: GameRecord[] = [];

  constructor(options: PipelineOptions) {
    const concurrency = options.concurrency ?? 4;
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be a positive integer');
    this.#feed = options.feed;
    this.#sink = options.sink;
    this.#predictor = options.predictor;
    this.#log = options.logger;
    this.#now = options.now ?? Date.now;
    this.#concurrency = concurrency;
    this.#hooks = options.hooks ?? {};
    this.#persistence = options.persistence;
    for (const record of this.#persistence?.restore(this.#now()) ?? []) {
      this.#games.set(record.gameId, record);
      if (record.unsent.forecast || record.unsent.halftime) this.#restoredToSend.push(record);
    }
    if (this.#games.size > 0) this.#log.info({ games: this.#games.size }, 'games restored from the store');
  }

  get games(): ReadonlyMap<string, GameRecord> {
    return this.#games;
  }

  snapshot(): GameSnapshot[] {
    return [...this.#games.values()].map((g) => g.snapshot());
  }

  /** At least one scoreboard seen and every game on it over, with all the minutes it will get. */
  get allComplete(): boolean {
    const onBoard = [...this.#games.values()].filter((g) => g.onScoreboard);
    return this.#scoreboardSeen && onBoard.length > 0 && onBoard.every((g) => g.tracker.settled);
  }

  async cycle(): Promise<CycleSummary> {
    this.#sendRestored();
    const scoreboardOk = await this.#pollScoreboard();
    await this.#pollAllPlayByPlay([...this.#games.values()].filter((g) => g.wantsPlayByPlay));
    const statuses = [...this.#games.values()].map((g) => g.tracker.score.status);
    return {
      gamesTracked: this.#games.size,
      live: statuses.filter((s) => s === 'In Progress' || s === 'Halftime').length,
      halftime: statuses.filter((s) => s === 'Halftime').length,
      scoreboardOk,
    };
  }

  async #pollScoreboard(): Promise<boolean> {
    let result;
    try {
      result = await this.#feed.scoreboard();
    } catch (error) {
      this.#log.error({ err: error }, 'scoreboard poll failed; keeping the last known state');
      this.#hooks.onFeedError?.('scoreboard', error);
      return false;
    }
    if (result.kind === 'not_modified') return true;
    this.#scoreboardSeen = true;
    const present = new Set<string>();
    const changes: Change[] = [];
    for (const game of result.document.scoreboard.games) {
      present.add(game.gameId);
      const change = this.#observeScoreboardGame(game);
      if (change) changes.push(change);
    }
    this.#handleAll(changes);
    for (const record of this.#games.values()) {
      record.onScoreboard = present.has(record.gameId);
      // Yesterday's games leave memory once they are over and off the board (the store keeps them).
      if (!record.onScoreboard && record.tracker.settled) this.#games.delete(record.gameId);
    }
    return true;
  }

  #observeScoreboardGame(game: ScoreboardGame): Change | undefined {
    let record = this.#games.get(game.gameId);
    if (!record) {
      record = new GameRecord(new GameTracker(gameInfoOf(game)), this.#now());
      this.#games.set(game.gameId, record);
    }
    try {
      const events = record.tracker.observeScoreboard(observationOf(game));
      return events.length > 0 ? [record, events] : undefined;
    } catch (error) {
      this.#scoreboardEntryRejected(game.gameId, error);
      return undefined;
    }
  }

  #scoreboardEntryRejected(gameId: string, error: unknown): void {
    this.#log.error({ gameId, err: error }, 'scoreboard entry rejected');
    this.#hooks.onFeedError?.('scoreboard', error, gameId);
  }

  /** A scoreboard's changes: stored in one transaction, then sent. */
  #handleAll(changes: readonly Change[]): void {
    if (changes.length === 0) return;
    const now = this.#now();
    for (const [record] of changes) record.updatedAt = now;
    let saved = true;
    try {
      this.#persistence?.saveStates(changes);
    } catch {
      // Then game by game, so that whatever failed the batch holds back only its own game.
      saved = false;
    }
    for (const [record, events] of changes) {
      try {
        if (saved) this.#emit(record, events);
        else this.#handle(record, events);
      } catch (error) {
        this.#scoreboardEntryRejected(record.gameId, error);
      }
    }
  }

  /**
   * `concurrency` requests in flight, each slot taking the next game as soon as it is free: a game
   * whose play-by-play hangs until its timeout holds one slot, not every game queued behind it.
   * After a failure no new request starts; the ones in flight finish before the cycle rejects.
   */
  async #pollAllPlayByPlay(wanted: readonly GameRecord[]): Promise<void> {
    let next = 0;
    let failure: { readonly error: unknown } | undefined;
    const slot = async (): Promise<void> => {
      while (failure === undefined && next < wanted.length) {
        const record = wanted[next++] as GameRecord;
        try {
          await this.#pollPlayByPlay(record);
        } catch (error) {
          failure ??= { error };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#concurrency, wanted.length) }, slot));
    if (failure) throw failure.error;
  }

  async #pollPlayByPlay(record: GameRecord): Promise<void> {
    const gameId = record.gameId;
    let events: TrackerEvent[];
    try {
      const result = await this.#feed.playByPlay(gameId);
      events = result.kind === 'fresh' ? record.tracker.observePlayByPlay(result.document.game.actions) : record.tracker.playByPlayUnchanged();
    } catch (error) {
      this.#log.warn({ gameId, err: error }, 'play-by-play unavailable; following the scoreboard (approximate)');
      this.#hooks.onFeedError?.('playbyplay', error, gameId);
      events = record.tracker.playByPlayUnavailable();
    }
    const backward = record.tracker.backwardScores;
    if (backward.length > 0) this.#log.warn({ gameId, actions: backward }, 'score went backwards in play-by-play');
    this.#handle(record, events);
  }

  #handle(record: GameRecord, events: readonly TrackerEvent[]): void {
    if (events.length === 0) return;
    record.updatedAt = this.#now();
    this.#persistence?.saveState(record, events);
    this.#emit(record, events);
  }

  #emit(record: GameRecord, events: readonly TrackerEvent[]): void {
    for (const event of events) {
      this.#hooks.onGameEvent?.(record, event);
      this.#publish(record, event);
    }
  }

  #publish(record: GameRecord, event: TrackerEvent): void {
    const timestamp = new Date(this.#now()).toISOString();
    const game_id = record.gameId;
    const info = record.tracker.info;
    switch (event.kind) {
      case 'score':
        this.#sink.publish({ type: 'score_update', timestamp, game_id, data: scoreData(info, event.score) });
        return;
      case 'minutes': {
        const minutes = event.pattern.length;
        this.#sink.publish({
          type: 'pattern_progress', timestamp, game_id,
          minutes_collected: minutes,
          minutes_needed: 18,
          progress_percent: oneDecimal(Math.min(100, (minutes / 18) * 100)),
          pattern: [...event.pattern],
          approximate: event.approximate,
        });
        return;
      }
      case 'trigger':
        this.#forecast(record, event, timestamp);
        return;
      case 'halftime':
        this.#grade(record, event.actual, event.approximate, timestamp);
        return;
      case 'final':
        this.#log.info(
          { gameId: game_id, minutes: record.tracker.pattern.length, exact: record.tracker.complete },
          record.tracker.complete ? 'game final, pattern complete and exact' : 'game final; play-by-play never made the pattern exact',
        );
        return;
    }
  }

  #forecast(record: GameRecord, event: Extract<TrackerEvent, { kind: 'trigger' }>, timestamp: string): void {
    if (record.forecast) return;
    let raw;
    try {
      raw = this.#predictor.predict(event.pattern, record.context);
    } catch (error) {
      this.#log.error({ gameId: record.gameId, err: error }, 'predictor failed; no forecast for this game');
      return;
    }
    let forecast: ForecastRecord = {
      target: 'halftime_differential',
      prediction: predictionOf(raw),
      pattern: [...event.pattern],
      model_version: raw.modelVersion,
      approximate: event.approximate,
      period: event.period,
      clock: event.clock,
      late: event.late,
      raw,
    };
    if (this.#persistence) {
      const kept = this.#persistence.recordForecast(record, forecast, timestamp);
      forecast = kept.forecast;
      record.forecast = forecast;
      if (kept.alreadySent) return;
    }
    record.forecast = forecast;
    this.#publishForecast(record, timestamp);
  }

  #publishForecast(record: GameRecord, timestamp: string): void {
    if (!record.forecast) return;
    const { raw: _raw, ...wire } = record.forecast;
    this.#sink.publish({ type: 'ml_prediction', timestamp, game_id: record.gameId, ...wire });
    record.unsent.forecast = false;
  }

  /** Recorded before a crash but never broadcast: send them now, once. */
  #sendRestored(): void {
    const timestamp = new Date(this.#now()).toISOString();
    for (const record of this.#restoredToSend) {
      if (record.unsent.forecast) this.#publishForecast(record, timestamp);
      if (record.unsent.halftime && record.halftime) {
        this.#sink.publish({ type: 'halftime_result', timestamp, game_id: record.gameId, ...record.halftime });
        record.unsent.halftime = false;
      }
    }
    this.#restoredToSend = [];
  }

  #grade(record: GameRecord, actual: number, approximate: boolean, timestamp: string): void {
    const f = record.forecast;
    const p = f?.prediction;
    record.halftime = {
      actual,
      forecast: p ?? null,
      model_version: f?.model_version ?? null,
      error: p ? oneDecimal(actual - p.point_forecast) : null,
      covered: p ? actual >= p.interval_lower && actual <= p.interval_upper : null,
      approximate,
    };
    const alreadySent = this.#persistence?.recordHalftime(record, record.halftime, timestamp).alreadySent ?? false;
    if (!alreadySent) this.#sink.publish({ type: 'halftime_result', timestamp, game_id: record.gameId, ...record.halftime });
    // An approximate d24 would teach the intervals a wrong lesson.
    if (f && !approximate) {
      try {
        this.#predictor.observe?.({ context: record.context, pattern: f.pattern, forecast: f.raw, actual });
      } catch (error) {
        this.#log.error({ gameId: record.gameId, err: error }, 'predictor failed to learn from a halftime result');
      }
    }
  }
}

/** What the tracker reads from a game's scoreboard entry. */
export function observationOf(game: ScoreboardGame): ScoreboardObservation {
  return {
    gameStatus: game.gameStatus,
    period: game.period,
    gameClock: game.gameClock,
    homeScore: game.homeTeam.score,
    awayScore: game.awayTeam.score,
    statusText: game.gameStatusText,
  };
}

/** The game's own date comes from its gameCode (`YYYYMMDD/…`), never from the local clock. */
export function gameInfoOf(game: ScoreboardGame) {
  const d = game.gameCode.slice(0, 8);
  return {
    gameId: game.gameId,
    homeTeam: game.homeTeam.teamTricode,
    awayTeam: game.awayTeam.teamTricode,
    gameDate: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`,
    startTime: game.gameTimeUTC,
  };
}
