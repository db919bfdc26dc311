/**
 * A Broadcaster on a real HTTP server on an ephemeral loopback port, and WebSocket clients that
 * record every message (each checked against the wire contract) for tests to read in order.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';
import { WebSocket, type ClientOptions } from 'ws';
import { ServerMessage, type GameSnapshot } from '../../protocol/messages.ts';
import { Broadcaster } from '../broadcaster.ts';
import type { BroadcastLogger } from '../logger.ts';
import type { BroadcasterOptions } from '../options.ts';

export interface LogLine {
  readonly level: string;
  readonly fields: Record<string, unknown>;
  readonly message: string;
  /** When it was logged (`performance.now()`). */
  readonly at: number;
}

export function recordingLogger(lines: LogLine[]): BroadcastLogger {
  const log = (level: string) => (fields: Record<string, unknown>, message: string) => void lines.push({ level, fields, message, at: performance.now() });
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

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

export class TestClient {
  readonly ws: WebSocket;
  /** Every message received so far, in order. */
  readonly messages: ServerMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  #read = 0;
  #wake: (() => void) | undefined;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data, isBinary) => {
      if (isBinary) throw new Error('server sent a binary frame');
      this.messages.push(ServerMessage.parse(JSON.parse(String(data))));
      this.#wake?.();
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

  /** The next message not yet read, waiting for it if needed. */
  async next(): Promise<ServerMessage> {
    while (this.#read >= this.messages.length) await new Promise<void>((resolve) => (this.#wake = resolve));
    return this.messages[this.#read++] as ServerMessage;
  }

  /** Reads on until a message of this type, returning it. */
  async nextOf<T extends ServerMessage['type']>(type: T): Promise<Extract<ServerMessage, { type: T }>> {
    for (;;) {
      const message = await this.next();
      if (message.type === type) return message as Extract<ServerMessage, { type: T }>;
    }
  }

  /** Reads every message up to and including the one with this seq. */
  async readThrough(seq: number): Promise<ServerMessage[]> {
    const read: ServerMessage[] = [];
    for (;;) {
      const message = await this.next();
      read.push(message);
      if (message.type !== 'snapshot' && message.type !== 'error' && message.seq >= seq) return read;
    }
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

/** Re-checks a condition on each turn of the event loop until it holds (the test's timeout bounds it). */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
