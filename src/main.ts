/**
 * The composition root: the one place that builds the adapters (feed client, fake CDN, store,
 * HTTP server, WebSocket broadcaster, dashboard assets, metrics) and hands them to the service as
 * interfaces.
 */
import { rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Broadcaster, type BroadcasterOptions } from './broadcast/index.ts';
import type { Config } from './config.ts';
import { PROJECT_ROOT } from './data/location.ts';
import { NbaFeedClient } from './feed/client.ts';
import type { NbaFeedClientOptions } from './feed/options.ts';
import { PollLoop } from './feed/poll-loop.ts';
import { createApiHandler } from './http/api.ts';
import { BearerToken } from './http/bearer-token.ts';
import { routeUpgrades } from './http/upgrades.ts';
import { createLogger } from './logging.ts';
import { FeedHealth } from './observability/feed-health.ts';
import { Metrics } from './observability/metrics.ts';
import { registerStoreMetrics, withStoreStatus } from './observability/store-status.ts';
import { chooseInGameModel } from './in-game-choice.ts';
import { choosePredictor } from './predictor-choice.ts';
import { ListenError } from './http/errors.ts';
import { startArchiveCdn } from './replay/archive/archive-cdn.ts';
import { startFakeCdn, type FakeCdnOptions } from './replay/fake-cdn.ts';
import { StoreJournal } from './service/journal.ts';
import type { MinuteForecastStore } from './service/minute-forecast-store.ts';
import { MinuteForecasts } from './service/minute-forecasts.ts';
import { FeedStatusReporter } from './service/feed-status.ts';
import { Persistence } from './service/persistence.ts';
import { Pipeline } from './service/pipeline.ts';
import type { Logger } from './domain/logger.ts';
import type { MessageSink } from './domain/message-sink.ts';
import type { ServerMessage, Unsequenced } from './protocol/messages.ts';
import { StoreHealth } from './service/store-health.ts';
import type { GameStore } from './service/store-port.ts';
import { openStore, type SqliteStore } from './store/sqlite-store.ts';
import { builtDashboard } from './web/dashboard.ts';
import { createStaticHandler } from './web/static.ts';

export interface RunningService {
  readonly port: number;
  /** `http://host:port/`: the dashboard. */
  readonly url: string;
  /** `ws://host:port/`: the stream. */
  readonly wsUrl: string;
  /** The feed being polled (the fake CDN's URL in a replay). */
  readonly feedUrl: string;
  readonly pipeline: Pipeline;
  readonly broadcaster: Broadcaster;
  readonly metrics: Metrics;
  /** Resolves when `--exit-when-done` saw every game final and every message sent. */
  readonly done: Promise<void>;
  close(): Promise<void>;
}

export interface ServiceDependencies {
  readonly logger?: Logger;
  /** false: serve the stream only, without the dashboard (tests of the stream alone). */
  readonly dashboard?: boolean;
  /** Feed client tuning (timeouts, retries, breaker), e.g. short ones in fault tests. */
  readonly feedOptions?: Omit<NbaFeedClientOptions, 'baseUrl' | 'observer'>;
  /** Broadcaster tuning (heartbeat, limits, slow-client thresholds). */
  readonly broadcastOptions?: Omit<BroadcasterOptions, 'server' | 'snapshot' | 'log' | 'logger'>;
  /** Replay tuning passed to the embedded fake CDN (fault injection in tests). */
  readonly replayOptions?: Pick<FakeCdnOptions, 'faults' | 'transform' | 'now'>;
  /** Opens the store (default `openStore`), e.g. one whose writes fail on demand in tests. */
  readonly openStore?: (file: string) => ServiceStore;
  /** Sees every message the service publishes, once it has its `seq` (the terminal's night report). */
  readonly onMessage?: (message: ServerMessage) => void;
}

/** What the service needs of its store beyond the port: where it is, and its checkpointer's counts. */
export type ServiceStore = GameStore & MinuteForecastStore & Pick<SqliteStore, 'file' | 'checkpointStats'>;

/** The service's logger as its config asks (level, format), in color on a terminal unless NO_COLOR. */
export function serviceLogger(config: Pick<Config, 'logLevel' | 'logFormat'>): Logger {
  return createLogger(config.logLevel, { format: config.logFormat, color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR });
}

