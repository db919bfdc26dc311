/**
 * Today's NBA on loopback: a real HTTP server that answers the CDN's scoreboard and play-by-play
 * URLs with documents a test builds from the real captures in `$NBA_DATA_DIR/live/` (edited in
 * memory, never copied), and the real service polling it as it would poll the NBA.
 */
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { parseClock } from '../../src/game/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { sendJson, startTestCdn, type TestCdn } from '../../src/feed/test-cdn.ts';
import { startService, type RunningService } from '../../src/main.ts';
import { CapturingLogger } from './capturing-logger.ts';
import { BASELINE_MODEL } from '../../src/config/model.ts';

/** A scoreboard entry as the tests edit it: the schema's fields, and whatever else the NBA sends. */
export interface BoardGame {
  gameId: string;
  gameCode: string;
  gameStatus: number;
  gameStatusText: string;
  period: number;
  gameClock: string;
  ifNecessary?: boolean;
  homeTeam: { teamTricode: string; score: number };
  awayTeam: { teamTricode: string; score: number };
  [field: string]: unknown;
}

export interface Board {
  scoreboard: { gameDate: string; games: BoardGame[]; [field: string]: unknown };
  [field: string]: unknown;
}

interface Action {
  period: number;
  clock: string;
  scoreHome: string;
  scoreAway: string;
  [field: string]: unknown;
}

export interface PlayByPlay {
  game: { gameId: string; actions: Action[]; [field: string]: unknown };
  [field: string]: unknown;
}

/** The real 2023-04-20 playoff scoreboard (2 live games, 1 final), a fresh copy each call. */
export function capturedScoreboard(dataDir: string): Board {
  return JSON.parse(readFileSync(path.join(dataDir, 'live/todaysScoreboard_00.json'), 'utf8')) as Board;
}

/** The real play-by-play of GSW @ BKN, 2020-12-22 (610 actions, final 125-99), a fresh copy each call. */
export function capturedPlayByPlay(dataDir: string): PlayByPlay {
  return JSON.parse(readFileSync(path.join(dataDir, 'live/playbyplay_0022000001.json'), 'utf8')) as PlayByPlay;
}

/** That play-by-play as game `gameId`, published up to `secondsLeft` of `period` (all of it without). */
export function playByPlayOf(source: PlayByPlay, gameId: string, until?: { period: number; secondsLeft: number }): PlayByPlay {
  const actions = source.game.actions.filter((a) => !until || a.period < until.period || (a.period === until.period && parseClock(a.clock) >= until.secondsLeft));
  return { ...source, game: { ...source.game, gameId, actions } };
}

/** Home minus away after the last action of `period`. */
export function differentialAfter(pbp: PlayByPlay, period: number): number {
  const last = pbp.game.actions.filter((a) => a.period === period).at(-1);
  if (!last) throw new Error(`no action in period ${period}`);
  return Number(last.scoreHome) - Number(last.scoreAway);
}

export class TodaysFeed {
  board: Board | undefined;
  readonly playByPlay = new Map<string, PlayByPlay>();
  readonly #cdn: TestCdn;

  private constructor(cdn: TestCdn) {
    this.#cdn = cdn;
  }

  static async start(): Promise<TodaysFeed> {
    let feed: TodaysFeed | undefined;
    const cdn = await startTestCdn((req, res) => feed?.answer(req.url ?? '', res));
    feed = new TodaysFeed(cdn);
    return feed;
  }

  get baseUrl(): string {
    return this.#cdn.baseUrl;
  }

  /** Times the service asked for this game's play-by-play. */
  playByPlayRequests(gameId: string): number {
    return this.#cdn.requests.filter((r) => r.url.endsWith(`/playbyplay/playbyplay_${gameId}.json`)).length;
  }

  answer(url: string, res: ServerResponse): void {
    const gameId = /\/playbyplay\/playbyplay_(\d{10})\.json$/.exec(url)?.[1];
    const body = url.endsWith('/scoreboard/todaysScoreboard_00.json') ? this.board : gameId ? this.playByPlay.get(gameId) : undefined;
    // Like the CDN for a game that has not started: 403.
    if (body === undefined) sendJson(res, '<html>Access Denied</html>', { 'Content-Type': 'text/html' }, 403);
    else sendJson(res, body);
  }

  close(): Promise<void> {
    return this.#cdn.close();
  }
}

/**
 * `courtside serve --source nba --feed-url <feed>` in this process, polling every 10 ms (the
 * cadence scaled by `speed` 1000), on a fresh database, serving the baseline forecaster.
 */
export async function serveToday(feed: TodaysFeed, dir: string, options: { exitWhenDone?: boolean } = {}): Promise<{ service: RunningService; log: CapturingLogger }> {
  const log = new CapturingLogger();
  const config = loadConfig({
    source: 'nba', feedUrl: feed.baseUrl, port: 0, host: '127.0.0.1', speed: 1000, dashboard: false, logLevel: 'silent',
    db: path.join(dir, 'courtside.db'), modelDir: BASELINE_MODEL,
    exitWhenDone: options.exitWhenDone ?? false,
  }, {});
  const service = await startService(config, { logger: log, dashboard: false });
  return { service, log };
}
