/**
 * Some games of the stream, back in one `seq` order. Each game arrives on its own tail, in order;
 * a message is released only once every other game followed is known to have nothing before it,
 * learnt from that game's tail or by asking the stream for its next message. The seqs between
 * two released messages are other games' messages: gaps, so the target's seqs stay consecutive. A
 * game that joins first gets its history (the messages before the position) as backfill.
 */
import type { GameMessage } from '../broadcast/index.ts';
import type { Logger } from '../domain/logger.ts';
import { readMessage } from './edge-stream.ts';
import type { StreamMessage } from './stream-reader.ts';

export interface MergeTarget {
  /** The next message in seq order. */
  deliver(message: GameMessage, raw: StreamMessage): void;
  /** Seqs up to `seq` are messages of games not followed. */
  skipTo(seq: number): void;
  /** A message of a joining game from at or before the position, in that game's order. */
  backfill(message: GameMessage, raw: StreamMessage): void;
}

/** The seq of the first message of `gameId` at or after `fromSeq`, undefined when there is none yet. */
export type NextSeq = (gameId: string, fromSeq: number) => Promise<number | undefined>;

interface Lane {
  readonly gameId: string;
  /** Every message of this game up to `clear` has been received. */
  clear: number;
  readonly queue: Array<{ readonly message: GameMessage; readonly raw: StreamMessage }>;
  /** Messages its tail said were still to come after the last one. */
  pending: number;
  asking: boolean;
}

/** Someone waiting for the merge to get somewhere: `until` says when it has. */
interface Waiter {
  readonly until: () => boolean;
  readonly resolve: () => void;
}

const RETRY_MS = 250;

export class GameMerge {
  readonly #target: MergeTarget;
  readonly #nextSeq: NextSeq;
  readonly #logger: Logger;
  readonly #lanes = new Map<string, Lane>();
  #position: number;
  /** The highest seq known to be in the stream. */
  #known: number;
  #stalled: string | undefined;
  #waiters: Waiter[] = [];
  #stopped = false;

  /** `position`: the seq through which the target is complete. */
  constructor(position: number, target: MergeTarget, nextSeq: NextSeq, logger: Logger) {
    this.#position = position;
    this.#known = position;
    this.#target = target;
    this.#nextSeq = nextSeq;
    this.#logger = logger;
  }

  get position(): number {
    return this.#position;
  }

  get stalled(): string | undefined {
    return this.#stalled;
  }

