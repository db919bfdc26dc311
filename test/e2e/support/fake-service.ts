/**
 * A stand-in for Courtside's service: one http.Server that serves the built dashboard through
 * the real static handler and a WebSocket that speaks the public protocol. Every message is
 * checked against the protocol's zod schemas before it is sent, and the game state it keeps
 * is exactly what its snapshot reports to a client that (re)connects.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import {
  GameSnapshot,
  ServerMessage,
  type ForecastUpdate,
  type HalftimeResult,
  type MinuteForecast,
  type MlPrediction,
  type ScoreUpdateData,
  type Snapshot,
} from '../../../src/protocol/messages.ts';
import { createStaticHandler } from '../../../src/web/static.ts';

type Body<M> = Omit<M, 'type' | 'seq' | 'timestamp' | 'game_id'>;

export class FakeNight {
  readonly games = new Map<string, GameSnapshot>();
  /** Each game's minute forecasts, as `/api/games/:id` gives them. */
  readonly forecastHistory = new Map<string, MinuteForecast[]>();
  private seq = 0;

  constructor(
    readonly epoch: string,
    games: readonly GameSnapshot[] = [],
  ) {
    for (const g of games) this.games.set(g.game_id, GameSnapshot.parse(g));
  }

  private envelope() {
    this.seq += 1;
    return { seq: this.seq, timestamp: new Date().toISOString() };
  }

  private game(id: string): GameSnapshot {
    const g = this.games.get(id);
    if (!g) throw new Error(`FakeNight: unknown game ${id}`);
    return g;
  }

  snapshot(): Snapshot {
    return ServerMessage.parse({ type: 'snapshot', ...this.envelope(), epoch: this.epoch, games: [...this.games.values()] }) as Snapshot;
  }

  score(id: string, data: ScoreUpdateData): ServerMessage {
    const now = new Date().toISOString();
    const known = this.games.get(id) ?? { game_id: id, pattern: [], approximate: false, prediction: null, halftime: null };
    this.games.set(id, { ...known, data, updated_at: now });
    return ServerMessage.parse({ type: 'score_update', ...this.envelope(), game_id: id, data });
  }

  progress(id: string, pattern: number[], approximate = false): ServerMessage {
    const g = this.game(id);
    this.games.set(id, { ...g, pattern, approximate, updated_at: new Date().toISOString() });
    const collected = pattern.length;
    return ServerMessage.parse({
      type: 'pattern_progress',
      ...this.envelope(),
      game_id: id,
      minutes_collected: collected,
      minutes_needed: 18,
      progress_percent: Math.min(100, Math.round((collected / 18) * 1000) / 10),
      pattern,
      approximate,
    });
  }

  predict(id: string, body: Body<MlPrediction>): ServerMessage {
    const g = this.game(id);
    this.games.set(id, { ...g, prediction: body });
    return ServerMessage.parse({ type: 'ml_prediction', ...this.envelope(), game_id: id, ...body });
  }

  /** A minute's forecast: kept in the game's history and snapshot, and the message that says it. */
  minuteForecast(id: string, body: Body<ForecastUpdate>): ServerMessage {
    const g = this.game(id);
    const envelope = this.envelope();
    const kept = { ...body, made_at: envelope.timestamp };
    this.games.set(id, { ...g, minute_forecast: kept });
    this.forecastHistory.set(id, [...(this.forecastHistory.get(id) ?? []), kept]);
    return ServerMessage.parse({ type: 'forecast_update', ...envelope, game_id: id, ...body });
  }

  halftime(id: string, body: Body<HalftimeResult>): ServerMessage {
    const g = this.game(id);
    this.games.set(id, { ...g, halftime: body });
    return ServerMessage.parse({ type: 'halftime_result', ...this.envelope(), game_id: id, ...body });
  }
}

export interface FakeService {
  readonly port: number;
  readonly url: string;
  /** The URL (path and query) of every WebSocket connection, in order. */
  readonly connections: readonly string[];
  /** Sends to every connected page. */
  broadcast(message: ServerMessage): void;
  /** Sends bytes as they are, bypassing validation: for hostile-input tests only. */
  broadcastRaw(text: string): void;
  /** Drops every client at once, like a crashed server, and stops listening. */
  kill(): Promise<void>;
}

export async function startFakeService(options: { root: string; night: FakeNight; port?: number }): Promise<FakeService> {
  const serveStatic = createStaticHandler({ root: options.root });
  const server = http.createServer((req, res) => {
    const game = /^\/api\/games\/(\d{10})$/.exec(req.url ?? '')?.[1];
    const known = game === undefined ? undefined : options.night.games.get(game);
    if (game !== undefined && known) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...known, forecast_history: options.night.forecastHistory.get(game) ?? [] }));
    } else if (!serveStatic(req, res)) res.writeHead(405).end();
  });
  const wss = new WebSocketServer({ server });
  const connections: string[] = [];
  wss.on('connection', (socket, req) => {
    connections.push(req.url ?? '');
    socket.send(JSON.stringify(options.night.snapshot()));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const sendAll = (text: string) => {
    for (const client of wss.clients) if (client.readyState === WebSocket.OPEN) client.send(text);
  };
  return {
    port,
    url: `http://127.0.0.1:${port}/`,
    connections,
    broadcast: (message) => sendAll(JSON.stringify(ServerMessage.parse(message))),
    broadcastRaw: sendAll,
    async kill() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
