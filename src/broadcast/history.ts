/**
 * The replay buffer behind `resume`: the last N published messages, already serialized, in seq
 * order. A ring, so a long night costs the same memory as a short one.
 */
import type { GameMessageType } from './sink.ts';

export interface Frame {
  readonly seq: number;
  readonly type: GameMessageType;
  readonly gameId: string;
  /** The message as its transport writes it (a WebSocket text frame), built once and written to every client as it is. */
  readonly wire: Buffer;
}

export function makeFrame(seq: number, type: GameMessageType, gameId: string, wire: Buffer): Frame {
  return { seq, type, gameId, wire };
}

export class History {
  readonly #slots: Array<Frame | undefined>;
  /** Index of the oldest frame. */
  #head = 0;
  #size = 0;

  constructor(capacity: number) {
    this.#slots = new Array<Frame | undefined>(capacity).fill(undefined);
  }

  get size(): number {
    return this.#size;
  }

  /** Seq of the oldest frame held, undefined when empty. */
  get oldestSeq(): number | undefined {
    return this.#size === 0 ? undefined : this.#slots[this.#head]?.seq;
  }

  /** Appends a frame; seqs must be consecutive so `page` can index instead of search. */
  append(frame: Frame): void {
    const capacity = this.#slots.length;
    if (capacity === 0) return;
    const newest = this.#at(this.#size - 1);
    if (newest && frame.seq !== newest.seq + 1) {
      throw new RangeError(`history: seq ${frame.seq} does not follow ${newest.seq}`);
    }
    if (this.#size < capacity) {
      this.#slots[(this.#head + this.#size) % capacity] = frame;
      this.#size += 1;
    } else {
      this.#slots[this.#head] = frame;
      this.#head = (this.#head + 1) % capacity;
    }
  }

  /**
   * Up to `limit` frames with a seq above `afterSeq`, oldest first: one page of a replay. Undefined
   * when the oldest of them has already been overwritten (the caller must look elsewhere).
   */
  page(afterSeq: number, limit: number): Frame[] | undefined {
    const oldest = this.oldestSeq;
    if (oldest === undefined) return undefined;
    if (afterSeq < oldest - 1) return undefined;
    const frames: Frame[] = [];
    const from = Math.max(0, afterSeq + 1 - oldest);
    for (let i = from; i < this.#size && frames.length < limit; i += 1) {
      const frame = this.#at(i);
      if (frame) frames.push(frame);
    }
    return frames;
  }

  #at(index: number): Frame | undefined {
    if (index < 0 || index >= this.#size) return undefined;
    return this.#slots[(this.#head + index) % this.#slots.length];
  }
}