  get games(): string[] {
    return [...this.#lanes.keys()];
  }

  has(gameId: string): boolean {
    return this.#lanes.has(gameId);
  }

  /**
   * Follows a game from its first message: `received` then takes its whole history. `caughtUp`:
   * it has every message to the position already (it was followed until now).
   */
  add(gameId: string, caughtUp = false): void {
    if (this.#lanes.has(gameId)) return;
    this.#lanes.set(gameId, { gameId, clear: caughtUp ? this.#position : 0, queue: [], pending: 0, asking: false });
    this.#release();
  }

  /** Lets a game go: what it had queued becomes gaps. */
  remove(gameId: string): void {
    if (this.#lanes.delete(gameId)) this.#release();
  }

  /** A message from `gameId`'s tail. */
  received(gameId: string, raw: StreamMessage): void {
    const lane = this.#lanes.get(gameId);
    // A lane let go, or a redelivery after its tail was made again.
    if (!lane || raw.seq <= lane.clear || this.#stalled !== undefined) return;
    const message = readMessage(raw);
    const wrong = typeof message === 'string' ? message : message.game_id !== gameId ? `message ${raw.seq} is about ${message.game_id}, not ${gameId}` : undefined;
    if (wrong !== undefined || typeof message === 'string') {
      this.#stalled = wrong;
      this.#logger.error({ seq: raw.seq, game: gameId }, `stream stopped at seq ${this.#position}: ${wrong}`);
      this.#letGo();
      return;
    }
    lane.clear = raw.seq;
    lane.pending = raw.pending ?? 0;
    if (raw.seq <= this.#position) this.#target.backfill(message, raw);
    else lane.queue.push({ message, raw });
    this.#known = Math.max(this.#known, raw.seq);
    this.#release();
  }

  /** `seq` is in the stream: the position gets there once every game followed is known to be clear to it. */
  advanceTo(seq: number): void {
    if (seq <= this.#known) return;
    this.#known = seq;
    this.#release();
  }

  /** True once the position reaches `seq` (see `advanceTo`), false if it does not within `withinMs`. */
  reach(seq: number, withinMs: number): Promise<boolean> {
    return this.#within(() => this.#position >= seq, withinMs);
  }

  /** True once every one of `games` is followed and has all its messages to the position; false if not within `withinMs`, or stopped. */
  held(games: readonly string[], withinMs: number): Promise<boolean> {
    return this.#within(() => this.#holds(games), withinMs);
  }

  isHeld(games: readonly string[]): boolean {
    return this.#holds(games);
  }

  /** `gameId`'s tail was made again: what it said was still to come is not owed any more, so the stream is asked. */
  tailRestarted(gameId: string): void {
    const lane = this.#lanes.get(gameId);
    if (!lane) return;
    lane.pending = 0;
    this.#release();
  }

  /** The seq through which `gameId`'s messages have all been received (where its tail goes on from). */
  clearOf(gameId: string): number | undefined {
    return this.#lanes.get(gameId)?.clear;
  }

  /** Games behind what the stream is known to hold, with how far each has got. */
  lagging(): Map<string, number> {
    return new Map([...this.#lanes.values()].filter((lane) => lane.clear < this.#known).map((lane) => [lane.gameId, lane.clear]));
  }

  /** Stops releasing; whoever waits is let go (to look again at what follows the stream now). */
  stop(): void {
    this.#stopped = true;
    this.#letGo();
  }

  #letGo(): void {
    for (const w of this.#waiters) w.resolve();
    this.#waiters = [];
  }

  #holds(games: readonly string[]): boolean {
    return games.every((gameId) => (this.#lanes.get(gameId)?.clear ?? -1) >= this.#position);
  }

  #within(until: () => boolean, withinMs: number): Promise<boolean> {
    if (until()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        until,
        resolve: () => {
          clearTimeout(timer);
          resolve(until());
        },
      };
      // Given up on, a waiter goes: a client's resume from a seq the stream never reaches must not stay behind.
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        resolve(until());
      }, withinMs);
      this.#waiters.push(waiter);
    });
  }

  #release(): void {
    if (this.#stopped || this.#stalled !== undefined) return;
    let frontier = this.#known;
    for (const lane of this.#lanes.values()) frontier = Math.min(frontier, lane.clear);
    if (frontier > this.#position) {
      const ready = [...this.#lanes.values()].flatMap((lane) => {
        const count = lane.queue.findIndex((q) => q.raw.seq > frontier);
        return lane.queue.splice(0, count === -1 ? lane.queue.length : count);
      });
      ready.sort((a, b) => a.raw.seq - b.raw.seq);
      for (const { message, raw } of ready) {
        if (raw.seq - 1 > this.#position) this.#target.skipTo(raw.seq - 1);
        this.#target.deliver(message, raw);
        this.#position = raw.seq;
      }
      if (frontier > this.#position) this.#target.skipTo(frontier);
      this.#position = frontier;
    }
    if (this.#waiters.length > 0) {
      const done = this.#waiters.filter((w) => w.until());
      this.#waiters = this.#waiters.filter((w) => !done.includes(w));
      for (const w of done) w.resolve();
    }
    for (const lane of this.#lanes.values()) {
      // A tail with more to come will tell; otherwise ask the stream what is next for this game.
      if (lane.clear < this.#known && !lane.asking && lane.pending === 0) this.#ask(lane);
    }
  }

  #ask(lane: Lane): void {
    const upTo = this.#known;
    lane.asking = true;
    this.#nextSeq(lane.gameId, lane.clear + 1).then(
      (next) => {
        lane.asking = false;
        if (this.#lanes.get(lane.gameId) !== lane) return;
        // Nothing yet: `upTo` was in the stream before the question, so none of this game's can come before it.
        lane.clear = Math.max(lane.clear, next === undefined ? upTo : next - 1);
        // The tail has `next` on its way (unless it came while we asked): wait for it rather than ask again.
        if (next !== undefined && next > lane.clear && next <= this.#known) lane.pending = Math.max(lane.pending, 1);
        this.#release();
      },
      (error: unknown) => {
        this.#logger.warn({ err: error, game: lane.gameId }, 'could not ask the stream for a game\'s next message; asking again');
        setTimeout(() => {
          lane.asking = false;
          this.#release();
        }, RETRY_MS).unref();
      },
    );
  }
}
