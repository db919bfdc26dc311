/**
 * Courtside's WebSocket stream in one process: the `Publisher` stamps every per-game message with
 * a server-wide `seq` and logs it, then hands it to the stream (`stream-server.ts`: the protocol
 * core behind the `ws` transport), which keeps a bounded history for `resume` and fans each
 * message out to the clients subscribed to its game. Greets each client with a snapshot, answers
 * bad input with an `error` message, keeps slow readers from holding anyone back, and finds dead
 * peers with pings.
 *
 * Frames above `maxPayloadBytes` get a `message_too_large` reply; frames above four times that
 * are not even read: ws closes the connection with 1009, so a hostile client cannot make the
 * server buffer megabytes. What the server holds for one client is bounded by its output budget
 * (4009), what it may ask for by its rate limits (4029), and resumes are replayed a page per turn.
 */
import type { ServerMessage, Unsequenced } from '../protocol/messages.ts';
import { resolveOptions, type BroadcasterOptions } from './options.ts';
import { Publisher } from './publisher.ts';
import type { MessageSink } from './sink.ts';
import { StreamServer } from './stream-server.ts';

export class Broadcaster extends StreamServer implements MessageSink {
  readonly #publisher: Publisher;

  constructor(options: BroadcasterOptions) {
    // The durable log says where the stream stands: its epoch, its last seq, its older history.
    const o = resolveOptions(options);
    super(options, { epoch: o.epoch, seq: o.lastSeq, archive: o.log });
    this.#publisher = new Publisher(this.target, o);
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
}
