/**
 * Finds dead peers: a TCP connection can vanish without a FIN (a laptop lid, a NAT timeout), and
 * only an unanswered ping reveals it. One timer for all clients.
 */
export interface Pingable {
  /** Cleared at each ping, set by the pong: still false at the next ping means the peer is gone. */
  isAlive: boolean;
  ping(): void;
}

export class Heartbeat<C extends Pingable> {
  readonly #intervalMs: number;
  readonly #clients: () => Iterable<C>;
  readonly #onDead: (client: C) => void;
  #timer: NodeJS.Timeout | undefined;

  constructor(intervalMs: number, clients: () => Iterable<C>, onDead: (client: C) => void) {
    this.#intervalMs = intervalMs;
    this.#clients = clients;
    this.#onDead = onDead;
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => this.#beat(), this.#intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #beat(): void {
    for (const client of [...this.#clients()]) {
      if (!client.isAlive) {
        this.#onDead(client);
        continue;
      }
      client.isAlive = false;
      client.ping();
    }
  }
}
