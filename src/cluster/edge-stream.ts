/**
 * The whole stream, as an edge following every game takes it: every message from where it starts,
 * in order, checked to be the per-game message its sequence says it is, then handed on (to the game
 * ledger for snapshots, and to the protocol core for clients). A message that fails the check stops the edge's stream
 * where it is, with an error naming it: clients keep what they have, and never get a seq twice or
 * a hole in place of it.
 */
import type { JetStreamClient } from '@nats-io/jetstream';
import { GAME_MESSAGE_TYPES, type GameMessage } from '../broadcast/index.ts';
import type { Logger } from '../domain/logger.ts';
import { type StreamMessage, type StreamTail, tailStream } from './stream-reader.ts';

export class EdgeStream {
  readonly #js: JetStreamClient;
  readonly #deliver: (message: GameMessage, raw: StreamMessage) => void;
  readonly #logger: Logger;
  #seq: number;
  #tail: StreamTail | undefined;
  #stalled: string | undefined;
  #stopped = false;
  #waiters: Array<{ readonly seq: number; readonly resolve: (reached: boolean) => void }> = [];

  /** `afterSeq`: the last seq already delivered (the stream's first seq − 1 for a fresh edge). */
  constructor(js: JetStreamClient, afterSeq: number, deliver: (message: GameMessage, raw: StreamMessage) => void, logger: Logger) {
    this.#js = js;
    this.#seq = afterSeq;
    this.#deliver = deliver;
    this.#logger = logger;
  }

  /** The seq of the last message delivered. */
  get seq(): number {
    return this.#seq;
  }

  /** Why the stream stopped at `seq`, if a message failed its check. */
  get stalled(): string | undefined {
    return this.#stalled;
  }

  /**
   * `behind()` tells whether the stream holds messages past `seq`: checked whenever nothing has
   * arrived for `watchMs`, since a consumer can also go quiet without ending (seen across a node restart).
   */
  watch(behind: (seq: number) => Promise<boolean>, watchMs = 2_000): void {
    let seen = this.#seq;
    const check = async (): Promise<void> => {
      if (this.#stopped) return;
      if (this.#seq === seen && this.#stalled === undefined && (await behind(this.#seq).catch(() => false))) {
        this.#resume('stream consumer quiet while the stream went on');
      }
      seen = this.#seq;
      setTimeout(() => void check(), watchMs).unref();
    };
    setTimeout(() => void check(), watchMs).unref();
  }

  async start(): Promise<void> {
    this.#stopped = false;
    this.#tail?.stop();
    const tail = await tailStream(this.#js, this.#seq + 1, (m) => this.#received(m));
    this.#tail = tail;
    // The library re-creates an ordered consumer on most failures, but not all (a cluster that loses
    // the consumer's leader can end it): whatever ends it, the edge follows on from its last seq.
    void tail.ended.then(
      () => this.#tail === tail && this.#resume('stream consumer ended'),
      (error: unknown) => this.#tail === tail && this.#resume('stream consumer failed', error),
    );
  }

  #resume(what: string, error?: unknown): void {
    if (this.#stopped) return;
    this.#logger.warn({ err: error, seq: this.#seq }, `${what}; following on from the last seq`);
    setTimeout(() => {
      if (!this.#stopped) this.start().catch((err: unknown) => this.#resume('stream consumer did not start', err));
    }, 250).unref();
  }

  /** True once `seq` is delivered, false if it is not within `withinMs`. */
  reach(seq: number, withinMs: number): Promise<boolean> {
    if (this.#seq >= seq) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { seq, resolve };
      this.#waiters.push(waiter);
      setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        resolve(this.#seq >= seq);
      }, withinMs).unref();
    });
  }

  stop(): void {
    this.#stopped = true;
    this.#tail?.stop();
    for (const w of this.#waiters) w.resolve(this.#seq >= w.seq);
    this.#waiters = [];
  }

  #received(raw: StreamMessage): void {
    if (this.#stalled) return;
    // A redelivery after a reconnect: already handed on.
    if (raw.seq <= this.#seq) return;
    const read = raw.seq !== this.#seq + 1 ? `seq ${raw.seq} follows ${this.#seq}: the stream lost messages` : readMessage(raw);
    if (typeof read === 'string') {
      this.#stalled = read;
      this.#logger.error({ seq: raw.seq }, `stream stopped at seq ${this.#seq}: ${read}`);
      // Whoever waits to get past here would wait in vain.
      for (const w of this.#waiters) w.resolve(false);
      this.#waiters = [];
      return;
    }
    this.#deliver(read, raw);
    this.#seq = raw.seq;
    if (this.#waiters.length === 0) return;
    const reached = this.#waiters.filter((w) => w.seq <= raw.seq);
    this.#waiters = this.#waiters.filter((w) => w.seq > raw.seq);
    for (const w of reached) w.resolve(true);
  }
}

/** The message, or what is wrong with it. */
export function readMessage(raw: StreamMessage): GameMessage | string {
  let message: Partial<GameMessage>;
  try {
    message = JSON.parse(raw.json) as Partial<GameMessage>;
  } catch {
    return `message ${raw.seq} is not JSON`;
  }
  if (!GAME_MESSAGE_TYPES.has(String(message?.type)) || typeof message.game_id !== 'string') return `message ${raw.seq} is not a per-game message`;
  if (message.seq !== raw.seq) return `message ${raw.seq} says it is seq ${String(message.seq)}`;
  return message as GameMessage;
}
