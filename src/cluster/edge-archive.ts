/**
 * An edge's history for `resume` beyond what the protocol core keeps in memory: the stream's
 * messages as the edge received them (a night is a few MB), under the stream's epoch.
 */
import type { ArchivedMessage, MessageArchive } from '../broadcast/index.ts';

export class EdgeArchive implements MessageArchive {
  readonly #epoch: string;
  readonly #limit: number;
  #messages: ArchivedMessage[] = [];
  #head: number;

  /** `afterSeq`: the seq before the first message this edge will hold. */
  constructor(epoch: string, afterSeq: number, limit = 500_000) {
    this.#epoch = epoch;
    this.#head = afterSeq;
    this.#limit = limit;
  }

  /** Seqs must follow one another: the stream's are consecutive. */
  append(message: ArchivedMessage): void {
    if (message.seq !== this.#head + 1) throw new RangeError(`archive at ${this.#head}: cannot append seq ${message.seq}`);
    this.#messages.push(message);
    this.#head = message.seq;
    // Dropped in blocks, so the array is not shifted once per message.
    if (this.#messages.length > this.#limit * 1.1) this.#messages = this.#messages.slice(-this.#limit);
  }

  messagesSince(epoch: string, afterSeq: number, limit: number): readonly ArchivedMessage[] | null {
    const first = this.#messages[0];
    if (epoch !== this.#epoch || !first || afterSeq < first.seq - 1 || afterSeq > this.#head) return null;
    const from = afterSeq + 1 - first.seq;
    return this.#messages.slice(from, from + limit);
  }
}
