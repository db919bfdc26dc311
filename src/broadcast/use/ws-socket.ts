/**
 * A `ws` WebSocket as the core's `StreamSocket`. Messages are written already framed
 * (`textFrame`) straight to the TCP stream under the WebSocket, corked until the end of the
 * burst, so a frame built once goes to a thousand clients without being framed a thousand times.
 * That is safe beside ws's own writes (pings, pongs, the close frame) only because ws writes every
 * frame to the stream before returning and compresses nothing: `assertRawWritable` checks both
 * when the transport starts. Nothing is written once closing starts, so nothing follows a close frame.
 */
import type { WebSocket } from 'ws';
import type { SocketEvents, StreamSocket } from '../socket.ts';
import type { Corkable, Corks } from './corks.ts';
import type { Pingable } from './heartbeat.ts';

/** The TCP stream under a client's WebSocket: frames are written to it already framed. */
export interface FrameStream extends Corkable {
  write(chunk: Buffer): boolean;
}

/** `WebSocket.OPEN`, without importing ws's runtime here. */
const OPEN = 1;

export class WsSocket implements StreamSocket, Pingable {
  isAlive = true;
  readonly #ws: WebSocket;
  readonly #stream: FrameStream;
  readonly #corks: Corks;
  readonly #graceMs: number;
  /** The sockets the heartbeat watches: this one from `listen` until it closes or starts closing. */
  readonly #live: Set<WsSocket>;
  #events: SocketEvents | undefined;
  /** Bytes written in the burst under way: corked, so not yet offered to the peer. */
  #burstBytes = 0;

  constructor(ws: WebSocket, stream: FrameStream, corks: Corks, graceMs: number, live: Set<WsSocket>) {
    this.#ws = ws;
    this.#stream = stream;
    this.#corks = corks;
    this.#graceMs = graceMs;
    this.#live = live;
  }

  listen(events: SocketEvents): void {
    this.#events = events;
    this.#live.add(this);
    const ws = this.#ws;
    // ws reports frames it cannot accept (bad framing, bad UTF-8, too big) and closes the connection itself.
    ws.on('error', (error) => {
      this.#live.delete(this);
      events.failed('protocol_error', error.message);
    });
    ws.on('pong', () => {
      this.isAlive = true;
    });
    ws.on('message', (data, isBinary) => events.message(data, isBinary));
    ws.on('close', (code) => {
      this.#live.delete(this);
      events.closed(code);
    });
  }

  send(wire: Buffer): void {
    if (this.#ws.readyState !== OPEN) return;
    if (!this.#corks.holds(this.#stream)) {
      this.#burstBytes = 0;
      this.#corks.hold(this.#stream);
    }
    this.#burstBytes += wire.length;
    this.#stream.write(wire);
  }

  /** Sends the close frame; a peer that does not answer it within the grace is cut off. */
  close(code: number, reason: string): void {
    this.#live.delete(this);
    const ws = this.#ws;
    if (ws.readyState === ws.CLOSED) return;
    const cut = setTimeout(() => ws.terminate(), this.#graceMs);
    ws.once('close', () => clearTimeout(cut));
    ws.close(code, reason);
  }

  /**
   * Bytes the kernel refused so far: queued in user space, less the burst under way, which is
   * only corked. Counting a large snapshot's own bytes would call every reader slow the moment
   * one is written, and a check a moment later would find it caught up.
   */
  get bufferedAmount(): number {
    const burst = this.#corks.holds(this.#stream) ? this.#burstBytes : 0;
    return Math.max(0, this.#ws.bufferedAmount - burst);
  }

  ping(): void {
    this.#ws.ping();
  }

  /** The peer missed a ping: the core is told, then the connection is cut. */
  dead(): void {
    this.#live.delete(this);
    this.#events?.failed('dead_peer', 'no pong since the last ping; terminating');
    this.#ws.terminate();
  }
}
