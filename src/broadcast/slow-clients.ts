/**
 * Keeps one slow reader from costing everyone else: once its send buffer passes the threshold,
 * its messages go to a compacted backlog instead of its socket; when the socket drains it gets the
 * backlog (latest score per game, every other message), and if it never drains it is let go.
 */
import { Backlog } from './backlog.ts';
import type { Client } from './client.ts';
import type { Frame } from './history.ts';

export interface SlowClientPolicy {
  readonly thresholdBytes: number;
  readonly timeoutMs: number;
  readonly onCaughtUp: (client: Client, owed: Frame[]) => void;
  readonly onTimeout: (client: Client) => void;
}

export class SlowClients {
  readonly #policy: SlowClientPolicy;
  readonly #slow = new Set<Client>();
  /** Catch-up is noticed within this; a fraction of the timeout, so the timeout stays honest. */
  readonly #checkEveryMs: number;
  #timer: NodeJS.Timeout | undefined;
  #droppedBefore = 0;

  constructor(policy: SlowClientPolicy) {
    this.#policy = policy;
    this.#checkEveryMs = Math.max(5, Math.min(100, Math.floor(policy.timeoutMs / 4)));
  }

  get count(): number {
    return this.#slow.size;
  }

  /** Score updates never delivered because a newer one replaced them in a backlog. */
  get dropped(): number {
    let held = 0;
    for (const client of this.#slow) held += client.backlog?.dropped ?? 0;
    return this.#droppedBefore + held;
  }

  /** True when the client is (now) behind and must be given frames through its backlog. */
  isBehind(client: Client): boolean {
    if (client.backlog) return true;
    if (client.bufferedAmount <= this.#policy.thresholdBytes) return false;
    client.backlog = new Backlog();
    client.slowSince = Date.now();
    this.#slow.add(client);
    if (!this.#timer) {
      this.#timer = setInterval(() => this.#check(), this.#checkEveryMs);
      this.#timer.unref();
    }
    return true;
  }

  /** The client left (closed, timed out): stop watching it. */
  forget(client: Client): void {
    if (!this.#slow.delete(client)) return;
    this.#droppedBefore += client.backlog?.dropped ?? 0;
    client.backlog = undefined;
    this.#stopWhenIdle();
  }

  stop(): void {
    for (const client of [...this.#slow]) this.forget(client);
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #check(): void {
    const now = Date.now();
    for (const client of [...this.#slow]) {
      // Half the threshold: leaving at the threshold itself would flap on every message.
      if (client.bufferedAmount <= this.#policy.thresholdBytes / 2) {
        const owed = client.backlog?.drain() ?? [];
        this.forget(client);
        this.#policy.onCaughtUp(client, owed);
      } else if (now - client.slowSince >= this.#policy.timeoutMs) {
        this.forget(client);
        this.#policy.onTimeout(client);
      }
    }
  }

  #stopWhenIdle(): void {
    if (this.#slow.size > 0 || !this.#timer) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
