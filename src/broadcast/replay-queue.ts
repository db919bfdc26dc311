/**
 * Replays run a page at a time: one page per turn of the event loop across every resuming client,
 * in turn, so a hundred clients replaying a night after a restart never hold the loop for more
 * than one page; `/health`, the feed and live messages go between pages. A client gets its next
 * page only once its socket has taken most of the previous ones (send buffer at most
 * `paceBytes`), so a replay never piles up in the server's memory, and one that takes nothing for
 * `stallMs` is given up on. A replay runs until the head, so the client goes live in the same
 * turn as its last page and never sees a live message ahead of the history before it.
 */
import type { Frame } from './history.ts';
import type { Page } from './replay.ts';

/** What the queue needs to know of a client: how much of what it was sent its socket still holds. */
export interface Replaying {
  readonly bufferedAmount: number;
}

export interface ReplayPacing {
  /** A page is sent only while the client's send buffer holds at most this. */
  readonly paceBytes: number;
  /** A client held back by its buffer this long is given up on. */
  readonly stallMs: number;
  /** How often clients that are all held back are looked at again (default 10 ms). */
  readonly recheckMs?: number;
}

export interface ReplayHandlers<C extends Replaying> {
  /** Up to one page of messages after `afterSeq`. */
  read(afterSeq: number): Page;
  /** The last published seq: a replay that reached it is done. */
  head(): number;
  /** Sends a page; false when the client was closed instead (over its budget). */
  deliver(client: C, frames: readonly Frame[]): boolean;
  /** The replay reached the head: from now on the client gets live messages. */
  finished(client: C): void;
  /** The gap can no longer be replayed exactly (history overwritten, log failed). */
  failed(client: C, page: Extract<Page, { ok: false }>): void;
  stalled(client: C): void;
}

interface Cursor {
  afterSeq: number;
  /** When the client was first found held back by its buffer (ms, on `now`'s clock). */
  heldSince: number | undefined;
}

export class ReplayQueue<C extends Replaying> {
  readonly #pacing: Required<ReplayPacing>;
  readonly #handlers: ReplayHandlers<C>;
  readonly #now: () => number;
  /** In serving order: a served client moves to the back. */
  readonly #cursors = new Map<C, Cursor>();
  #immediate: NodeJS.Immediate | undefined;
  #timer: NodeJS.Timeout | undefined;
  #idleWaiters: Array<() => void> = [];

  constructor(pacing: ReplayPacing, handlers: ReplayHandlers<C>, now: () => number = () => performance.now()) {
    this.#pacing = { recheckMs: 10, ...pacing };
    this.#handlers = handlers;
    this.#now = now;
  }

  get size(): number {
    return this.#cursors.size;
  }

  has(client: C): boolean {
    return this.#cursors.has(client);
  }

  /** Replays everything after `afterSeq`, from the next turn on; replaces a replay already running. */
  start(client: C, afterSeq: number): void {
    this.#cursors.delete(client);
    this.#cursors.set(client, { afterSeq, heldSince: undefined });
    this.#schedule(true);
  }

  forget(client: C): void {
    this.#cursors.delete(client);
    this.#whenEmpty();
  }

  /** Resolves once no replay is running (at once if none is). */
  idle(): Promise<void> {
    if (this.#cursors.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  stop(): void {
    this.#cursors.clear();
    this.#unschedule();
    this.#whenEmpty();
  }

  #turn(): void {
    this.#unschedule();
    const now = this.#now();
    let served = false;
    for (const [client, cursor] of this.#cursors) {
      if (client.bufferedAmount <= this.#pacing.paceBytes) {
        this.#serve(client, cursor);
        served = true;
        break;
      }
      cursor.heldSince ??= now;
      if (now - cursor.heldSince >= this.#pacing.stallMs) {
        this.#cursors.delete(client);
        this.#handlers.stalled(client);
      }
    }
    if (this.#cursors.size > 0) this.#schedule(served);
    else this.#whenEmpty();
  }

  #whenEmpty(): void {
    if (this.#cursors.size > 0 || this.#idleWaiters.length === 0) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  #serve(client: C, cursor: Cursor): void {
    this.#cursors.delete(client);
    cursor.heldSince = undefined;
    const page = this.#handlers.read(cursor.afterSeq);
    if (!page.ok) {
      this.#handlers.failed(client, page);
      return;
    }
    // The page's last frame moves the cursor, whatever the client was sent of it: a page of gaps or of other games' messages still advances.
    const last = page.frames.at(-1);
    if (last) {
      if (!this.#handlers.deliver(client, page.frames)) return;
      cursor.afterSeq = last.seq;
    }
    if (cursor.afterSeq >= this.#handlers.head()) {
      this.#handlers.finished(client);
      return;
    }
    this.#cursors.set(client, cursor);
  }

  /** `soon`: the next turn; otherwise everyone is held back, so look again in a little while. */
  #schedule(soon: boolean): void {
    if (this.#immediate) return;
    if (soon) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#immediate = setImmediate(() => this.#turn());
      return;
    }
    this.#timer ??= setTimeout(() => this.#turn(), this.#pacing.recheckMs);
  }

  #unschedule(): void {
    if (this.#immediate) clearImmediate(this.#immediate);
    clearTimeout(this.#timer);
    this.#immediate = undefined;
    this.#timer = undefined;
  }
}
