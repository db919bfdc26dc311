/**
 * One connected stream consumer: its socket and what the server remembers about it. The core
 * decides; this only records and sends.
 */
import type { Backlog } from './backlog.ts';
import type { ClientInput } from './client-input.ts';
import type { CloseCause } from './errors.ts';
import type { Frame } from './history.ts';
import type { InboundLimits } from './rate-limits.ts';
import type { StreamSocket } from './socket.ts';

export class Client {
  readonly id: number;
  readonly socket: StreamSocket;
  readonly address: string;
  /** What it may send per second. */
  readonly limits: InboundLimits;
  /** Resolves once the socket reports it is closed. */
  readonly closed: Promise<void>;
  /** Games this client receives; undefined means every game. */
  filter: ReadonlySet<string> | undefined = undefined;
  /** Highest seq of a game message actually written to this socket (-1: none yet). */
  lastSentSeq = -1;
  /** Highest seq this client has been told about, snapshots included; errors carry it. */
  position = 0;
  /** Present while the client is slow: what it is owed, compacted. */
  backlog: Backlog | undefined = undefined;
  /** A snapshot asked for while slow, sent (fresh) once it catches up; `false` marks a failed resume. */
  snapshotOwed: { readonly resumed?: false } | undefined = undefined;
  /** When the client fell behind (ms since epoch). */
  slowSince = 0;
  /** Set when the server has decided to close it: nothing more is delivered. */
  closing = false;
  /** False while its greeting waits on the games it asked for (`hold`): it is sent nothing before. */
  greeted = true;
  /** Set while a greeting or subscribe waits on `hold`: the games asked for (undefined: every game). */
  holding: { readonly games: ReadonlySet<string> | undefined } | undefined = undefined;
  /** What it sent while `holding`, handled in order once the hold settles. */
  readonly waiting: ClientInput[] = [];
  /** Why the connection ended, once it has (counted once). */
  closeCause: CloseCause | undefined = undefined;
  #isClosed = false;
  #markClosed: () => void = () => {};

  constructor(id: number, socket: StreamSocket, address: string, limits: InboundLimits) {
    this.id = id;
    this.socket = socket;
    this.address = address;
    this.limits = limits;
    this.closed = new Promise((resolve) => (this.#markClosed = resolve));
  }

  /** `gameId` undefined: a message about the service, for every client. */
  wants(gameId: string | undefined): boolean {
    return this.filter === undefined || gameId === undefined || this.filter.has(gameId);
  }

  /** Writes the shared, already encoded bytes of a broadcast message. */
  sendFrame(frame: Frame): void {
    this.socket.send(frame.wire);
    this.lastSentSeq = frame.seq;
    if (frame.seq > this.position) this.position = frame.seq;
  }

  /** A per-client message (snapshot, error) already encoded. */
  sendText(wire: Buffer, seq: number): void {
    this.socket.send(wire);
    if (seq > this.position) this.position = seq;
  }

  /** Starts closing; resolves once the socket reports it closed (the transport bounds how long that takes). */
  close(code: number, reason: string): Promise<void> {
    this.closing = true;
    if (!this.#isClosed) this.socket.close(code, reason);
    return this.closed;
  }

  /** The socket reported its end. */
  socketClosed(): void {
    this.#isClosed = true;
    this.#markClosed();
  }

  /** Bytes queued for this socket that the peer has not taken yet. */
  get bufferedAmount(): number {
    return this.socket.bufferedAmount;
  }
}
