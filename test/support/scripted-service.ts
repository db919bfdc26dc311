/**
 * `startService` polling a CDN whose scoreboard the test writes, over real HTTP on loopback: for
 * attacks on what the scoreboard says (a malformed entry, a score going backwards) or on whether
 * it answers at all. Play-by-play answers with no actions (tracked exactly, nothing to rebuild).
 * Every scoreboard request can be held unanswered, so a test can look at the service between two
 * poll cycles.
 */
import { rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { startService, type RunningService } from '../../src/main.ts';
import { CapturingLogger } from './capturing-logger.ts';
import { findDataDir } from './data.ts';
import { BASELINE_MODEL } from '../../src/config/model.ts';

export interface ScoreboardAnswer {
  readonly status: number;
  readonly body: string;
}

export class ScriptedCdn {
  /** What the next scoreboard requests get. */
  answer: ScoreboardAnswer = { status: 200, body: scoreboardJson([]) };
  /** While set, scoreboard requests wait (in `held`) instead of being answered. */
  hold = false;
  readonly held: http.ServerResponse[] = [];
  /** Scoreboard answers sent so far, by status. */
  readonly served: number[] = [];
  readonly #server: http.Server;
  readonly #waiters = new Set<() => void>();

  private constructor(server: http.Server) {
    this.#server = server;
  }

  static async start(): Promise<ScriptedCdn> {
    let cdn: ScriptedCdn | undefined;
    const server = http.createServer((req, res) => cdn?.handle(req, res));
    cdn = new ScriptedCdn(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return cdn;
  }

  get feedUrl(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/static/json/liveData`;
  }

  handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const pbp = /\/playbyplay\/playbyplay_(\d{10})\.json$/.exec(req.url ?? '');
    if (pbp) return send(res, { status: 200, body: JSON.stringify({ game: { gameId: pbp[1], actions: [] } }) });
    if (this.hold) this.held.push(res);
    else this.#answer(res);
    this.#changed();
  }

  /** Answers the held requests with the current answer and stops holding. */
  release(): void {
    this.hold = false;
    for (const res of this.held.splice(0)) this.#answer(res);
  }

  /** Resolves once `predicate` holds, checked after every request; rejects with `what` after `timeoutMs`. */
  until(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    return waitFor(predicate, what, timeoutMs, this.#waiters);
  }

  close(): Promise<void> {
    this.release();
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  #answer(res: http.ServerResponse): void {
    this.served.push(this.answer.status);
    send(res, this.answer);
    this.#changed();
  }

  #changed(): void {
    for (const waiter of this.#waiters) waiter();
  }
}

/** A live game as the CDN's scoreboard shows it. */
export function liveGame(gameId: string, teams: string, home: number, away: number, period = 2, clock = 'PT05M00.00S'): Record<string, unknown> {
  return {
    gameId,
    gameCode: `20230420/${teams}`,
    gameStatus: 2,
    gameStatusText: `Q${period} ${clock}`,
    period,
    gameClock: clock,
    gameTimeUTC: '2023-04-20T23:30:00Z',
    gameEt: '2023-04-20T19:30:00Z',
    homeTeam: { teamTricode: teams.slice(3), score: home },
    awayTeam: { teamTricode: teams.slice(0, 3), score: away },
  };
}

export function scoreboardJson(games: readonly unknown[]): string {
  return JSON.stringify({ scoreboard: { gameDate: '2023-04-20', games } });
}

export interface ScriptedService {
  readonly service: RunningService;
  readonly log: CapturingLogger;
  readonly base: string;
  get(route: string, headers?: Record<string, string>): Promise<Response>;
  /** `GET route` as JSON, once `predicate` holds for it; rejects with the last answer after `timeoutMs`. */
  poll<T>(route: string, predicate: (json: T) => boolean, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

/**
 * The service polling `cdn` as if it were the NBA's, with feed time 100 times real time (a
 * 10-second cadence becomes 100 ms), the baseline forecaster (which reads the dataset in
 * `dataDir`) and a fresh database. `env` is all the environment it sees; `dashboard` serves the page too.
 */
export async function startScriptedService(cdn: ScriptedCdn, dataDir: string, env: NodeJS.ProcessEnv = {}, { dashboard = false } = {}): Promise<ScriptedService> {
  const log = new CapturingLogger();
  const db = path.join(os.tmpdir(), `courtside-attack-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.db`);
  const config = loadConfig(
    { source: 'nba', feedUrl: cdn.feedUrl, dataDir, speed: 100, port: 0, host: '127.0.0.1', db, dashboard: false, logLevel: 'silent', modelDir: BASELINE_MODEL },
    env,
  );
  const service = await startService(config, { logger: log, dashboard });
  const base = `http://127.0.0.1:${service.port}`;
  const get = (route: string, headers: Record<string, string> = {}) => fetch(`${base}${route}`, { headers });
  return {
    service,
    log,
    base,
    get,
    async poll<T>(route: string, predicate: (json: T) => boolean, timeoutMs = 10_000): Promise<T> {
      let last: unknown;
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        last = await (await get(route)).json();
        if (predicate(last as T)) return last as T;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`GET ${route} never matched within ${timeoutMs} ms; last answer: ${JSON.stringify(last)}`);
    },
    async close() {
      await service.close();
      for (const file of [db, `${db}-wal`, `${db}-shm`]) rmSync(file, { force: true });
    },
  };
}

export interface SuiteService {
  /** Why the suite's tests must skip (no dataset), else undefined. */
  readonly skip: string | undefined;
  readonly cdn: ScriptedCdn;
  readonly run: ScriptedService;
}

/**
 * Hooks of the current suite: `before` starts a scripted CDN (its first answer set by `prepare`)
 * and the service polling it, `after` stops both. The baseline forecaster needs the dataset;
 * without it, `skip` says why.
 */
export function scriptedServiceForSuite(prepare: (cdn: ScriptedCdn) => void = () => {}, env: NodeJS.ProcessEnv = {}): SuiteService {
  const data = findDataDir('minute_diffs.csv');
  let cdn: ScriptedCdn | undefined;
  let run: ScriptedService | undefined;
  before(async () => {
    if (!data.dir) return;
    cdn = await ScriptedCdn.start();
    prepare(cdn);
    run = await startScriptedService(cdn, data.dir, env);
  });
  after(async () => {
    await run?.close();
    await cdn?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error(`the scripted service is not running${data.reason ? ` (${data.reason})` : ''}`);
    return value;
  };
  return {
    skip: data.reason,
    get cdn() {
      return started(cdn);
    },
    get run() {
      return started(run);
    },
  };
}

function send(res: http.ServerResponse, { status, body }: ScoreboardAnswer): void {
  const type = body.startsWith('<') ? 'text/html' : 'application/json';
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) }).end(body);
}

function waitFor(predicate: () => boolean, what: string, timeoutMs: number, waiters: Set<() => void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (!predicate()) return;
      finish();
      resolve();
    };
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`${what}: not within ${timeoutMs} ms`));
    }, timeoutMs);
    const finish = (): void => {
      clearTimeout(timer);
      waiters.delete(check);
    };
    waiters.add(check);
    check();
  });
}
