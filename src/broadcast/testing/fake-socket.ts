/**
 * A `StreamSocket` without a network, for the core's tests. It keeps the socket contract: what is
 * sent arrives in order, nothing after the close starts, and `closed` is reported once, later,
 * however the connection ends. A paused peer reads nothing: what is sent waits and counts in
 * `bufferedAmount` (tests may also set that directly), and a close waits behind it for `graceMs`
 * before the connection is cut, as a transport's close handshake would.
 */
import { Client } from '../client.ts';
import { InboundLimits } from '../rate-limits.ts';
import type { SocketEvents, StreamSocket } from '../socket.ts';

/** The far end: what it receives, and how its connection ended. */
export interface Peer {
  onText(text: string): void;
  onClose(code: number, reason: string): void;
}

/** The code a peer sees when the connection is cut without a close frame. */
const ABNORMAL = 1006;
/** What `close()` without a code sends (RFC 6455: no status code present). */
const NO_STATUS = 1005;

export class FakeSocket implements StreamSocket {
  bufferedAmount = 0;
  /** Every message the peer has read, as text, in order. */
  readonly sent: string[] = [];
  /** The close the core asked for, if it did. */
  closeRequested: { readonly code: number; readonly reason: string } | undefined;
  readonly #peer: Peer | undefined;
  readonly #graceMs: number;
  #events: SocketEvents | undefined;
  #paused = false;
  #waiting: Buffer[] = [];
  #cut: NodeJS.Timeout | undefined;
  #isClosed = false;

  constructor(peer?: Peer, graceMs = 5_000) {
    this.#peer = peer;
    this.#graceMs = graceMs;
  }

  get isOpen(): boolean {
    return !this.#isClosed && this.closeRequested === undefined;
  }

  listen(events: SocketEvents): void {
    this.#events = events;
  }

  send(wire: Buffer): void {
    if (!this.isOpen) return;
    if (!this.#paused) {
      this.#deliver(wire);
      return;
    }
    this.#waiting.push(wire);
    this.bufferedAmount += wire.length;
  }

  close(code: number, reason: string): void {
    if (!this.isOpen) return;
    this.closeRequested = { code, reason };
    if (!this.#paused) this.#end(code, reason);
    else this.#cut = setTimeout(() => this.#end(ABNORMAL, ''), this.#graceMs);
  }

  /** The peer stops reading, as a stalled browser tab would. */
  pause(): void {
    this.#paused = true;
  }

  /** The peer reads what waited, and the close frame behind it if there is one. */
  resume(): void {
    this.#paused = false;
    const waiting = this.#waiting;
    this.#waiting = [];
    this.bufferedAmount = 0;
    for (const wire of waiting) this.#deliver(wire);
    const close = this.closeRequested;
    if (close && !this.#isClosed) this.#end(close.code, close.reason);
  }

  /** The peer sends a frame; it arrives in a later turn, as from a network. */
  receive(data: Buffer, isBinary: boolean): void {
    setImmediate(() => {
      if (!this.#isClosed) this.#events?.message(data, isBinary);
    });
  }

  /** The peer closes on its own. */
  hangUp(): void {
    this.#end(NO_STATUS, '');
  }

  /** The connection is cut at once. */
  terminate(): void {
    this.#end(ABNORMAL, '');
  }

  /** The transport gives up on the connection (a broken frame, a missed pong); the close follows. */
  fail(cause: 'protocol_error' | 'dead_peer', detail: string): void {
    this.#events?.failed(cause, detail);
    this.terminate();
  }

  #deliver(wire: Buffer): void {
    const text = wire.toString('utf8');
    this.sent.push(text);
    this.#peer?.onText(text);
  }

  #end(code: number, reason: string): void {
    if (this.#isClosed) return;
    this.#isClosed = true;
    clearTimeout(this.#cut);
    this.bufferedAmount = 0;
    setImmediate(() => {
      this.#peer?.onClose(code, reason);
      this.#events?.closed(code);
    });
  }
}

let nextId = 1;

/** A client of the core on a fake socket, for unit tests of the client bookkeeping. */
export function fakeClient(): { client: Client; socket: FakeSocket } {
  const socket = new FakeSocket();
  return { client: new Client(nextId++, socket, '10.0.0.1', new InboundLimits({ messages: 50, subscribes: 10, resumes: 2 })), socket };
}
