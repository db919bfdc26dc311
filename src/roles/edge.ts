/**
 * `serve --role edge`: the composition root of one stateless edge. No feed, no model, no store:
 * it follows the games of the `COURTSIDE` stream its clients follow (every game while one of them
 * follows all), keeps each one's state from it (for snapshots and `/api`), and serves the
 * WebSocket clients and the dashboard. Every edge numbers messages by the stream's sequence under
 * the stream's epoch, so a client resumes on any of them.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type GameMessage, StreamServer, type StreamServerOptions } from '../broadcast/index.ts';
import { EdgeArchive } from '../cluster/edge-archive.ts';
import { EdgeFollower } from '../cluster/edge-follower.ts';
import { connectNats } from '../cluster/connection.ts';
import type { StreamMessage } from '../cluster/stream-reader.ts';
import { streamHead } from '../cluster/stream-reader.ts';
import { type Config, natsServers } from '../config.ts';
import { createApiHandler } from '../http/api.ts';
import { BearerToken } from '../http/bearer-token.ts';
import { routeUpgrades } from '../http/upgrades.ts';
import { createLogger } from '../logging.ts';
import { Metrics } from '../observability/metrics.ts';
import { GameLedger } from '../service/game-ledger.ts';
import type { Logger } from '../domain/logger.ts';
import { ensureDashboardBuilt } from '../web/build.ts';
import { createStaticHandler } from '../web/static.ts';

export interface RunningEdge {
  readonly port: number;
  readonly url: string;
  readonly wsUrl: string;
  readonly streamServer: StreamServer;
  readonly follower: EdgeFollower;
  close(): Promise<void>;
}

export interface EdgeDependencies {
  readonly logger?: Logger;
  readonly dashboard?: boolean;
  readonly broadcastOptions?: Omit<StreamServerOptions, 'server' | 'snapshot' | 'logger' | 'hold'>;
  /** How long a game stays followed after its last client left (default 30 s). */
  readonly lingerMs?: number;
}

/** A game's own route; anything else under `/api` is answered without following more. */
const GAME_ROUTE = /^\/api\/games\/(\d{10})$/;

/** How long a client resuming from a seq this edge has not received yet waits for it (another edge may be ahead). */
const RESUME_WAIT_MS = 2_000;

export async function startEdge(config: Config, deps: EdgeDependencies = {}): Promise<RunningEdge> {
  const logger = deps.logger ?? createLogger(config.logLevel);
  const servers = natsServers(config);
  const side = await connectNats({ servers, replicas: config.natsReplicas ?? Math.min(3, servers.length), name: 'courtside-edge' });
  const head = await streamHead(side.jsm);
  const afterSeq = Math.max(0, head.firstSeq - 1);
  const ledger = new GameLedger();
  const archive = new EdgeArchive(head.epoch, afterSeq);
  const streamServer = new StreamServer({
    maxConnections: config.maxConnections,
    maxConnectionsPerAddress: config.maxConnectionsPerAddress,
    ...deps.broadcastOptions,
    snapshot: () => ledger.snapshot(),
    // The follower is made below, before any client can connect.
    hold: (games) => follower.hold(games),
    logger: logger.child({ component: 'broadcast' }),
  }, { epoch: head.epoch, seq: afterSeq, archive });
  const core = streamServer.target;
  // The stream's own bytes go to every client: the same body under the same seq on every edge.
  const sequenced = (message: GameMessage, raw: StreamMessage) => ({ seq: raw.seq, type: message.type, gameId: message.game_id, json: raw.json });
  const follower: EdgeFollower = new EdgeFollower({
    js: side.js,
    jsm: side.jsm,
    wanted: () => core.wantedGames(),
    lingerMs: deps.lingerMs,
    logger: logger.child({ component: 'edge-stream' }),
    target: {
      deliver: (message, raw) => {
        ledger.apply(message);
        archive.append(raw);
        core.deliver(sequenced(message, raw));
      },
      skipTo: (seq) => {
        archive.skipTo(seq);
        core.skipTo(seq);
      },
      backfill: (message, raw) => {
        ledger.apply(message);
        archive.fill(raw);
        core.fill(sequenced(message, raw));
      },
      forget: (gameId) => ledger.forget(gameId),
    },
  }, afterSeq);
  await follower.start();
  logger.info({ epoch: head.epoch, seq: follower.position }, 'edge following the stream');

  const dist = (deps.dashboard ?? config.dashboard) ? await ensureDashboardBuilt({ logger }) : undefined;
  const serveStatic = dist ? createStaticHandler({ root: dist }) : undefined;
  const metrics = new Metrics({ clients: () => streamServer.clientCount, games: () => ledger.size, broadcast: () => streamServer.stats() });
  const token = config.apiToken === undefined ? undefined : new BearerToken(config.apiToken);
  const apiHandler = createApiHandler({
    snapshot: () => ledger.snapshot(),
    registry: metrics.registry,
    token,
    health: () => ({
      status: follower.stalled === undefined && !side.nc.isClosed() ? 'ok' : 'degraded',
      role: 'edge',
      epoch: head.epoch,
      seq: follower.position,
      stalled: follower.stalled ?? null,
      clients: streamServer.clientCount,
      games: ledger.size,
      following: follower.following,
      received: follower.received,
    }),
  });
  // `/api/games` follows every game, `/api/games/:id` that one, as a client would; only for a request
  // the handler will answer with games (not a 401 or 405), so nobody makes the edge take more for nothing.
  const api = (req: IncomingMessage, res: ServerResponse): boolean => {
    const route = new URL(req.url ?? '/', 'http://edge').pathname;
    const gameId = GAME_ROUTE.exec(route)?.[1];
    const answered = (req.method === 'GET' || req.method === 'HEAD') && (token?.allows(req) ?? true);
    const games = route === '/api/games' ? undefined : gameId === undefined ? null : new Set([gameId]);
    const held = answered && games !== null ? follower.hold(games) : undefined;
    if (!held) return apiHandler(req, res);
    held.then(
      () => apiHandler(req, res),
      (error: unknown) => res.writeHead(503, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ error: 'unavailable', message: (error as Error).message })),
    );
    return true;
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (api(req, res)) return;
    if (serveStatic?.(req, res)) return;
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
  });
  routeUpgrades(server, (req: IncomingMessage, socket: Duplex, headBytes: Buffer) => {
    const wanted = resumeSeq(req.url);
    if (wanted <= follower.position) return streamServer.handleUpgrade(req, socket, headBytes);
    // Resuming from another edge that is a few messages ahead: wait for them rather than refuse the resume.
    void follower.reach(wanted, RESUME_WAIT_MS).then(() => {
      if (!socket.destroyed) streamServer.handleUpgrade(req, socket, headBytes);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  logger.info({ port, nats: servers }, `edge streaming on ws://${host}:${port}`);

  let closing: Promise<void> | undefined;
  return {
    port,
    url: `http://${host}:${port}/`,
    wsUrl: `ws://${host}:${port}/`,
    streamServer,
    follower,
    close() {
      closing ??= (async () => {
        follower.stop();
        await streamServer.close();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await side.close();
      })();
      return closing;
    },
  };
}

/** The `last_seq` a connecting client resumes from (0 when it does not resume). */
function resumeSeq(url: string | undefined): number {
  const value = new URL(url ?? '/', 'http://edge').searchParams.get('last_seq');
  const seq = value === null ? 0 : Number(value);
  return Number.isSafeInteger(seq) && seq > 0 ? seq : 0;
}
