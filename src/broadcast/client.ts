/**
 * One connected stream consumer: its socket and what the server remembers about it. The
 * broadcaster decides; this only records and sends.
 */
import type { WebSocket } from 'ws';
import type { Backlog } from './backlog.ts';
import type { Corkable } from './corks.ts';
import type { CloseCause } from './errors.ts';
import type { Frame } from './history.ts';
import type { InboundLimits } from './rate-limits.ts';

/** The TCP stream under a client's WebSocket: frames are written to it already framed. */
export interface FrameStream extends Corkable {
  write(chunk: Buffer): boolean;
}

/** Frames are pre-serialized UTF-8 JSON: send them as text without a per-client conversion. */
const AS_TEXT = { binary: false } as const;
/** `WebSocket.OPEN`, without importing ws's runtime here. */
const OPEN = 1;

export class Client {
  readonly id: number;
  readonly ws: WebSocket;
  /** The TCP stream under `ws`: broadcast frames go straight to it, corked during a burst. */
  readonly stream: FrameStream;
  readonly address: string;
  /** What it may send per second. */
  readonly limits: InboundLimits;
  /** Games this client receives; undefined means every game. */
  filter: ReadonlySet<string> | undefined = undefined;
  /** Cleared at each ping, set by the pong: still false at the next ping means the peer is gone. */
  isAlive = true;
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
  /** Why the connection ended, once it has (counted once). */
  closeCause: CloseCause | undefined = undefined;

  constructor(id: number, ws: WebSocket, stream: FrameStream, address: string, limits: InboundLimits) {
    this.id = id;
    this.ws = ws;
    this.stream = stream;
    this.address = address;
    this.limits = limits;
  }

  wants(gameId: string): boolean {
    return this.filter === undefined || this.filter.has(gameId);
  }

  /**
   * Writes the shared, already framed bytes. Safe beside `ws`'s own writes (pings, snapshots, the
   * close frame) because without compression ws writes every frame to the socket synchronously,
   * so frames never interleave; and nothing follows a close frame, as `ws.send` would ensure.
   */
  sendFrame(frame: Frame): void {
    if (this.ws.readyState !== OPEN) return;
    this.stream.write(frame.wire);
    this.lastSentSeq = frame.seq;
    if (frame.seq > this.position) this.position = frame.seq;
  }

  /** A per-client message (snapshot, error) already serialized. */
  sendText(data: Buffer, seq: number): void {
    if (this.ws.readyState !== OPEN) return;
    this.ws.send(data, AS_TEXT);
    if (seq > this.position) this.position = seq;
  }

  /** Sends the close frame; a peer that does not answer it within `graceMs` is cut off. */
  close(code: number, reason: string, graceMs: number): Promise<void> {
    this.closing = true;
    const ws = this.ws;
    if (ws.readyState === ws.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const cut = setTimeout(() => ws.terminate(), graceMs);
      ws.once('close', () => {
        clearTimeout(cut);
        resolve();
      });
      ws.close(code, reason);
    });
  }

  /** Bytes queued in user space for this socket: what the kernel has not accepted yet. */
  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }
}
