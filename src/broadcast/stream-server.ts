/**
 * The stream as a server: the protocol core (`core.ts`) behind the `ws` transport (`use/ws.ts`),
 * fed by any message source through `target`. The `Broadcaster` is this fed by its local
 * `Publisher`; an edge of several machines feeds `target` from a stream it consumes, numbered
 * there, and gives that stream as the archive `resume` reads beyond memory.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { StreamCore, type StreamStats } from './core.ts';
import { resolveOptions, type BroadcasterOptions } from './options.ts';
import type { MessageArchive, SparseTarget } from './source.ts';
import { WsTransport, type AdmissionStats } from './use/ws.ts';

export type BroadcastStats = StreamStats & AdmissionStats;

/** The options of a stream whose source says where it stands (`StreamStart`). */
export type StreamServerOptions = Omit<BroadcasterOptions, 'log' | 'epoch'>;

/** Where the stream stands when it starts. */
export interface StreamStart {
  readonly epoch: string;
  /** The seq of the last message already numbered (0 before the first); the next delivered is `seq + 1`. */
  readonly seq: number;
  /** History older than memory holds, for `resume`; none means such a gap gets a snapshot. */
  readonly archive: MessageArchive | undefined;
}

export class StreamServer {
  readonly #core: StreamCore;
  readonly #transport: WsTransport;
  #closing: Promise<void> | undefined;

  constructor(options: StreamServerOptions, start: StreamStart) {
    // The start, not a log, says where the stream stands.
    const o = resolveOptions({ ...options, log: undefined, epoch: start.epoch });
    this.#core = new StreamCore({ ...o, seq: start.seq, archive: start.archive, encode: WsTransport.encode });
    this.#transport = new WsTransport(o, this.#core);
  }

  /** Where the source delivers its messages; one that follows only its clients' games also skips and fills gaps. */
  get target(): SparseTarget {
    return this.#core;
  }

  get clientCount(): number {
    return this.#core.clientCount;
  }

  /** The seq of the last message delivered (0 before the first). */
  get seq(): number {
    return this.#core.seq;
  }

  /** Identifies the history `seq` belongs to. */
  get epoch(): string {
    return this.#core.epoch;
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
