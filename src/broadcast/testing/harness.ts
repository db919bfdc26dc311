/**
 * A Broadcaster (the core behind the `ws` transport) on a real HTTP server on an ephemeral
 * loopback port, and WebSocket clients that record every message (each checked against the wire
 * contract) for tests to read in order. The core's own tests use `core-harness.ts`, without sockets.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';
import { WebSocket, type ClientOptions } from 'ws';
import type { GameSnapshot } from '../../protocol/messages.ts';
import { Broadcaster } from '../broadcaster.ts';
import type { BroadcasterOptions } from '../options.ts';
import { MessageReader } from './message-reader.ts';
import { recordingLogger, type LogLine } from './recording.ts';

export { recordingLogger, until, type LogLine } from './recording.ts';

export interface Harness {
  readonly broadcaster: Broadcaster;
  readonly server: Server;
  /** `ws://127.0.0.1:<port>/` */
  readonly url: string;
  /** What the snapshot provider returns; tests may change it. */
  games: GameSnapshot[];
  readonly logs: LogLine[];
  connect(query?: string, options?: ClientOptions): Promise<TestClient>;
}

export async function startHarness(
  t: TestContext,
  options: Partial<BroadcasterOptions> = {},
  games: GameSnapshot[] = [],
): Promise<Harness> {
  const server = createServer((_req, res) => res.writeHead(404).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const logs: LogLine[] = [];
  const clients: TestClient[] = [];
  const harness: Harness = {
    broadcaster: undefined as unknown as Broadcaster,
    server,
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    games,
    logs,
    async connect(query = '', clientOptions = {}) {
      const client = await TestClient.connect(`${this.url}${query}`, clientOptions);
      clients.push(client);
      return client;
    },
  };
  const broadcaster = new Broadcaster({
    server,
    snapshot: () => harness.games,
    validateOutgoing: true,
    logger: recordingLogger(logs),
    ...options,
  });
  Object.assign(harness, { broadcaster });
  t.after(async () => {
    for (const client of clients) client.ws.terminate();
    await broadcaster.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return harness;
}

export class TestClient extends MessageReader {
  readonly ws: WebSocket;
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(ws: WebSocket) {
    super();
    this.ws = ws;
    ws.on('message', (data, isBinary) => {
      if (isBinary) throw new Error('server sent a binary frame');
      this.receive(String(data));
    });
    this.closed = new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  static connect(url: string, options: ClientOptions = {}): Promise<TestClient> {
    const ws = new WebSocket(url, options);
    const client = new TestClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
    });
  }

  send(data: unknown): void {
    this.ws.send(typeof data === 'string' || Buffer.isBuffer(data) ? data : JSON.stringify(data));
  }
}

/** The HTTP status a refused upgrade answered with. */
export function refusedStatus(url: string, options: ClientOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.once('open', () => {
      ws.terminate();
      reject(new Error(`expected ${url} to be refused, but it connected`));
    });
    ws.once('error', () => {});
  });
}
