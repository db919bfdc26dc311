/**
 * One poll cycle of the live service: scoreboard → trackers → play-by-play → trackers → messages.
 * The feed, the sink, the predictor and the clock are all injected, so the same code runs against
 * the NBA, the replay, and hand-written fakes in tests.
 */
import { TRIGGER_MINUTE } from '../domain/minutes.ts';
import type { ClockError } from '../game/clock.ts';
import { GameTracker, type ScoreState, type TrackerEvent } from '../game/game-tracker.ts';
import type { ScoreboardObservation } from '../game/types.ts';
import type { RejectedGame, ScoreboardGame } from '../feed/nba-schemas.ts';
import type { Predictor } from '../model/predictor.ts';
import { oneDecimal, type GameSnapshot, type ServerMessage, type Unsequenced } from '../protocol/messages.ts';
import { TrackedGame, type ForecastRecord, type HalftimeRecord } from './tracked-game.ts';
import type { MinuteForecasts } from './minute-forecasts.ts';
import { Outbox } from './outbox.ts';
import type { Persistence } from './persistence.ts';
import type { Logger } from '../domain/logger.ts';
import type { MessageSink } from '../domain/message-sink.ts';
import type { LiveFeed } from './ports.ts';
import type { StoreHealth } from './store-health.ts';
import { predictionOf, scoreData } from './wire.ts';

export interface PipelineOptions {
  readonly feed: LiveFeed;
  readonly sink: MessageSink<Unsequenced<ServerMessage>>;
  readonly predictor: Predictor;
  readonly logger: Logger;
  readonly now?: () => number;
  /** Play-by-play requests in flight at once: polite to the CDN, enough for a 15-game night. */
  readonly concurrency?: number;
  readonly hooks?: PipelineHooks;
  /** Durable state: restored at start, written before anything is broadcast. */
  readonly persistence?: Persistence;
  /** Told of writes that fail for want of storage (the service streams on from memory meanwhile). */
  readonly storeHealth?: StoreHealth;
  /** The whole-game forecasts at every minute's end (`forecast_update`); none without. */
  readonly minuteForecasts?: MinuteForecasts | undefined;
  /** Games to go on from (a poller taking over picks the night up from the stream), instead of the store's. */
  readonly restored?: readonly TrackedGame[];
}

/** Optional observers for metrics and persistence; called synchronously, before broadcast. */
export interface PipelineHooks {
  onFeedError?(endpoint: 'scoreboard' | 'playbyplay', error: unknown, gameId?: string): void;
  onGameEvent?(record: TrackedGame, event: TrackerEvent): void;
  /** A scoreboard entry whose clock could not be read (the rest of the entry was taken). */
  onUnreadableClock?(gameId: string, error: ClockError): void;
  /** A scoreboard entry left out (malformed, or refused by its tracker); the other games still apply. */
  onScoreboardEntryRejected?(gameId: string | undefined): void;
  /** A scoreboard score lower than the game's previous one (applied: see `#noticeBackwardScore`). */
  onBackwardScore?(gameId: string): void;
}

/** Distinct unreadable clock texts remembered for logging once each; then the memory starts over. */
const UNREADABLE_CLOCKS_REMEMBERED = 1_000;

/** One game's events from one document. */
type Change = readonly [TrackedGame, readonly TrackerEvent[]];

export interface CycleSummary {
  readonly gamesTracked: number;
  readonly live: number;
  readonly halftime: number;
  readonly scoreboardOk: boolean;
}

export class Pipeline {
  readonly #games = new Map<string, TrackedGame>();
  readonly #feed: LiveFeed;
  readonly #sink: MessageSink<Unsequenced<ServerMessage>>;
  readonly #predictor: Predictor;
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #concurrency: number;
  readonly #hooks: PipelineHooks;
  readonly #persistence: Persistence | undefined;
  readonly #outbox: Outbox;
  readonly #minuteForecasts: MinuteForecasts | undefined;
  #scoreboardSeen = false;
  /** Restored games, until the first cycle sends what they recorded but never broadcast. */
  #restoredToSend: readonly TrackedGame[];
  readonly #unreadableClocks = new Set<string>();

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
    this.#minuteForecasts = options.minuteForecasts;
    const restored = options.restored ?? this.#persistence?.restore(this.#now()) ?? [];
    for (const record of restored) this.#games.set(record.gameId, record);
    if (this.#games.size > 0) this.#log.info({ games: this.#games.size }, options.restored ? 'games picked up from the stream' : 'games restored from the store');
    this.#outbox = new Outbox({ sink: this.#sink, logger: this.#log, now: this.#now, persistence: this.#persistence, health: options.storeHealth });
    this.#restoredToSend = restored;
  }

  /** Forecasts and grades made but not yet recorded in the store, so not yet sent. */
  get owed(): number {
    return this.#outbox.size;
  }

  get games(): ReadonlyMap<string, TrackedGame> {
    return this.#games;
  }