export async function startService(config: Config, deps: ServiceDependencies = {}): Promise<RunningService> {
  const logger = deps.logger ?? serviceLogger(config);
  const predictor = await choosePredictor(config, logger);
  const cdn = config.source !== 'replay'
    ? undefined
    : config.archive !== undefined
      ? await startArchiveCdn({ file: config.archive, speed: config.speed, warn: (m) => logger.warn({}, m), onError: (err, path) => logger.error({ err, path }, 'archive replay failed') })
      : await startFakeCdn({ dataDir: config.dataDir as string, date: config.date, speed: config.speed, host: '127.0.0.1', port: 0, ...deps.replayOptions });
  const feedUrl = cdn ? cdn.url : config.feedUrl;
  // How fast the feed's game time runs: a replay's speed, or 1 for the NBA (or `--speed` when the
  // NBA-shaped feed is itself a replay running elsewhere, e.g. `courtside replay --speed 2000`).
  const speed = cdn ? cdn.speed : (config.speed ?? 1);
  if (cdn) logger.info({ date: cdn.date, ...('games' in cdn ? { games: cdn.games.length } : { archive: config.archive }), speed, feedUrl }, 'replaying a recorded night');
  // After the night is found: a start-up that fails before it leaves no database behind.
  const dbFile = config.db ?? defaultDbFile(config);
  const store = (deps.openStore ?? openStore)(dbFile);
  logger.info({ db: store.file }, 'state store open');
  const removeReplayDb = (): void => {
    if (!config.db && config.source === 'replay') for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) rmSync(f, { force: true });
  };
  let inGame;
  try {
    inGame = await chooseInGameModel(config, store, logger);
  } catch (error) {
    store.close();
    removeReplayDb();
    await cdn?.close();
    throw error;
  }

  const dist = (deps.dashboard ?? config.dashboard) ? builtDashboard() : undefined;
  const serveStatic = dist ? createStaticHandler({ root: dist }) : undefined;

  // The pipeline is built after the broadcaster it feeds; the broadcaster asks it for snapshots.
  let pipeline: Pipeline | undefined;
  const snapshot = () => pipeline?.snapshot() ?? [];
  const server = createServer((req, res) => route(req, res));
  // Failed writes make the service degraded, never silent: it streams from memory and retries.
  const storeHealth = new StoreHealth({ logger: logger.child({ component: 'store' }) });
  const { maxConnections, maxConnectionsPerAddress, token, allowedOrigins } = config;
  const broadcaster = new Broadcaster({ maxConnections, maxConnectionsPerAddress, token, allowedOrigins, ...deps.broadcastOptions, snapshot, logger: logger.child({ component: 'broadcast' }), log: new StoreJournal(store, storeHealth) });
  storeHealth.track('messages', () => broadcaster.unloggedMessages);
  // Every source is read when /metrics is scraped, by which time the feed client below exists.
  const metrics = new Metrics({
    clients: () => broadcaster.clientCount,
    games: () => pipeline?.games.size ?? 0,
    broadcast: () => broadcaster.stats(),
    checkpoints: () => store.checkpointStats(),
    playByPlay: () => feed.playByPlayStats,
  });
  registerStoreMetrics(metrics.registry, () => storeHealth.state());
  const feedHealth = new FeedHealth();
  const feed = new NbaFeedClient({
    timeoutMs: config.feedTimeoutMs,
    ...deps.feedOptions,
    baseUrl: feedUrl,
    observer: {
      onResponse: (e) => {
        metrics.feedObserver.onResponse(e);
        feedHealth.onResponse(e);
        // An answering scoreboard can end a silence (or start the night) at once, not at the cycle's end.
        if (e.endpoint === 'scoreboard' && e.outcome !== 'error') feedStatus.check();
      },
    },
  });
  const minuteForecasts = inGame && new MinuteForecasts({ ...inGame, sink: broadcaster, store, logger: logger.child({ component: 'in-game' }) });
  pipeline = new Pipeline({
    feed,
    sink: deps.onMessage ? tapSink(broadcaster, deps.onMessage, logger) : broadcaster,
    predictor,
    logger: logger.child({ component: 'pipeline' }),
    persistence: new Persistence(store, storeHealth),
    storeHealth,
    minuteForecasts,
    hooks: {
      onGameEvent: (record, event) => metrics.onGameEvent(record, event),
      onUnreadableClock: () => metrics.unreadableClock(),
      onScoreboardEntryRejected: () => metrics.scoreboardEntryRejected(),
      onBackwardScore: () => metrics.backwardScore(),
    },
  });
  const live = pipeline;

  const api = createApiHandler({
    snapshot,
    forecastHistory: (gameId) => minuteForecasts?.history(gameId) ?? [],
    registry: metrics.registry,
    token: config.apiToken === undefined ? undefined : new BearerToken(config.apiToken),
    health: () => withStoreStatus(
      feedHealth.report({ ...feedLoopState(), feedUrl, source: config.source, games: live.snapshot(), clients: broadcaster.clientCount, modelVersion: predictor.modelVersion }),
      storeHealth.state(),
    ),
  });
  routeUpgrades(server, (req, socket, head) => broadcaster.handleUpgrade(req, socket, head));
  function route(req: IncomingMessage, res: ServerResponse): void {
    if (api(req, res)) return;
    if (serveStatic?.(req, res)) return;
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
  }

  // Judged after every scoreboard answer and poll cycle, and between them (once there was one) so a feed that stops answering goes stale.
  const feedLoopState = () => ({ breaker: feed.breakerState, failedCycles: loop.view.consecutiveErrors });
  const feedStatus = new FeedStatusReporter({ sink: broadcaster, condition: () => feedHealth.condition(feedLoopState()), logger: logger.child({ component: 'feed' }) });
  const feedWatch = setInterval(() => void (loop.cycles > 0 && feedStatus.check()), FEED_WATCH_MS).unref();

  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  let finishing = false;
  const loop = new PollLoop({
    cycle: async () => {
      const started = performance.now();
      // What the log lacks first: the forecasts and grades the cycle may then send go in behind it.
      broadcaster.retryLog();
      const summary = await live.cycle();
      storeHealth.refresh();
      metrics.cycleFinished((performance.now() - started) / 1000);
      if (config.exitWhenDone && !finishing && live.allComplete && (cdn?.isFinished() ?? true)) {
        finishing = true;
        // After this cycle returns: stopping the loop from inside its own cycle would wait on itself.
        setImmediate(() => void finish());
      }
      return summary;
    },
    cadence: { liveSeconds: config.pollSeconds },
    timeScale: 1 / speed,
    onError: (err: unknown) => logger.error({ err }, 'poll cycle failed'),
    onScheduled: () => feedStatus.check(),
  });
  async function finish(): Promise<void> {
    await loop.stop();
    await broadcaster.whenFlushed();
    logger.info({ games: live.games.size, messages: broadcaster.seq }, 'every game final and every message sent');
    resolveDone();
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
  } catch (error) {
    await broadcaster.close();
    await cdn?.close();
    store.close();
    removeReplayDb();
    throw new ListenError(error as NodeJS.ErrnoException, config.port, config.host);
  }
  const port = (server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  loop.start();
  logger.info({ port, feedUrl, source: config.source, speed, modelVersion: predictor.modelVersion }, `streaming on ws://${host}:${port}`);

  let closing: Promise<void> | undefined;
  return {
    port,
    url: `http://${host}:${port}/`,
    wsUrl: `ws://${host}:${port}/`,
    feedUrl,
    pipeline: live,
    broadcaster,
    metrics,
    done,
    close() {
      closing ??= (async () => {
        await loop.stop();
        clearInterval(feedWatch);
        await broadcaster.close();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await cdn?.close();
        broadcaster.retryLog();
        store.close();
        removeReplayDb();
      })();
      return closing;
    },
  };
}

/** How often the feed's state is judged between poll cycles (a cycle may hang up to its timeouts). */
const FEED_WATCH_MS = 5_000;

/** The NBA's state lives on across restarts; an embedded replay starts its night anew each run. */
function defaultDbFile(config: Config): string {
  if (config.source === 'nba') return path.join(PROJECT_ROOT, 'data/courtside.db');
  return path.join(os.tmpdir(), `courtside-replay-${process.pid}-${Date.now()}.db`);
}

type OutboundSink = MessageSink<Unsequenced<ServerMessage>>;

/** The sink, and a look at each message it took; a failing look never costs the stream a message. */
function tapSink(sink: OutboundSink, look: (message: ServerMessage) => void, logger: Logger): OutboundSink {
  return {
    publish(message, key) {
      const seq = sink.publish(message, key);
      try {
        look({ ...message, seq } as ServerMessage);
      } catch (error) {
        logger.warn({ err: error }, 'terminal report failed on a message');
      }
      return seq;
    },
  };
}
