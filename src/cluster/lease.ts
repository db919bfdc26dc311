/**
 * The pollers' lease: one key in a KV bucket whose entries expire `ttl` after their last write.
 * Whoever creates the key holds it and must rewrite it (compare-and-set on its revision) well
 * within the TTL; once a holder stops, the key expires and the next `tryAcquire` wins it. The lease
 * only decides who polls: what keeps a former holder from publishing is the stream's fence
 * (`FencedPublisher`), so a paused process that wakes up believing it leads does no harm.
 */
import type { KV } from '@nats-io/kv';
import { LEASE_KEY } from './names.ts';

export class Lease {
  readonly #kv: KV;
  readonly #holder: string;
  #revision: number | undefined;

  constructor(kv: KV, holder: string) {
    if (holder.length === 0) throw new RangeError('lease holder must be a non-empty name');
    this.#kv = kv;
    this.#holder = holder;
  }

  get held(): boolean {
    return this.#revision !== undefined;
  }

  /** True when the key was free and is now this holder's. */
  async tryAcquire(): Promise<boolean> {
    try {
      this.#revision = await this.#kv.create(LEASE_KEY, this.#holder);
      return true;
    } catch (error) {
      if (isTaken(error)) return false;
      throw error;
    }
  }

  /** Writes the key again; false when someone else holds it now (the lease lapsed), and it is dropped. */
  async renew(): Promise<boolean> {
    const revision = this.#revision;
    if (revision === undefined) return false;
    try {
      this.#revision = await this.#kv.update(LEASE_KEY, this.#holder, revision);
      return true;
    } catch (error) {
      if (!isTaken(error)) throw error;
      this.#revision = undefined;
      return false;
    }
  }

  /** Forgets the lease here without touching the key (renewals failed for a whole TTL: it has lapsed). */
  drop(): void {
    this.#revision = undefined;
  }

  /** Frees the key at once for a standby (a clean shutdown), if still this holder's. */
  async release(): Promise<void> {
    const revision = this.#revision;
    this.#revision = undefined;
    if (revision === undefined) return;
    try {
      await this.#kv.delete(LEASE_KEY, { previousSeq: revision });
    } catch (error) {
      if (!isTaken(error)) throw error;
    }
  }

  /** Who holds the lease now, if anyone (for logs and health). */
  async holder(): Promise<string | undefined> {
    const entry = await this.#kv.get(LEASE_KEY);
    return entry && entry.operation === 'PUT' ? entry.string() : undefined;
  }
}

/** The key exists (create) or moved on (update): the server's compare-and-set refused. */
function isTaken(error: unknown): boolean {
  return /wrong last sequence|key exists/i.test((error as Error)?.message ?? '');
}