  snapshot(): GameSnapshot[] {
    return [...this.#games.values()].map((g) => ({ ...g.snapshot(), minute_forecast: this.#minuteForecasts?.latest(g.gameId) ?? null }));
  }

  /** At least one scoreboard seen, every game on it over with all the minutes it will get, nothing owed. */
  get allComplete(): boolean {
    const onBoard = [...this.#games.values()].filter((g) => g.onScoreboard);
    return this.#scoreboardSeen && onBoard.length > 0 && onBoard.every((g) => g.tracker.settled) && this.#outbox.size === 0;
  }

  async cycle(): Promise<CycleSummary> {
    this.#sendRestored();
    this.#retryStore();
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
    for (const entry of result.document.rejectedGames ?? []) {
      // Still on the board, only unreadable this time: the game keeps its last known state.
      if (entry.gameId !== undefined) present.add(entry.gameId);
      this.#scoreboardEntryUnreadable(entry);
    }
    this.#handleAll(changes);
    for (const record of this.#games.values()) {
      record.onScoreboard = present.has(record.gameId);
      // Games leave memory once off the board and over, off (TBD, postponed, cancelled) or never
      // started: there is nothing more to follow (the store keeps them).
      const { tracker } = record;
      if (!record.onScoreboard && (tracker.settled || tracker.score.status === 'Scheduled')) this.#games.delete(record.gameId);
    }
    return true;
  }

  #observeScoreboardGame(game: ScoreboardGame): Change | undefined {
    let record = this.#games.get(game.gameId);
    if (!record) {
      record = new TrackedGame(new GameTracker(gameInfoOf(game)), this.#now());
      this.#games.set(game.gameId, record);
    }
    try {
      const before = record.tracker.score;
      const events = record.tracker.observeScoreboard(observationOf(game));
      const clockError = record.tracker.clockError;
      if (clockError) this.#unreadableClock(game.gameId, clockError);
      this.#noticeBackwardScore(record, before);
      return events.length > 0 ? [record, events] : undefined;
    } catch (error) {
      this.#scoreboardEntryRejected(game.gameId, error);
      return undefined;
    }
  }

  /** Counted every time, logged once per distinct text: a new clock format must not flood the log. */
  #unreadableClock(gameId: string, error: ClockError): void {
    this.#hooks.onUnreadableClock?.(gameId, error);
    if (this.#unreadableClocks.has(error.text)) return;
    if (this.#unreadableClocks.size >= UNREADABLE_CLOCKS_REMEMBERED) this.#unreadableClocks.clear();
    this.#unreadableClocks.add(error.text);
    this.#log.warn({ gameId, clock: error.text, code: error.code }, 'game clock unreadable; the game goes on without it');
  }

  #scoreboardEntryRejected(gameId: string, error: unknown): void {
    this.#log.error({ gameId, err: error }, 'scoreboard entry rejected');
    this.#hooks.onFeedError?.('scoreboard', error, gameId);
    this.#hooks.onScoreboardEntryRejected?.(gameId);
  }

  /** Left out by the feed for failing validation: logged with what was wrong, once per fresh scoreboard. */
  #scoreboardEntryUnreadable({ gameId, index, problem }: RejectedGame): void {
    this.#log.error({ gameId, entry: index, problem }, 'scoreboard entry rejected');
    this.#hooks.onScoreboardEntryRejected?.(gameId);
  }

  /**
   * A lower score is applied like any other. Stale copies from a lagging CDN edge are already
   * refused by game time (the tracker), so what is left is the official scorer's correction (a
   * basket taken off on review, a three made a two), which clients must see, as the NBA shows it;
   * play-by-play is rebuilt from corrected actions the same way. It is logged and counted.
   */
  #noticeBackwardScore(record: TrackedGame, before: ScoreState): void {
    const after = record.tracker.score;
    if (after.homeScore >= before.homeScore && after.awayScore >= before.awayScore) return;
    this.#log.warn(
      { gameId: record.gameId, from: `${before.homeScore}-${before.awayScore}`, to: `${after.homeScore}-${after.awayScore}`, period: after.period, clock: after.clock },
      'score went backwards on the scoreboard; applied as a correction',
    );
    this.#hooks.onBackwardScore?.(record.gameId);
  }

  /**
   * A scoreboard's changes: stored in one transaction, then sent. A game whose record the store
   * refuses holds back only itself; a store that fails altogether holds back nobody (see `Persistence`).
   */
  #handleAll(changes: readonly Change[]): void {
    if (changes.length === 0) return;
    const now = this.#now();
    for (const [record] of changes) record.updatedAt = now;
    const refused = this.#persistence?.save(changes.map(([record]) => record));
    for (const [record, events] of changes) {
      const error = refused?.get(record);
      if (error !== undefined) {
        this.#scoreboardEntryRejected(record.gameId, error);
        continue;
      }
      try {
        this.#emit(record, events);
      } catch (err) {
        this.#scoreboardEntryRejected(record.gameId, err);
      }
    }
  }

  /** What the store lacks, written again: games' state first, since forecasts and grades refer to it. */
  #retryStore(): void {
    for (const [record, error] of this.#persistence?.retry() ?? []) {
      this.#log.error({ gameId: record.gameId, err: error }, 'game state refused by the store; not kept');
    }
    // Each refusal drops one message; the rest are still owed.
    for (let settled = false; !settled; ) {
      try {
        this.#outbox.drain();
        settled = true;
      } catch (error) {
        this.#log.error({ err: error }, 'forecast or grade refused; not sent');
      }
    }
  }

  /**
   * `concurrency` requests in flight, each slot taking the next game as soon as it is free: a game
   * whose play-by-play hangs until its timeout holds one slot, not every game queued behind it.
   * After a failure no new request starts; the ones in flight finish before the cycle rejects.
   */
  async #pollAllPlayByPlay(wanted: readonly TrackedGame[]): Promise<void> {
    let next = 0;
    let failure: { readonly error: unknown } | undefined;
    const slot = async (): Promise<void> => {
      while (failure === undefined && next < wanted.length) {
        const record = wanted[next++] as TrackedGame;
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

  async #pollPlayByPlay(record: TrackedGame): Promise<void> {
    const gameId = record.gameId;
    let events: TrackerEvent[];
    try {
      const result = await this.#feed.playByPlay(gameId);
      if (result.kind === 'fresh') this.#minuteForecasts?.playByPlay(record, result.document.game.actions);
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

  #handle(record: TrackedGame, events: readonly TrackerEvent[]): void {
    if (events.length === 0) return;
    record.updatedAt = this.#now();
    const refused = this.#persistence?.save([record]).get(record);
    if (refused !== undefined) throw refused;
    this.#emit(record, events);
  }

  #emit(record: TrackedGame, events: readonly TrackerEvent[]): void {
    for (const event of events) {
      this.#hooks.onGameEvent?.(record, event);
      this.#publish(record, event);
    }
  }

  #publish(record: TrackedGame, event: TrackerEvent): void {
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
          minutes_needed: TRIGGER_MINUTE,
          progress_percent: oneDecimal(Math.min(100, (minutes / TRIGGER_MINUTE) * 100)),
          pattern: [...event.pattern],
          approximate: event.approximate,
        });
        this.#minuteForecasts?.minutesEnded(record, event.pattern, event.approximate);
        return;
      }
      case 'trigger':
        this.#forecast(record, event, timestamp);
        return;
      case 'halftime':
        this.#grade(record, event.actual, event.approximate, timestamp);
        this.#minuteForecasts?.halftime(record, event.actual, event.approximate);
        return;
      case 'halftime_revised':
        this.#grade(record, event.actual, false, timestamp, true);
        this.#minuteForecasts?.halftime(record, event.actual, false);
        return;
      case 'final':
        this.#minuteForecasts?.final(record);
        this.#log.info(
          { gameId: game_id, minutes: record.tracker.pattern.length, exact: record.tracker.complete },
          record.tracker.complete ? 'game final, pattern complete and exact' : 'game final; play-by-play never made the pattern exact',
        );
        return;
    }
  }

  #forecast(record: TrackedGame, event: Extract<TrackerEvent, { kind: 'trigger' }>, timestamp: string): void {
    if (record.forecast) return;
    let raw;
    try {
      const ball = this.#minuteForecasts?.possessionAt(record, event.pattern.length, event.approximate) ?? 0;
      raw = this.#predictor.predict(event.pattern, ball === 0 ? record.context : { ...record.context, possession: ball === 1 ? 'home' : 'away' });
    } catch (error) {
      this.#log.error({ gameId: record.gameId, err: error }, 'predictor failed; no forecast for this game');
      return;
    }
    const forecast: ForecastRecord = {
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
    record.forecast = forecast;
    this.#outbox.forecast(record, forecast, timestamp);
  }

  /** Recorded before a crash but never broadcast: send them now, once. */
  #sendRestored(): void {
    for (const record of this.#restoredToSend) this.#outbox.resend(record);
    this.#restoredToSend = [];
  }

  /** `revision`: the exact d24 of a game graded approximately, replacing that grade. */
  #grade(record: TrackedGame, actual: number, approximate: boolean, timestamp: string, revision = false): void {
    const f = record.forecast;
    const p = f?.prediction;
    const halftime: HalftimeRecord = {
      actual,
      forecast: p ?? null,
      model_version: f?.model_version ?? null,
      error: p ? oneDecimal(actual - p.point_forecast) : null,
      covered: p ? actual >= p.interval_lower && actual <= p.interval_upper : null,
      approximate,
      revised: false,
    };
    record.halftime = halftime;
    this.#outbox.grade(record, halftime, timestamp, revision);
    // An approximate d24 would teach the intervals a wrong lesson: only the exact one is learnt, once.
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
