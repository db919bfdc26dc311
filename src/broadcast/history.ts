/**
 * The replay buffer behind `resume`: the last N published messages, already serialized, in seq
 * order. A ring, so a long night costs the same memory as a short one. A server that follows only
 * some games (an edge) holds a gap frame at each seq of another game's message, so seqs stay
 * consecutive; such a frame may later be filled with its message.
 */
import type { BroadcastMessageType } from './sink.ts';

export interface Frame {
  readonly seq: number;
  readonly type: BroadcastMessageType;
  /** Undefined for a message about the service (`feed_status`): every client gets it. */
  readonly gameId: string | undefined;
  /** The message as its transport writes it (a WebSocket text frame), built once and written to every client as it is. */
  readonly wire: Buffer;
  /** A seq whose message this server does not hold: a message of a game none of its clients follows; sent to no one. */
  readonly gap?: true;
}

export function makeFrame(seq: number, type: BroadcastMessageType, gameId: string | undefined, wire: Buffer): Frame {
  return { seq, type, gameId, wire };
}

const NOTHING = Buffer.alloc(0);

/** The frame held where this server does not hold the message (`Frame.gap`): its type is a placeholder, its wire empty. */
export function makeGap(seq: number): Frame {
  return { seq, type: 'feed_status', gameId: undefined, wire: NOTHING, gap: true };
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
   * Gap frames for seqs `fromSeq` through `toSeq` (`fromSeq` must follow the newest frame, as in
   * `append`); only the last `capacity` are made, since the others would be overwritten at once.
   */
  appendGaps(fromSeq: number, toSeq: number): void {
    const capacity = this.#slots.length;
    if (capacity === 0 || toSeq < fromSeq) return;
    const newest = this.#at(this.#size - 1);
    if (newest && fromSeq !== newest.seq + 1) throw new RangeError(`history: seq ${fromSeq} does not follow ${newest.seq}`);
    let from = fromSeq;
    if (toSeq - fromSeq + 1 >= capacity) {
      // Every frame held would be overwritten: the ring starts again with the last `capacity` gaps.
      this.#slots.fill(undefined);
      this.#head = 0;
      this.#size = 0;
      from = toSeq - capacity + 1;
    }
    for (let seq = from; seq <= toSeq; seq += 1) this.append(makeGap(seq));
  }

  /** Replaces the frame held at `frame.seq` (a gap filled with its message); false, and nothing changed, when that seq is not held. */
  fill(frame: Frame): boolean {
    const oldest = this.oldestSeq;
    if (oldest === undefined) return false;
    const index = frame.seq - oldest;
    if (!Number.isInteger(index) || index < 0 || index >= this.#size) return false;
    this.#slots[(this.#head + index) % this.#slots.length] = frame;
    return true;
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
