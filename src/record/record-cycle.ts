/**
 * One poll of the recorder: what the service would request, so that a replay of the archive can
 * answer it. The scoreboard, then the play-by-play of every game the service would follow (the
 * same trackers decide: live, or final with minutes still missing), then each final game's
 * boxscore once. A feed error is part of the night and is recorded like any answer; only the
 * archive failing stops the recorder.
 */
import { FINAL_RETRIES, GameTracker } from '../game/game-tracker.ts';
import { FeedError } from '../feed/errors.ts';
import type { FeedResult } from '../feed/attempt.ts';
import type { BoxscoreDocument, PlayByPlayDocument, ScoreboardDocument } from '../feed/nba-schemas.ts';
import type { CycleOutcome } from '../feed/poll-loop.ts';
import { GameRecord } from '../service/game-record.ts';
import { gameInfoOf, observationOf } from '../service/pipeline.ts';
import type { Logger } from '../service/ports.ts';

/** The NBA feed client fits as it is. */
export interface RecordFeed {
  scoreboard(): Promise<FeedResult<ScoreboardDocument>>;
  playByPlay(gameId: string): Promise<FeedResult<PlayByPlayDocument>>;
  boxscore(gameId: string): Promise<FeedResult<BoxscoreDocument>>;
}

export interface RecordCycleOptions {
  readonly feed: RecordFeed;
  readonly logger: Logger;
  /** Requests in flight at once, as the service allows itself. Default 4. */
  readonly concurrency?: number;
  readonly now?: () => number;
}

interface FollowedGame {
  readonly game: GameRecord;
  /** Final and its boxscore had, or given up on after `FINAL_RETRIES` failures. */
  boxscoreDone: boolean;
  boxscoreFailures: number;
}

export class RecordCycle {
  readonly #feed: RecordFeed;
  readonly #log: Logger;
  readonly #concurrency: number;
  readonly #now: () => number;
  readonly #games = new Map<string, FollowedGame>();
  #scoreboardSeen = false;

  constructor(options: RecordCycleOptions) {
    const concurrency = options.concurrency ?? 4;
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
    this.#feed = options.feed;
    this.#log = options.logger;
    this.#concurrency = concurrency;
    this.#now = options.now ?? Date.now;
  }

  /** A scoreboard seen, and every game on it final with its minutes and its boxscore recorded. */
  get done(): boolean {
    const onBoard = [...this.#games.values()].filter((g) => g.game.onScoreboard);
    return this.#scoreboardSeen && onBoard.length > 0 && onBoard.every((g) => g.game.tracker.settled && g.boxscoreDone);
  }

  async run(): Promise<CycleOutcome> {
    const scoreboardOk = await this.#scoreboard();
    const followed = [...this.#games.values()];
    const requests = [
      ...followed.filter((g) => g.game.wantsPlayByPlay).map((g) => () => this.#playByPlay(g.game)),
      ...followed.filter((g) => g.game.tracker.score.status === 'Final' && !g.boxscoreDone).map((g) => () => this.#boxscore(g)),
    ];
    await inPool(requests, this.#concurrency);
    const statuses = followed.map((g) => g.game.tracker.score.status);
    return {
      live: statuses.filter((s) => s === 'In Progress' || s === 'Halftime').length,
      halftime: statuses.filter((s) => s === 'Halftime').length,
      scoreboardOk,
    };
  }

  async #scoreboard(): Promise<boolean> {
    const result = await this.#request(() => this.#feed.scoreboard(), 'scoreboard unavailable');
    if (!result) return false;
    if (result.kind === 'not_modified') return true;
    this.#scoreboardSeen = true;
    const present = new Set<string>();
    for (const entry of result.document.scoreboard.games) {
      present.add(entry.gameId);
      let followed = this.#games.get(entry.gameId);
      if (!followed) {
        followed = { game: new GameRecord(new GameTracker(gameInfoOf(entry)), this.#now()), boxscoreDone: false, boxscoreFailures: 0 };
        this.#games.set(entry.gameId, followed);
      }
      try {
        followed.game.tracker.observeScoreboard(observationOf(entry));
      } catch (error) {
        this.#log.warn({ gameId: entry.gameId, err: error }, 'scoreboard entry not understood; recorded as it is');
      }
    }
    for (const [gameId, g] of this.#games) {
      g.game.onScoreboard = present.has(gameId);
      if (!g.game.onScoreboard && g.game.tracker.settled && g.boxscoreDone) this.#games.delete(gameId);
    }
    return true;
  }

  async #playByPlay(game: GameRecord): Promise<void> {
    const result = await this.#request(() => this.#feed.playByPlay(game.gameId), 'play-by-play unavailable', game.gameId);
    const { tracker } = game;
    if (!result) tracker.playByPlayUnavailable();
    else if (result.kind === 'fresh') tracker.observePlayByPlay(result.document.game.actions);
    else tracker.playByPlayUnchanged();
  }

  async #boxscore(followed: FollowedGame): Promise<void> {
    const result = await this.#request(() => this.#feed.boxscore(followed.game.gameId), 'boxscore unavailable', followed.game.gameId);
    if (result) followed.boxscoreDone = true;
    else followed.boxscoreDone = ++followed.boxscoreFailures >= FINAL_RETRIES;
  }

  /** The answer, or undefined after a feed error (already in the archive); anything else is thrown. */
  async #request<T>(send: () => Promise<T>, what: string, gameId?: string): Promise<T | undefined> {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof FeedError)) throw error;
      this.#log.warn({ gameId, err: error }, what);
      return undefined;
    }
  }
}

/** Runs `tasks` with at most `concurrency` at once; the first rejection is thrown once all have settled. */
async function inPool(tasks: ReadonlyArray<() => Promise<void>>, concurrency: number): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const slot = async (): Promise<void> => {
    while (next < tasks.length) {
      const task = tasks[next++] as () => Promise<void>;
      await task().catch((error: unknown) => void failures.push(error));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, slot));
  if (failures.length > 0) throw failures[0];
}
