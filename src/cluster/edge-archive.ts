/**
 * An edge's history for `resume` beyond the broadcaster's ring: the stream's messages as the edge
 * received them, in memory (a night is a few MB), under the stream's epoch. It plays the
 * broadcaster's durable log: the broadcaster appends each message it is handed, and reads gaps back.
 */
import type { DurableMessageLog } from '../broadcast/index.ts';

export class EdgeArchive implements DurableMessageLog {
  readonly #epoch: string;
  readonly #limit: number;
  #messages: Array<{ readonly seq: number; readonly json: string }> = [];
  #head: number;

  /** `afterSeq`: the seq before the first message this edge will hold. */
  constructor(epoch: string, afterSeq: number, limit = 500_000) {
    this.#epoch = epoch;
    this.#head = afterSeq;
    this.#limit = limit;
  }

  appendMessage(seq: number, epoch: string, json: string): void {
    if (epoch !== this.#epoch || seq !== this.#head + 1) throw new RangeError(`archive of ${this.#epoch} at ${this.#head}: cannot append ${epoch} ${seq}`);
    this.#messages.push({ seq, json });
    this.#head = seq;
    // Dropped in blocks, so the array is not shifted once per message.
    if (this.#messages.length > this.#limit * 1.1) this.#messages = this.#messages.slice(-this.#limit);
  }

  messagesSince(epoch: string, afterSeq: number, limit: number): readonly { readonly seq: number; readonly json: string }[] | null {
    const first = this.#messages[0];
    if (epoch !== this.#epoch || !first || afterSeq < first.seq - 1 || afterSeq > this.#head) return null;
    const from = afterSeq + 1 - first.seq;
    return this.#messages.slice(from, from + limit);
  }

  messageLogHead(): { readonly epoch: string; readonly seq: number } {
    return { epoch: this.#epoch, seq: this.#head };
  }
}
