/**
 * The protocol core with no transport and no sockets: each client is a `FakeSocket` whose peer
 * records every message (checked against the wire contract) for tests to read in order. The core
 * gets its messages from the local `Publisher`, or from a test acting as another source (a stream
 * an edge consumes) through `core.deliver`. The transport's tests use `harness.ts`, on real sockets.
 */
import type { TestContext } from 'node:test';
import type { GameSnapshot } from '../../protocol/messages.ts';
import { StreamCore, type CoreOptions } from '../core.ts';
import { resolveOptions, type BroadcasterOptions } from '../options.ts';
import { Publisher } from '../publisher.ts';
import { FakeSocket, type Peer } from './fake-socket.ts';
import { MessageReader } from './message-reader.ts';
import { recordingLogger, type LogLine } from './recording.ts';

export interface CoreHarness {
  readonly core: StreamCore;
  /** The local message source: numbers and logs each message, then hands it to the core. */
  readonly publisher: Publisher;
  /** What the snapshot provider returns; tests may change it. */
  games: GameSnapshot[];
  readonly logs: LogLine[];
  /** A client connecting with this query (`?game_ids=…`, `?epoch=…&last_seq=…`); greeted at once. */
  connect(query?: string): FakeClient;
}

/** Where the stream starts and what archive it reads, when not the durable log's (an edge's stream). */
export type CoreStart = Partial<Pick<CoreOptions, 'seq' | 'archive'>>;

/** Frames are the JSON's bytes as they are: the core does not care how its transport frames them. */
const plainText = (json: string): Buffer => Buffer.from(json);

export function startCore(t: TestContext, options: Partial<BroadcasterOptions> = {}, games: GameSnapshot[] = [], start: CoreStart = {}): CoreHarness {
  const logs: LogLine[] = [];
  const clients: FakeClient[] = [];
  let harness: CoreHarness | undefined;
  const o = resolveOptions({ snapshot: () => harness?.games ?? [], validateOutgoing: true, logger: recordingLogger(logs), ...options });
  const core = new StreamCore({ ...o, seq: start.seq ?? o.lastSeq, archive: 'archive' in start ? start.archive : o.log, encode: plainText });
  harness = {
    core,
    publisher: new Publisher(core, o),
    games,
    logs,
    connect(query = '') {
      const client = new FakeClient(o.closeGraceMs);
      clients.push(client);
      core.open(client.socket, { address: '127.0.0.1', query: new URLSearchParams(query) });
      return client;
    },
  };
  // The core's timers are unref'd and fake sockets hold no handle: stand in for a transport's
  // open sockets, or a test awaiting a timeout would see the event loop run dry.
  const alive = setInterval(() => {}, 60_000);
  t.after(async () => {
    clearInterval(alive);
    for (const client of clients) client.socket.terminate();
    await core.close();
  });
  return harness;
}

/** A client of the core: what it sends arrives in a later turn; what it is sent is read in order. */
export class FakeClient extends MessageReader implements Peer {
  readonly socket: FakeSocket;
  /** How the connection ended, as the peer saw it. */
  readonly closed: Promise<{ code: number; reason: string }>;
  #onClosed: (close: { code: number; reason: string }) => void = () => {};

  constructor(graceMs: number) {
    super();
    this.socket = new FakeSocket(this, graceMs);
    this.closed = new Promise((resolve) => (this.#onClosed = resolve));
  }

  onText(text: string): void {
    this.receive(text);
  }

  onClose(code: number, reason: string): void {
    this.#onClosed({ code, reason });
  }

  /** Text as a text frame, a Buffer as a binary frame, anything else as JSON text. */
  send(data: unknown): void {
    if (Buffer.isBuffer(data)) this.socket.receive(data, true);
    else this.socket.receive(Buffer.from(typeof data === 'string' ? data : JSON.stringify(data)), false);
  }
}
