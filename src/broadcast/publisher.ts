/**
 * The stream's message source in one process: the pipeline's messages, numbered here, written to
 * the durable log before anyone sees them, then handed to the core. The two rules of the local
 * side live here and nowhere else: which messages may be published, and that a message is
 * logged (or held, under a new epoch, while the log fails; see `LogWriter`) before it is sent.
 */
import type { ServerMessage, Unsequenced } from '../protocol/messages.ts';
import { BroadcastError } from './errors.ts';
import type { BroadcastLogger } from './logger.ts';
import { LogWriter } from './log-writer.ts';
import { newEpoch, type DurableMessageLog } from './options.ts';
import { Outgoing } from './outgoing.ts';
import { GAME_MESSAGE_TYPES, type GameMessage, type MessageSink } from './sink.ts';
import type { MessageTarget } from './source.ts';

export interface PublisherOptions {
  readonly log: DurableMessageLog | undefined;
  /** At most this many messages are held while the log fails. */
  readonly historySize: number;
  readonly validateOutgoing: boolean;
  readonly logger: BroadcastLogger;
}

export class Publisher implements MessageSink {
  readonly #target: MessageTarget;
  readonly #logWriter: LogWriter;
  readonly #outgoing: Outgoing;
  readonly #logger: BroadcastLogger;

  constructor(target: MessageTarget, options: PublisherOptions) {
    this.#target = target;
    this.#logWriter = new LogWriter(options.log, options.historySize);
    this.#outgoing = new Outgoing(options.validateOutgoing);
    this.#logger = options.logger;
  }

  /** Messages published while the durable log failed, not in it yet. */
  get held(): number {
    return this.#logWriter.held;
  }

  /** Writes the messages held since the durable log failed, if it works again; true once none is held. */
  retryLog(): boolean {
    return this.#logWriter.flush(this.#target.epoch);
  }

  /**
   * Stamps the next seq, appends to the durable log (if any) and hands the message to the core.
   * Returns the seq.
   */
  publish(message: Unsequenced<ServerMessage>): number {
    if (!GAME_MESSAGE_TYPES.has(message?.type)) {
      throw new BroadcastError('ERR_NOT_PUBLISHABLE', `cannot publish a ${String(message?.type)} message: only per-game messages are broadcast`);
    }
    const stamped = this.#outgoing.stamp(message as Unsequenced<GameMessage>, this.#target.seq + 1);
    const json = JSON.stringify(stamped);
    // Logged before anyone sees it: a client must never hold a seq the log lacks. A throw leaves the seq unused.
    if (this.#logWriter.append(stamped.seq, this.#target.epoch, json) === 'held_first') this.#startEpoch();
    this.#target.deliver({ seq: stamped.seq, type: stamped.type, gameId: stamped.game_id, json });
    return stamped.seq;
  }

  /** The log failed: clients move to an epoch it does not have yet, before they see a seq it lacks. */
  #startEpoch(): void {
    const previous = this.#target.epoch;
    const epoch = newEpoch();
    this.#logger.error({ previous, epoch, seq: this.#target.seq }, 'message log not writable; streaming from memory under a new epoch');
    this.#target.startEpoch(epoch);
  }
}
