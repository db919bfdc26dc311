/**
 * Whether the store keeps up with the service. A write that fails for want of storage (a full
 * disk, a read-only database, an I/O error) makes the service degraded, not silent: it streams
 * from memory and keeps what the store lacks (messages held for the log, games whose state is not
 * written, forecasts and grades not yet recorded) to write it again. It is degraded from that first
 * failure until nothing is left waiting; `/health` and `/metrics` read it from here.
 */
import type { Logger } from '../domain/logger.ts';

export interface StoreFailure {
  /** The store's error code (`full`, `read_only`, `io_error`, …). */
  readonly code: string;
  /** What was being written. */
  readonly operation: string;
  readonly message: string;
  /** ISO 8601. */
  readonly at: string;
}

/** What waits to be written, by kind. */
export interface PendingWrites {
  /** Broadcast messages held for the durable message log. */
  readonly messages: number;
  /** Games whose latest state the store lacks. */
  readonly games: number;
  /** Forecasts and halftime grades not yet recorded, so not yet sent. */
  readonly events: number;
}

export interface StoreHealthState {
  readonly degraded: boolean;
  /** ISO 8601: when the current degradation began; null when not degraded. */
  readonly since: string | null;
  /** The latest failure: the cause while degraded, the last incident otherwise. */
  readonly cause: StoreFailure | null;
  readonly pending: PendingWrites;
  /** Failed writes since start, by code. */
  readonly failures: Readonly<Record<string, number>>;
}

export class StoreHealth {
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #sources: Array<readonly [keyof PendingWrites, () => number]> = [];
  readonly #failures: Record<string, number> = {};
  #since: number | undefined;
  #cause: StoreFailure | undefined;

  constructor(options: { readonly logger: Logger; readonly now?: () => number }) {
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
  }

  /** Counts what one part of the service holds for the store. */
  track(kind: keyof PendingWrites, count: () => number): void {
    this.#sources.push([kind, count]);
  }

  /** A write failed for want of storage; what it wrote is kept by the caller to write again. */
  failed(operation: string, error: unknown): void {
    const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : 'unknown';
    const message = error instanceof Error ? error.message : String(error);
    this.#failures[code] = (this.#failures[code] ?? 0) + 1;
    const previous = this.#cause;
    this.#cause = { code, operation, message, at: new Date(this.#now()).toISOString() };
    if (this.#since === undefined) {
      this.#since = this.#now();
      this.#logger.error({ code, operation, err: error }, 'store write failed; streaming from memory and retrying (degraded)');
    } else if (previous?.code !== code) {
      this.#logger.warn({ code, operation, err: error }, 'store still failing, now for another cause');
    }
  }

  /** Ends the degradation once nothing waits to be written; called after every retry and report. */
  refresh(): void {
    if (this.#since === undefined) return;
    const pending = this.#pending();
    if (pending.messages + pending.games + pending.events > 0) return;
    const downSeconds = Math.round((this.#now() - this.#since) / 1000);
    this.#since = undefined;
    this.#logger.info({ down_s: downSeconds, cause: this.#cause?.code }, 'store writable again; everything held has been written');
  }

  state(): StoreHealthState {
    this.refresh();
    return {
      degraded: this.#since !== undefined,
      since: this.#since === undefined ? null : new Date(this.#since).toISOString(),
      cause: this.#cause ?? null,
      pending: this.#pending(),
      failures: { ...this.#failures },
    };
  }

  #pending(): PendingWrites {
    const pending = { messages: 0, games: 0, events: 0 };
    for (const [kind, count] of this.#sources) pending[kind] += count();
    return pending;
  }
}
