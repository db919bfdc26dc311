/**
 * Courtside's WebSocket stream, composed: the `Publisher` stamps every per-game message with a
 * server-wide `seq` and logs it, the protocol core (`core.ts`) keeps a bounded history for
 * `resume` and fans each message out to the clients subscribed to its game, and the `ws`
 * transport (`use/ws.ts`) admits clients and carries their frames. Greets each client with a
 * snapshot, answers bad input with an `error` message, keeps slow readers from holding anyone
 * back, and finds dead peers with pings.
 *
 * Frames above `maxPayloadBytes` get a `message_too_large` reply; frames above four times that
 * are not even read: ws closes the connection with 1009, so a hostile client cannot make the
 * server buffer megabytes. What the server holds for one client is bounded by its output budget
 * (4009), what it may ask for by its rate limits (4029), and resumes are replayed a page per turn.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ServerMessage, Unsequenced } from '../protocol/messages.ts';
import { StreamCore, type StreamStats } from './core.ts';
import { resolveOptions, type BroadcasterOptions } from './options.ts';
import { Publisher } from './publisher.ts';
import type { MessageSink } from './sink.ts';
import { WsTransport, type AdmissionStats } from './use/ws.ts';

export type BroadcastStats = StreamStats & AdmissionStats;

export class Broadcaster implements MessageSink {
  readonly #core: StreamCore;
  readonly #publisher: Publisher;
  readonly #transport: WsTransport;
  #closing: Promise<void> | undefined;

  constructor(options: BroadcasterOptions) {
    const o = resolveOptions(options);
    this.#core = new StreamCore({ ...o, seq: o.lastSeq, archive: o.log, encode: WsTransport.encode });
    this.#publisher = new Publisher(this.#core, o);
    this.#transport = new WsTransport(o, this.#core);
  }

  get clientCount(): number {
    return this.#core.clientCount;
  }

  /** The seq of the last published message (0 before the first). */
  get seq(): number {
    return this.#core.seq;
  }

  /** Identifies this server's history; changes when the durable log fails (see `LogWriter`). */
  get epoch(): string {
    return this.#core.epoch;
  }

  /** Messages published while the durable log failed, not in it yet. */
  get unloggedMessages(): number {
    return this.#publisher.held;
  }

  /** Writes the messages held since the durable log failed, if it works again; true once none is held. */
  retryLog(): boolean {
    return this.#publisher.retryLog();
  }

  /**
   * Stamps the next seq, appends to the durable log (if any) and the history, and delivers to the
   * subscribers of the message's game. Returns the seq. After `close()` messages are still
   * stamped and logged, so clients of the next run can resume through them.
   */
  publish(message: Unsequenced<ServerMessage>): number {
    return this.#publisher.publish(message);
  }

  /** For servers that route upgrades themselves; attached automatically when `server` is given. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#transport.handleUpgrade(req, socket, head);
  }

  stats(): BroadcastStats {
    return { ...this.#core.stats(), ...this.#transport.stats() };
  }

  /** Resolves once every client's send buffer and backlog are empty (clients that leave stop counting). */
  whenFlushed(): Promise<void> {
    return this.#core.whenFlushed();
  }

  /**
   * Lets replays under way finish (within `closeGraceMs`), then closes every client with 1001 and
   * stops the timers; resolves when all sockets are closed. Upgrades that arrive meanwhile or later
   * are refused with 503 until the HTTP server itself closes.
   */
  close(): Promise<void> {
    this.#closing ??= this.#shutDown();
    return this.#closing;
  }

  async #shutDown(): Promise<void> {
    this.#transport.stopAdmitting();
    await this.#core.close();
    await this.#transport.close();
  }
}
