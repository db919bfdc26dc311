/**
 * An edge's history for `resume` beyond what the protocol core keeps in memory: the stream's
 * messages as the edge received them (a night is a few MB), under the stream's epoch. A seq whose
 * message the edge did not take (a game none of its clients followed) is a gap, until the game is
 * taken on and its history fills it.
 */
import type { ArchivedGap, ArchivedMessage, MessageArchive } from '../broadcast/index.ts';

type Entry = ArchivedMessage | ArchivedGap;

export class EdgeArchive implements MessageArchive {
  readonly #epoch: string;
  readonly #limit: number;
  #entries: Entry[] = [];
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
    this.#push(message);
  }

  /** The seqs up to `seq` are other games' messages. */
  skipTo(seq: number): void {
    if (seq < this.#head) throw new RangeError(`archive at ${this.#head}: cannot skip back to seq ${seq}`);
    while (this.#head < seq) this.#push({ seq: this.#head + 1, gap: true });
  }

  /** A message from the history of a game taken on, in place of its gap (if still held). */
  fill(message: ArchivedMessage): void {
    const first = this.#entries[0];
    if (!first || message.seq < first.seq || message.seq > this.#head) return;
    this.#entries[message.seq - first.seq] = message;
  }

  messagesSince(epoch: string, afterSeq: number, limit: number): readonly Entry[] | null {
    const first = this.#entries[0];
    if (epoch !== this.#epoch || !first || afterSeq < first.seq - 1 || afterSeq > this.#head) return null;
    const from = afterSeq + 1 - first.seq;
    return this.#entries.slice(from, from + limit);
  }

  #push(entry: Entry): void {
    this.#entries.push(entry);
    this.#head = entry.seq;
    // Dropped in blocks, so the array is not shifted once per message.
    if (this.#entries.length > this.#limit * 1.1) this.#entries = this.#entries.slice(-this.#limit);
  }
}
